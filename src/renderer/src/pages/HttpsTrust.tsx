// Settings → HTTPS: the local CA the emulator serves HTTPS with (--https), how to trust it on
// each OS and in each client runtime, and the issuers it answers as (docs/https.md).
import type { HttpsInfoDto } from '../../../common/admin-api';
import { CopyButton } from '../components/CopyButton';
import { saveFile } from '../lib/download';

export function HttpsTrust({ https, issuers }: { https: HttpsInfoDto | undefined; issuers: string[] | undefined }) {
  return (
    <section className="form" aria-label="HTTPS and domains">
      <h2>HTTPS and domains</h2>
      {issuers && issuers.length > 1 && (
        <>
          <p className="hint">Each domain answers as an issuer of its own, like a ZITADEL instance domain: tokens are valid only at the issuer that made them.</p>
          <ul className="issuers">
            {issuers.map((i) => (
              <li key={i}>
                <code>{i}</code> <CopyButton text={i} />
              </li>
            ))}
          </ul>
        </>
      )}
      {!https ? (
        <p className="hint">
          Served over plain HTTP. Start with <code>idp-emulator serve --https</code> (or <code>startEmulator(&#123; https: true &#125;)</code>) for
          clients that insist on https metadata.
        </p>
      ) : (
        <>
          <p>
            HTTPS certificate for <code>{https.names.join(', ')}</code>, renewed automatically (valid until {new Date(https.certificateExpires).toLocaleDateString()}). It is
            signed by a local certificate authority kept in <code className="break">{https.caPath}</code>: trust it once.
          </p>
          <div className="actions">
            <CopyButton text={https.caPem} label="copy CA certificate" />
            <button type="button" className="small" onClick={() => saveFile(new Blob([https.caPem], { type: 'application/x-pem-file' }), 'idp-emulator-ca.pem')}>
              download ca.pem
            </button>
          </div>
          <table className="kv trust" aria-label="How to trust the CA">
            <tbody>
              {https.trust.map((step) => (
                <tr key={step.label}>
                  <th>{step.label}</th>
                  <td>
                    <code className="break">{step.command}</code> <CopyButton text={step.command} />
                    {step.note && <div className="hint">{step.note}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
