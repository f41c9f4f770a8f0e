// Sends a target the payload a login of a chosen user through a chosen app would send, and
// shows what went out and what came back. Nothing is merged or stored.
import { useState } from 'react';
import { ADMIN_PATHS, type TargetTestResultDto } from '../../../../common/admin-api';
import { Select } from '../../components/Field';
import { Problems } from '../../components/Problems';
import { messageOf } from '../../api/errors';
import { EXECUTION_FUNCTIONS } from '../../lib/enums';
import type { Target } from '../../lib/types';
import { useConsole } from '../../state/ConsoleContext';

export function TargetTest({ target }: { target: Target }) {
  const { store, client } = useConsole();
  const users = store?.users ?? [];
  const apps = (store?.apps ?? []).filter((a) => a.oidc);
  const [fn, setFn] = useState<(typeof EXECUTION_FUNCTIONS)[number]>('preuserinfo');
  const [userId, setUserId] = useState('');
  const [clientId, setClientId] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TargetTestResultDto>();
  const [error, setError] = useState<string>();
  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const body = { function: fn, ...(userId && { userId }), ...(clientId && { clientId }) };
      setResult(await client.request<TargetTestResultDto>('POST', ADMIN_PATHS.targetTest(target.id), { body }));
    } catch (err) {
      setResult(undefined);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="form" aria-label="Test call">
      <h3>Test call</h3>
      <Select label="Function" value={fn} options={EXECUTION_FUNCTIONS} onChange={setFn} />
      <Select
        label="User"
        value={userId}
        options={[{ value: '', label: 'first human user' }, ...users.map((u) => ({ value: u.id, label: u.userName }))]}
        onChange={setUserId}
      />
      <Select
        label="App"
        value={clientId}
        options={[{ value: '', label: 'first OIDC app' }, ...apps.map((a) => ({ value: a.clientId, label: a.name }))]}
        onChange={setClientId}
      />
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void send()}>
          {busy ? 'Sending…' : 'Send test call'}
        </button>
        <Problems inline messages={error} />
      </div>
      {result && (
        <div data-testid="test-result">
          <p role="status">
            {result.reply ? <strong>Reply {result.reply.status}</strong> : <strong className="error">No reply</strong>} · {result.durationMs} ms
            {result.error && <span className="error"> · {result.error}</span>}
          </p>
          {result.reply && <pre className="json" aria-label="Reply body">{prettyJson(result.reply.body)}</pre>}
          <details>
            <summary>Payload sent</summary>
            <pre className="json">{JSON.stringify(result.payload, null, 2)}</pre>
          </details>
        </div>
      )}
    </section>
  );
}

export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
