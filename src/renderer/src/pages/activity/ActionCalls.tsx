// The Actions of one request: every v2 target called and v1 script run, with payload, reply or
// error, duration, and what became of each claim it set (zitadel-actions.md §2.6).
import type { ActionCallDto } from '../../../../common/admin-api';
import { prettyJson } from '../actions/TargetTest';

const OUTCOMES = { ok: 'ok', ignored_error: 'failed, skipped', interrupted: 'failed, stopped the request' } as const;
const CLAIM_OUTCOMES = { added: 'added', dropped: 'dropped (urn:zitadel:iam*)', exists: 'kept the earlier value (logged)' } as const;

export function ActionCalls({ calls }: { calls: ActionCallDto[] }) {
  return (
    <>
      <h3>Actions</h3>
      <div className="action-calls" aria-label="Action calls">
        {calls.map((call, i) => (
          <div key={`${call.id}-${i}`} className={`action-call${call.outcome === 'ok' ? '' : ' bad'}`} data-testid="action-call">
            <div>
              <strong>{call.kind === 'v1' ? `v1 script ${call.name}` : `target ${call.name}`}</strong>
              <span className="hint">
                {' '}
                · {call.function}
                {call.targetType ? ` · ${call.targetType}` : ''} · {call.durationMs} ms ·{' '}
              </span>
              <span className={call.outcome === 'ok' ? 'ok' : 'error'}>{OUTCOMES[call.outcome]}</span>
              {call.endpoint && <code className="hint"> {call.endpoint}</code>}
            </div>
            {call.error && <div className="error">{call.error}</div>}
            {call.claims.length > 0 && (
              <table className="kv">
                <tbody>
                  {call.claims.map((c, j) => (
                    <tr key={`${c.key}-${j}`}>
                      <th className="mono">{c.key}</th>
                      <td>
                        <code className="break">{JSON.stringify(c.value)}</code> <span className="hint">{CLAIM_OUTCOMES[c.outcome]}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {call.logs.length > 0 && <div className="hint">log: {call.logs.join(' · ')}</div>}
            {call.metadata.length > 0 && <div className="hint">metadata set: {call.metadata.join(', ')}</div>}
            {call.payload !== undefined && (
              <details>
                <summary>Payload</summary>
                <pre className="json">{JSON.stringify(call.payload, null, 2)}</pre>
              </details>
            )}
            {call.reply && (
              <details>
                <summary>Reply {call.reply.status}</summary>
                <pre className="json">{prettyJson(call.reply.body)}</pre>
              </details>
            )}
          </div>
        ))}
      </div>
    </>
  );
}
