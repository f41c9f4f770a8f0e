// The relying-party doctor's findings for one request: what ZITADEL did silently, and where
// docs/doctor.md explains it. They never changed the response shown below them.
import type { DoctorFindingDto } from '../../../../common/admin-api';

export function DoctorFindings({ findings }: { findings: readonly DoctorFindingDto[] | undefined }) {
  if (!findings?.length) return null;
  return (
    <section className="findings" aria-label="Doctor findings">
      <h3>Doctor</h3>
      <ul>
        {findings.map((f, i) => (
          <li key={`${f.code}-${i}`} className={`finding ${f.severity}`}>
            <strong>{f.severity === 'warn' ? '⚠ warn' : 'ℹ info'}</strong> {f.message}{' '}
            <code className="hint" title="the section of the emulator's docs that explains this check">
              {f.docs}
            </code>
          </li>
        ))}
      </ul>
    </section>
  );
}
