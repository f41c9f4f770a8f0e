// One request: parameters, client authentication, outcome, response, and its tokens decoded.
import { useEffect, useState } from 'react';
import { ADMIN_PATHS, type ActivityEventDto, type InspectResultDto } from '../../../../common/admin-api';
import { CopyButton } from '../../components/CopyButton';
import { TokenView } from '../../components/TokenView';
import { DoctorFindings } from './DoctorFindings';
import { useConsole } from '../../state/ConsoleContext';
import { dateTime } from '../../lib/time';
import { tokenRequestCurl } from '../../lib/urls';
import { ActionCalls } from './ActionCalls';

const TOKEN_TITLES = { id_token: 'ID token', access_token: 'Access token', refresh_token: 'Refresh token' } as const;

/** Signature status of each JWT in the event, checked by the emulator against its current keys. */
function useSignatures(e: ActivityEventDto): Record<string, InspectResultDto['signature']> {
  const { client } = useConsole();
  const [signatures, setSignatures] = useState<Record<string, InspectResultDto['signature']>>({});
  useEffect(() => {
    let cancelled = false;
    setSignatures({});
    for (const t of e.tokens ?? []) {
      if (t.format !== 'jwt') continue;
      client
        .request<InspectResultDto>('POST', ADMIN_PATHS.inspect, { body: { token: t.value } })
        .then((r) => !cancelled && setSignatures((prev) => ({ ...prev, [t.value]: r.signature })))
        .catch(() => undefined);
    }
    return () => {
      cancelled = true;
    };
  }, [client, e]);
  return signatures;
}

export function ActivityDetail({ event: e, names }: { event: ActivityEventDto; names: { client: (id?: string) => string; user: (id?: string) => string } }) {
  const { issuer } = useConsole();
  const signatures = useSignatures(e);
  const params = Object.entries(e.params);
  return (
    <section className="detail" aria-label="Request detail">
      <div className="detail-head">
        <strong>
          {e.kind}
          {e.grantType ? ` · ${e.grantType}` : ''} · {e.status} · {e.durationMs} ms
        </strong>
        <span className="hint">
          {e.method} {e.path} · {dateTime(e.time)}
        </span>
        <span className="spacer" />
        {e.kind === 'token' && !e.minted && <CopyButton text={tokenRequestCurl(issuer, e.path, e.params, e.clientAuth)} label="copy as curl" />}
      </div>
      {e.minted && (
        <p className="bridge-note minted" role="note">
          Minted by the test bridge (mintTokens): the tokens of a completed code flow, without a browser or a client request.
        </p>
      )}
      {e.fault && (
        <p className="bridge-note faulted" role="note">
          Test-bridge fault {e.fault.id} ({e.fault.action}): {e.fault.detail}.
        </p>
      )}
      <table className="kv">
        <tbody>
          <tr>
            <th>client</th>
            <td>
              {names.client(e.clientId)} {e.clientId && e.clientId !== names.client(e.clientId) && <code className="hint">{e.clientId}</code>}
              {e.clientAuth && <span className="hint"> · {e.clientAuth}</span>}
            </td>
          </tr>
          <tr>
            <th>user</th>
            <td>
              {names.user(e.userId)} {e.userId && <code className="hint">{e.userId}</code>}
            </td>
          </tr>
          {e.issuer && (
            <tr>
              <th>issuer</th>
              <td>
                <code>{e.issuer}</code> <span className="hint">(instance domain)</span>
              </td>
            </tr>
          )}
          {e.sessionId && (
            <tr>
              <th>session</th>
              <td>
                <code>{e.sessionId}</code>
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {e.error && (
        <div className="outcome bad" role="status">
          <strong>{e.error.error}</strong>
          {e.error.error_description && <span> — {e.error.error_description}</span>}
          {e.error.detail && <div className="detail-reason">why: {e.error.detail}</div>}
        </div>
      )}
      {e.notes?.map((note) => (
        <div key={note} className="outcome" role="note">
          {note}
        </div>
      ))}
      <DoctorFindings findings={e.findings} />
      <h3>Request</h3>
      {params.length === 0 ? (
        <p className="hint">no parameters</p>
      ) : (
        <table className="kv params">
          <tbody>
            {params.map(([k, v]) => (
              <tr key={k}>
                <th className="mono">{k}</th>
                <td className="mono break">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {e.response && (
        <>
          <h3>Response</h3>
          {e.response.location && (
            <p className="mono break">
              302 → {e.response.location}
            </p>
          )}
          {e.response.body !== undefined && <pre className="json">{JSON.stringify(e.response.body, null, 2)}</pre>}
        </>
      )}
      {e.actions && e.actions.length > 0 && <ActionCalls calls={e.actions} />}
      {e.tokens?.map((t, i) => (
        <TokenView
          key={`${t.kind}-${i}`}
          title={TOKEN_TITLES[t.kind]}
          value={t.value}
          format={t.format}
          header={t.header}
          claims={t.claims}
          notes={t.notes}
          signature={t.format === 'jwt' ? signatures[t.value] : undefined}
          extra={t.format === 'opaque' && t.claims ? <span className="hint">claims as introspection shows them</span> : undefined}
        />
      ))}
    </section>
  );
}
