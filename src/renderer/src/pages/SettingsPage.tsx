// Instance settings (token lifetimes, login-name policy, impersonation, user picker) and the
// signing keys with a JWKS preview.
import { useEffect, useState } from 'react';
import { ADMIN_PATHS } from '../../../common/admin-api';
import { Check, NumberField } from '../components/Field';
import { DraftForm } from '../components/DraftForm';
import { Problems } from '../components/Problems';
import { DeleteButton } from '../components/DeleteButton';
import type { Instance } from '../lib/types';
import { humanSeconds } from '../lib/time';
import { useConsole } from '../state/ConsoleContext';
import { useAction } from '../state/useAction';
import { useDraft } from '../state/useDraft';
import { Grid } from '../components/Grid';
import { HttpsTrust } from './HttpsTrust';

const LIFETIMES: [keyof Instance['oidcSettings'], string][] = [
  ['accessTokenLifetime', 'Access token lifetime'],
  ['idTokenLifetime', 'ID token lifetime'],
  ['refreshTokenIdleExpiration', 'Refresh token idle expiration'],
  ['refreshTokenExpiration', 'Refresh token absolute expiration'],
];

export function SettingsPage() {
  const { store, client, overview } = useConsole();
  const instance = store?.instance;
  const d = useDraft<Instance>(instance, 'instance');
  if (!instance || !d.draft) return <div className="empty">Loading…</div>;
  const draft = d.draft;
  const set = (patch: Partial<Instance>) => d.setDraft((i) => ({ ...i, ...patch }));
  return (
    <div className="settings">
      <DraftForm label="Instance settings" draft={d} save={(i, rev) => client.put(ADMIN_PATHS.instance, i, rev)}>
        <h1>Settings</h1>
        <fieldset>
          <legend>Token lifetimes (seconds)</legend>
          <div className="row4">
            {LIFETIMES.map(([key, label]) => (
              <NumberField
                key={key}
                label={label}
                min={0}
                value={draft.oidcSettings[key]}
                onChange={(v) => set({ oidcSettings: { ...draft.oidcSettings, [key]: v } })}
                errors={d.errors[`oidcSettings.${key}`]}
                hint={humanSeconds(draft.oidcSettings[key])}
              />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Policies</legend>
          <Check
            label="User login must be domain"
            description="login names and preferred_username become user@org-domain; user names only need to be unique per org"
            checked={draft.domainPolicy.userLoginMustBeDomain}
            onChange={(userLoginMustBeDomain) => set({ domainPolicy: { ...draft.domainPolicy, userLoginMustBeDomain } })}
            errors={d.errors['domainPolicy.userLoginMustBeDomain']}
          />
          <Check
            label="Enable impersonation"
            description="token exchange may issue tokens that act as another user (act claim)"
            checked={draft.securityPolicy.enableImpersonation}
            onChange={(enableImpersonation) => set({ securityPolicy: { ...draft.securityPolicy, enableImpersonation } })}
          />
          <Check
            label="User picker on the login page"
            description="lists the org's users as one-click rows (an emulator convenience; ZITADEL asks for the login name)"
            checked={draft.login.userPicker}
            onChange={(userPicker) => set({ login: { ...draft.login, userPicker } })}
          />
        </fieldset>
        <fieldset>
          <legend>Instance domains</legend>
          <p className="hint">
            One <code>host[:port]</code> per line, e.g. <code>idp.localhost:8080</code>: each is an issuer of its own (for apps in containers, docs/https.md).
          </p>
          <DomainLines value={draft.domains ?? []} onChange={(domains) => set({ domains })} />
          <Problems messages={Object.entries(d.errors).flatMap(([k, v]) => (k.startsWith('domains') ? v : []))} />
        </fieldset>
      </DraftForm>
      <HttpsTrust https={overview?.https} issuers={overview?.issuers} />
      <SigningKeys />
    </div>
  );
}

/** A textarea of one domain per line; blank lines are not domains. */
function DomainLines({ value, onChange }: { value: string[]; onChange: (domains: string[]) => void }) {
  const [text, setText] = useState(value.join('\n'));
  useEffect(() => {
    setText((current) => (sameLines(current, value) ? current : value.join('\n')));
  }, [value]);
  return (
    <textarea
      aria-label="Instance domains"
      className="mono"
      rows={3}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(linesOf(e.target.value));
      }}
    />
  );
}

function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function sameLines(text: string, value: readonly string[]): boolean {
  return linesOf(text).join('\n') === value.join('\n');
}

function SigningKeys() {
  const { store, client, issuer, revision } = useConsole();
  const action = useAction();
  const [jwks, setJwks] = useState<string>();
  useEffect(() => {
    fetch(`${issuer}/oauth/v2/keys`, { cache: 'no-store' })
      .then((r) => r.json())
      .then((j: unknown) => setJwks(JSON.stringify(j, null, 2)))
      .catch(() => setJwks(undefined));
  }, [issuer, revision]);
  const keys = store?.signingKeys ?? [];
  return (
    <section className="form" aria-label="Signing keys">
      <h2>Signing keys</h2>
      <p className="hint">The active key signs new tokens; the others stay published in the JWKS so tokens they signed still verify.</p>
      <Grid columns={['kid', 'created', 'state']}>
        {keys.map((k) => (
          <tr key={k.id}>
            <td className="mono">{k.id}</td>
            <td>{k.createdAt ? new Date(k.createdAt).toLocaleString() : '—'}</td>
            <td>{k.active ? <span className="ok">active (signing)</span> : <span className="hint">published</span>}</td>
            <td className="row-actions">
              {!k.active && (
                <>
                  <button type="button" className="small" disabled={action.busy} onClick={() => void action.run(() => client.post(ADMIN_PATHS.signingKeyActivate(k.id), {}))}>
                    activate
                  </button>
                  <DeleteButton label="Delete" busy={action.busy} onConfirm={() => void action.run(() => client.delete(ADMIN_PATHS.signingKey(k.id)))} />
                </>
              )}
            </td>
          </tr>
        ))}
      </Grid>
      <div className="actions">
        <button type="button" disabled={action.busy} onClick={() => void action.run(() => client.post(ADMIN_PATHS.signingKeysRotate, {}))}>
          Rotate (new active key)
        </button>
        <Problems inline messages={action.error} />
      </div>
      <details open>
        <summary>
          JWKS preview <code className="hint">GET /oauth/v2/keys</code>
        </summary>
        <pre className="json jwks">{jwks ?? 'loading…'}</pre>
      </details>
    </section>
  );
}
