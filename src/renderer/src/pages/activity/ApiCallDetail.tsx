// A ZITADEL API call in Activity (issue 18 §6): the RPC and wire, who called, the permission
// checks that decided, and the request message as JSON (passwords masked by the emulator).
import type { ApiCallActivityDto } from '../../../../common/admin-api';

export function ApiCallDetail({ api }: { api: ApiCallActivityDto }) {
  return (
    <>
      <table className="kv" aria-label="API call">
        <tbody>
          <tr>
            <th>rpc</th>
            <td className="mono">
              {api.service}/{api.rpc} <span className="hint">over {api.protocol}</span>
            </td>
          </tr>
          <tr>
            <th>code</th>
            <td className="mono">{api.code}</td>
          </tr>
          <tr>
            <th>caller</th>
            <td>
              {api.caller ? (
                <>
                  {api.caller.userName} <code className="hint">{api.caller.userId}</code>
                  {api.caller.viaPersonalAccessToken && <span className="hint"> · personal access token</span>}
                </>
              ) : (
                <span className="hint">not authenticated</span>
              )}
            </td>
          </tr>
          {api.permissions.map((p, i) => (
            <tr key={`${p.permission}-${i}`}>
              <th>permission</th>
              <td>
                <span className={p.granted ? 'ok' : 'bad'}>{p.granted ? '✓' : '✗'}</span> <code>{p.permission}</code> on org <code>{p.orgId}</code>{' '}
                <span className="hint">— {p.by}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {api.request !== undefined && (
        <>
          <h3>Request message</h3>
          <pre className="json">{JSON.stringify(api.request, null, 2)}</pre>
        </>
      )}
    </>
  );
}
