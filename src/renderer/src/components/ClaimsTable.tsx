// A token's claims: value, human-readable time next to epoch values, and why each claim is
// there (the claim notes of claim assembly), then the asked-for claims that are absent.
import type { ClaimNoteDto } from '../../../common/admin-api';
import { dateTime, relative, TIME_CLAIMS } from '../lib/time';

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function ClaimsTable({ claims, notes = [] }: { claims: Record<string, unknown>; notes?: ClaimNoteDto[] | undefined }) {
  const why = new Map(notes.filter((n) => n.present).map((n) => [n.claim, n.why]));
  const absent = notes.filter((n) => !n.present);
  const withWhy = notes.length > 0;
  return (
    <table className="claims">
      <thead>
        <tr>
          <th scope="col">claim</th>
          <th scope="col">value</th>
          {withWhy && <th scope="col">why</th>}
        </tr>
      </thead>
      <tbody>
        {Object.entries(claims).map(([name, value]) => (
          <tr key={name}>
            <th scope="row" className="mono">
              {name}
            </th>
            <td className="mono value">
              {show(value)}
              {TIME_CLAIMS.has(name) && typeof value === 'number' && (
                <>
                  {' '}
                  <span className="hint when">
                    {dateTime(value * 1000)} ({relative(value * 1000)})
                  </span>
                </>
              )}
            </td>
            {withWhy && <td className="why">{why.get(name) ?? ''}</td>}
          </tr>
        ))}
        {absent.map((n) => (
          <tr key={`absent-${n.claim}`} className="absent">
            <th scope="row" className="mono">
              ✗ {n.claim}
            </th>
            <td className="hint">absent</td>
            <td className="why">{n.why}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
