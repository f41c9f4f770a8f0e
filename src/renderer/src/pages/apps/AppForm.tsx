// One app's settings: every field of the store format, secret, keys and developer shortcuts.
import { ADMIN_PATHS, type SecretResultDto } from '../../../../common/admin-api';
import { CopyButton } from '../../components/CopyButton';
import { DeleteButton } from '../../components/DeleteButton';
import { Check, Field, MultiCheck, NumberField, Select } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { KeysSection } from '../../components/KeysSection';
import { UriList } from '../../components/UriList';
import { API_AUTH_METHODS, APP_TYPE_LABELS, AUTH_METHOD_LABELS, GRANT_TYPES, OIDC_APP_TYPES, OIDC_AUTH_METHODS, RESPONSE_TYPES, STATES, TOKEN_TYPES } from '../../lib/enums';
import type { App, OidcConfig } from '../../lib/types';
import { authorizeUrl, envSnippet } from '../../lib/urls';
import { useConsole } from '../../state/ConsoleContext';
import { useAction } from '../../state/useAction';
import { errorsUnder, useDraft } from '../../state/useDraft';
import { navigate } from '../../state/useHashRoute';
import type { ShownSecret } from './AppsPage';

export function AppForm({ app, onSecret }: { app: App; onSecret: (s: ShownSecret) => void }) {
  const { client, issuer, store } = useConsole();
  const d = useDraft<App>(app, app.id);
  const action = useAction();
  const draft = d.draft ?? app;
  const set = (patch: Partial<App>) => d.setDraft((a) => ({ ...a, ...patch }));
  const setOidc = (patch: Partial<OidcConfig>) => d.setDraft((a) => (a.oidc ? { ...a, oidc: { ...a.oidc, ...patch } } : a));
  const e = d.errors;
  const oidc = draft.oidc;
  const usesSecret = oidc ? oidc.authMethod === 'basic' || oidc.authMethod === 'post' : draft.api?.authMethod === 'basic';
  const usesKeys = oidc ? oidc.authMethod === 'privateKeyJwt' : draft.api?.authMethod === 'privateKeyJwt';
  const testUrl = authorizeUrl(issuer, app, store?.users.find((u) => u.human)?.userName);
  const project = store?.projects.find((p) => p.id === app.projectId);

  return (
    <form
      className="form"
      aria-label={`App ${app.name}`}
      onSubmit={(ev) => {
        ev.preventDefault();
        void d.save((a, rev) => {
          const { keys: _keys, ...body } = a;
          return client.update('apps', app.id, body, rev);
        });
      }}
    >
      <h2>
        {app.name} <span className="tag">{app.api ? 'API' : 'OIDC'}</span> <span className="hint">in {project?.name ?? app.projectId}</span>
      </h2>
      <div className="shortcuts">
        <span>
          client id <code data-testid="client-id">{app.clientId}</code> <CopyButton text={app.clientId} />
        </span>
        {testUrl ? (
          <a className="button" href={testUrl} target="_blank" rel="noreferrer">
            Test login ↗
          </a>
        ) : (
          oidc && <span className="hint">add a redirect URI to get a test login link</span>
        )}
      </div>
      <div className="row2">
        <Field label="Name" required value={draft.name} onChange={(name) => set({ name })} errors={e.name} />
        <Select label="State" value={draft.state} options={STATES} onChange={(state) => set({ state })} errors={e.state} />
      </div>
      {oidc && (
        <>
          <div className="row2">
            <Select
              label="App type"
              value={oidc.appType}
              options={OIDC_APP_TYPES.map((v) => ({ value: v, label: APP_TYPE_LABELS[v] }))}
              onChange={(appType) => setOidc({ appType })}
              errors={e['oidc.appType']}
            />
            <Select
              label="Authentication method"
              value={oidc.authMethod}
              options={OIDC_AUTH_METHODS.map((v) => ({ value: v, label: AUTH_METHOD_LABELS[v] }))}
              onChange={(authMethod) => setOidc({ authMethod })}
              errors={e['oidc.authMethod']}
            />
          </div>
          <UriList
            legend="Redirect URIs"
            field="oidc.redirectUris"
            value={oidc.redirectUris}
            onChange={(redirectUris) => setOidc({ redirectUris })}
            errors={e}
            placeholder="http://localhost:3000/callback"
            hint="None: add the callback URL of your app (exact match)."
          />
          <UriList
            legend="Post-logout redirect URIs"
            field="oidc.postLogoutRedirectUris"
            value={oidc.postLogoutRedirectUris}
            onChange={(postLogoutRedirectUris) => setOidc({ postLogoutRedirectUris })}
            errors={e}
            placeholder="http://localhost:3000/"
          />
          <div className="row2">
            <MultiCheck legend="Response types" options={RESPONSE_TYPES} value={oidc.responseTypes} onChange={(responseTypes) => setOidc({ responseTypes })} errors={errorsUnder(e, 'oidc.responseTypes')} />
            <MultiCheck legend="Grant types" options={GRANT_TYPES} value={oidc.grantTypes} onChange={(grantTypes) => setOidc({ grantTypes })} errors={errorsUnder(e, 'oidc.grantTypes')} />
          </div>
          <fieldset>
            <legend>Tokens</legend>
            <div className="row2">
              <Select
                label="Access token type"
                value={oidc.accessTokenType}
                options={TOKEN_TYPES}
                onChange={(accessTokenType) => setOidc({ accessTokenType })}
                hint="bearer = opaque (introspect it); jwt = self-contained"
              />
              <NumberField
                label="Clock skew (s)"
                value={oidc.clockSkew}
                min={0}
                max={5}
                onChange={(clockSkew) => setOidc({ clockSkew })}
                validate={(v) => (Number(v) < 0 || Number(v) > 5 ? '0 to 5 seconds' : undefined)}
                errors={e['oidc.clockSkew']}
              />
            </div>
            <Check label="User roles inside access token" description="role claims in JWT access tokens" checked={oidc.accessTokenRoleAssertion} onChange={(accessTokenRoleAssertion) => setOidc({ accessTokenRoleAssertion })} />
            <Check label="User roles inside ID token" description="role claims in the ID token" checked={oidc.idTokenRoleAssertion} onChange={(idTokenRoleAssertion) => setOidc({ idTokenRoleAssertion })} />
            <Check
              label="User info inside ID token"
              description="profile, email, phone claims in the ID token instead of only from userinfo"
              checked={oidc.idTokenUserinfoAssertion}
              onChange={(idTokenUserinfoAssertion) => setOidc({ idTokenUserinfoAssertion })}
            />
            <Check label="Development mode" description="allows http redirect URIs and custom schemes where ZITADEL would refuse them" checked={oidc.devMode} onChange={(devMode) => setOidc({ devMode })} />
          </fieldset>
        </>
      )}
      {draft.api && (
        <Select
          label="Authentication method"
          value={draft.api.authMethod}
          options={API_AUTH_METHODS.map((v) => ({ value: v, label: v === 'basic' ? 'client_secret_basic' : 'private_key_jwt' }))}
          onChange={(authMethod) => set({ api: { authMethod } })}
          errors={e['api.authMethod']}
          hint="How this API authenticates when it introspects tokens."
        />
      )}
      {e[''] && (
        <div className="error" role="alert">
          {e[''].join(' · ')}
        </div>
      )}
      <FormActions dirty={d.dirty} saving={d.saving} message={d.message} onRevert={d.revert} />

      {usesSecret && (
        <fieldset>
          <legend>Client secret</legend>
          <div className="actions">
            <button
              type="button"
              disabled={action.busy}
              onClick={() =>
                void action.run(() => client.post<SecretResultDto>(ADMIN_PATHS.appSecret(app.id), {})).then((r) => {
                  if (r) onSecret({ appId: app.id, clientId: r.clientId, clientSecret: r.clientSecret });
                })
              }
            >
              {app.clientSecret ? 'Regenerate secret' : 'Generate secret'}
            </button>
            <span className="hint">the new secret is shown once; the old one stops working</span>
            {action.error && <span className="error">{action.error}</span>}
          </div>
        </fieldset>
      )}
      {usesKeys && (
        <KeysSection
          keys={app.keys}
          addPath={ADMIN_PATHS.appKeys(app.id)}
          keyPath={(k) => ADMIN_PATHS.appKey(app.id, k)}
          keyFilePath={(k) => ADMIN_PATHS.appKeyFile(app.id, k)}
          what="private_key_jwt: the app signs a client assertion with the key from its key JSON."
        />
      )}
      <fieldset>
        <legend>Env snippet</legend>
        <pre className="snippet" data-testid="env-snippet">
          {envSnippet(issuer, app)}
        </pre>
        <CopyButton text={envSnippet(issuer, app)} label="copy env" />
      </fieldset>
      <div className="danger-zone">
        <DeleteButton label="Delete app" busy={action.busy} onConfirm={() => void action.run(() => client.remove('apps', app.id)).then(() => navigate('apps'))} />
      </div>
    </form>
  );
}
