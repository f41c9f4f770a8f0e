// Token inspector: paste a JWT (decoded at once, verified by the emulator) or an opaque token
// (introspected as the chosen app).
import { useEffect, useId, useState } from 'react';
import { ADMIN_PATHS, type InspectRequestDto, type InspectResultDto } from '../../../common/admin-api';
import { messageOf } from '../api/errors';
import { TokenView } from '../components/TokenView';
import { Countdown } from '../components/Countdown';
import { useConsole } from '../state/ConsoleContext';
import { decodeJwt } from '../lib/jwt';
import { useNames } from './activity/ActivityPage';

export function InspectorPage() {
  const { client, store } = useConsole();
  const names = useNames();
  const id = useId();
  const [token, setToken] = useState('');
  const [introspectAs, setIntrospectAs] = useState('');
  const [result, setResult] = useState<InspectResultDto>();
  const [error, setError] = useState<string>();
  const trimmed = token.trim();
  const local = decodeJwt(trimmed);
  const apps = (store?.apps ?? []).filter((a) => a.api || a.oidc);

  useEffect(() => {
    if (!trimmed) {
      setResult(undefined);
      setError(undefined);
      return;
    }
    let cancelled = false;
    const body: InspectRequestDto = { token: trimmed, ...(introspectAs ? { introspectAs } : {}) };
    const t = setTimeout(() => {
      client
        .request<InspectResultDto>('POST', ADMIN_PATHS.inspect, { body })
        .then((r) => !cancelled && (setResult(r), setError(undefined)))
        .catch((err: unknown) => !cancelled && (setResult(undefined), setError(messageOf(err))));
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [client, trimmed, introspectAs]);

  const header = result?.header ?? local?.header;
  const claims = result?.claims ?? local?.claims;
  return (
    <div className="inspector">
      <h1>Inspector</h1>
      <div className="field">
        <label htmlFor={`${id}-t`}>Token</label>
        <textarea
          id={`${id}-t`}
          className="mono paste"
          rows={5}
          placeholder="Paste a JWT (eyJ…) or an opaque access token"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoFocus
        />
      </div>
      <div className="field inline-field">
        <label htmlFor={`${id}-a`}>Introspect as</label>
        <select id={`${id}-a`} value={introspectAs} onChange={(e) => setIntrospectAs(e.target.value)}>
          <option value="">— don't introspect —</option>
          {apps.map((a) => (
            <option key={a.id} value={a.clientId}>
              {a.name} ({a.api ? 'API' : 'OIDC'}, {a.clientId})
            </option>
          ))}
        </select>
        <span className="hint">opaque tokens can only be read by introspection</span>
      </div>
      {error && (
        <div className="banner bad" role="alert">
          {error}
        </div>
      )}
      {!trimmed && <div className="empty">Paste a token above. JWTs decode instantly; the signature is checked against this emulator's keys.</div>}
      {trimmed && (
        <>
          <table className="kv summary">
            <tbody>
              <tr>
                <th>format</th>
                <td>{result?.format ?? (local ? 'jwt' : 'opaque')}</td>
              </tr>
              {result && (
                <tr>
                  <th>state</th>
                  <td className={result.active ? 'ok' : 'bad'} data-testid="inspect-active">
                    {result.active ? 'active in this emulator' : 'not active (unknown, revoked or expired)'}
                  </td>
                </tr>
              )}
              {result?.kid && (
                <tr>
                  <th>signed by</th>
                  <td>
                    <code>{result.kid}</code>
                  </td>
                </tr>
              )}
              {result?.expiresAt !== undefined && (
                <tr>
                  <th>expiry</th>
                  <td>
                    <Countdown exp={result.expiresAt} />
                  </td>
                </tr>
              )}
              {(result?.userId || result?.clientId) && (
                <tr>
                  <th>belongs to</th>
                  <td>
                    {result.userId && <>user {names.user(result.userId)} </>}
                    {result.clientId && <>· client {names.client(result.clientId)}</>}
                    {result.scopes && <span className="hint"> · scopes {result.scopes.join(' ')}</span>}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          {(claims || !local) && (
            <TokenView
              title="Token"
              value={trimmed}
              format={result?.format ?? (local ? 'jwt' : 'opaque')}
              header={header}
              claims={claims}
              notes={result?.notes}
              signature={result?.signature}
            />
          )}
          {result?.introspection && (
            <section className="token" aria-label="Introspection response">
              <div className="token-head">
                <strong>Introspection response</strong>
                <span className="hint">as {names.client(introspectAs)} receives it</span>
              </div>
              <pre className="json">{JSON.stringify(result.introspection, null, 2)}</pre>
            </section>
          )}
          {header && (
            <details>
              <summary>Header JSON</summary>
              <pre className="json">{JSON.stringify(header, null, 2)}</pre>
            </details>
          )}
        </>
      )}
    </div>
  );
}
