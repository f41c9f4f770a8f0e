// A service user: name, description, token type, secret, keys, personal access tokens.
import { useState } from 'react';
import { ADMIN_PATHS, type PatResultDto } from '../../../../common/admin-api';
import { CopyButton } from '../../components/CopyButton';
import { DeleteButton } from '../../components/DeleteButton';
import { DeleteZone } from '../../components/DeleteZone';
import { DraftForm, EntityTitle } from '../../components/DraftForm';
import { StateSelect, TokenTypeSelect } from '../../components/EnumSelects';
import { Field } from '../../components/Field';
import { KeysSection } from '../../components/KeysSection';
import { Problems } from '../../components/Problems';
import { SecretOnce } from '../../components/Secret';
import { SecretSection } from '../../components/SecretSection';
import type { Machine, User } from '../../lib/types';
import { expiryText } from '../../lib/time';
import { clientCredentialsCurl } from '../../lib/urls';
import { useConsole } from '../../state/ConsoleContext';
import { useAction } from '../../state/useAction';
import { useDraft } from '../../state/useDraft';
import { navigate } from '../../state/useHashRoute';
import { UserGrants } from './UserGrants';
import { Grid } from '../../components/Grid';

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
      <DraftForm
        label={`Service user ${user.userName}`}
        draft={d}
        save={(u, rev) => {
          const { keys: _k, personalAccessTokens: _p, ...m } = u.machine as Machine;
          return client.update('users', user.id, { ...u, machine: m }, rev);
        }}
      >
        <EntityTitle name={user.userName} id={user.id}>
          <span className="tag">service</span>
        </EntityTitle>
        <div className="row2">
          <Field label="User name" required mono value={draft.userName} onChange={(userName) => set({ userName })} errors={e.userName} hint="the client id for client_credentials and the sub/iss of JWT profile assertions" />
          <StateSelect value={draft.state} onChange={(state) => set({ state })} />
        </div>
        <div className="row2">
          <Field label="Name" value={machine.name} onChange={(name) => setMachine({ name })} errors={e['machine.name']} />
          <TokenTypeSelect value={machine.accessTokenType} onChange={(accessTokenType) => setMachine({ accessTokenType })} hint="bearer = opaque; jwt = self-contained" />
        </div>
        <Field label="Description" value={machine.description} onChange={(description) => setMachine({ description })} />
      </DraftForm>

      <SecretSection
        legend="Client secret (client_credentials)"
        path={ADMIN_PATHS.userSecret(user.id)}
        hasSecret={Boolean(stored.clientSecret)}
        onSecret={(r) =>
          setOnce({
            userId: user.id,
            title: 'Service user secret',
            items: [
              ['client id', r.clientId],
              ['client secret', r.clientSecret],
              ['curl', clientCredentialsCurl(issuer, { ...user, userName: r.clientId }, r.clientSecret)],
            ],
          })
        }
      >
        <CopyButton text={clientCredentialsCurl(issuer, user, stored.clientSecret)} label="copy client_credentials curl" />
      </SecretSection>

      <KeysSection
        keys={stored.keys}
        owner="user"
        ownerId={user.id}
        what="JWT profile grant (urn:ietf:params:oauth:grant-type:jwt-bearer): sign an assertion with the key JSON, iss = sub = user id."
      />

      <fieldset className="pats">
        <legend>Personal access tokens</legend>
        {stored.personalAccessTokens.length === 0 ? (
          <p className="hint">None. A PAT is a ready bearer token for this service user.</p>
        ) : (
          <Grid columns={['id', 'expires']}>
            {stored.personalAccessTokens.map((p) => (
              <tr key={p.id}>
                <td className="mono">{p.id}</td>
                <td>{expiryText(p.expirationDate)}</td>
                <td className="row-actions">
                  <CopyButton text={p.token} label="copy token" />
                  <DeleteButton label="Delete" busy={action.busy} onConfirm={() => void action.run(() => client.delete(ADMIN_PATHS.userPat(user.id, p.id)))} />
                </td>
              </tr>
            ))}
          </Grid>
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
        <Problems inline messages={action.error} />
      </fieldset>
      <UserGrants userId={user.id} />
      <DeleteZone label="Delete user" remove={() => client.remove('users', user.id)} onDeleted={() => navigate('users')} />
    </div>
  );
}
