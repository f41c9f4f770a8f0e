// A service user: name, description, token type, secret, keys, personal access tokens.
import { useState } from 'react';
import { ADMIN_PATHS, type PatResultDto, type SecretResultDto } from '../../../../common/admin-api';
import { CopyButton } from '../../components/CopyButton';
import { DeleteButton } from '../../components/DeleteButton';
import { Field, Select } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { KeysSection } from '../../components/KeysSection';
import { SecretOnce } from '../../components/Secret';
import { STATES, TOKEN_TYPES } from '../../lib/enums';
import type { Machine, User } from '../../lib/types';
import { clientCredentialsCurl } from '../../lib/urls';
import { useConsole } from '../../state/ConsoleContext';
import { useAction } from '../../state/useAction';
import { useDraft } from '../../state/useDraft';
import { navigate } from '../../state/useHashRoute';
import { UserGrants } from './UserGrants';

export function MachineForm({ user }: { user: User }) {
  const { client, issuer } = useConsole();
  const d = useDraft<User>(user, user.id);
  const action = useAction();
  const [once, setOnce] = useState<{ userId: string; title: string; items: [string, string][] }>();
  const draft = d.draft ?? user;
  const machine = draft.machine as Machine;
  const stored = user.machine as Machine;
  const e = d.errors;
  const set = (patch: Partial<User>) => d.setDraft((u) => ({ ...u, ...patch }));
  const setMachine = (patch: Partial<Machine>) => d.setDraft((u) => ({ ...u, machine: { ...(u.machine as Machine), ...patch } }));
  const shown = once?.userId === user.id ? once : undefined;
  return (
    <div className="form-col">
      {shown && <SecretOnce title={shown.title} items={shown.items} onDismiss={() => setOnce(undefined)} />}
      <form
        className="form"
        aria-label={`Service user ${user.userName}`}
        onSubmit={(ev) => {
          ev.preventDefault();
          void d.save((u, rev) => {
            const { keys: _k, personalAccessTokens: _p, ...m } = u.machine as Machine;
            return client.update('users', user.id, { ...u, machine: m }, rev);
          });
        }}
      >
        <h2>
          {user.userName} <span className="tag">service</span> <code className="hint">{user.id}</code>
        </h2>
        <div className="row2">
          <Field label="User name" required mono value={draft.userName} onChange={(userName) => set({ userName })} errors={e.userName} hint="the client id for client_credentials and the sub/iss of JWT profile assertions" />
          <Select label="State" value={draft.state} options={STATES} onChange={(state) => set({ state })} />
        </div>
        <div className="row2">
          <Field label="Name" value={machine.name} onChange={(name) => setMachine({ name })} errors={e['machine.name']} />
          <Select
            label="Access token type"
            value={machine.accessTokenType}
            options={TOKEN_TYPES}
            onChange={(accessTokenType) => setMachine({ accessTokenType })}
            hint="bearer = opaque; jwt = self-contained"
          />
        </div>
        <Field label="Description" value={machine.description} onChange={(description) => setMachine({ description })} />
        <FormActions dirty={d.dirty} saving={d.saving} message={d.message} onRevert={d.revert} />
      </form>

      <fieldset>
        <legend>Client secret (client_credentials)</legend>
        <div className="actions">
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              void action.run(() => client.post<SecretResultDto>(ADMIN_PATHS.userSecret(user.id), {})).then((r) => {
                if (r)
                  setOnce({
                    userId: user.id,
                    title: 'Service user secret',
                    items: [
                      ['client id', r.clientId],
                      ['client secret', r.clientSecret],
                      ['curl', clientCredentialsCurl(issuer, { ...user, userName: r.clientId }, r.clientSecret)],
                    ],
                  });
              })
            }
          >
            {stored.clientSecret ? 'Regenerate secret' : 'Generate secret'}
          </button>
          <CopyButton text={clientCredentialsCurl(issuer, user, stored.clientSecret)} label="copy client_credentials curl" />
          {action.error && <span className="error">{action.error}</span>}
        </div>
      </fieldset>

      <KeysSection
        keys={stored.keys}
        addPath={ADMIN_PATHS.userKeys(user.id)}
        keyPath={(k) => ADMIN_PATHS.userKey(user.id, k)}
        keyFilePath={(k) => ADMIN_PATHS.userKeyFile(user.id, k)}
        what="JWT profile grant (urn:ietf:params:oauth:grant-type:jwt-bearer): sign an assertion with the key JSON, iss = sub = user id."
      />

      <fieldset className="pats">
        <legend>Personal access tokens</legend>
        {stored.personalAccessTokens.length === 0 ? (
          <p className="hint">None. A PAT is a ready bearer token for this service user.</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">id</th>
                <th scope="col">expires</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {stored.personalAccessTokens.map((p) => (
                <tr key={p.id}>
                  <td className="mono">{p.id}</td>
                  <td>{p.expirationDate.startsWith('9999') ? 'never' : new Date(p.expirationDate).toLocaleString()}</td>
                  <td className="row-actions">
                    <CopyButton text={p.token} label="copy token" />
                    <DeleteButton label="Delete" busy={action.busy} onConfirm={() => void action.run(() => client.delete(ADMIN_PATHS.userPat(user.id, p.id)))} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            void action.run(() => client.post<PatResultDto>(ADMIN_PATHS.userPats(user.id), {})).then((r) => {
              if (r) setOnce({ userId: user.id, title: 'Personal access token', items: [['token', r.token], ['curl', `curl -H 'Authorization: Bearer ${r.token}' ${issuer}/oidc/v1/userinfo`]] });
            })
          }
        >
          + New personal access token
        </button>
      </fieldset>
      <UserGrants userId={user.id} />
      <div className="danger-zone">
        <DeleteButton label="Delete user" busy={action.busy} onConfirm={() => void action.run(() => client.remove('users', user.id)).then(() => navigate('users'))} />
      </div>
    </div>
  );
}
