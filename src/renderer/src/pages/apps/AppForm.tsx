// One app's settings: every field of the store format, secret, keys and developer shortcuts.
import { ADMIN_PATHS } from '../../../../common/admin-api';
import { CopyButton } from '../../components/CopyButton';
import { DeleteZone } from '../../components/DeleteZone';
import { DraftForm } from '../../components/DraftForm';
import { StateSelect, TokenTypeSelect } from '../../components/EnumSelects';
import { Check, Field, MultiCheck, NumberField, Select } from '../../components/Field';
import { KeysSection } from '../../components/KeysSection';
import { Problems } from '../../components/Problems';
import { SecretSection } from '../../components/SecretSection';
import { UriList } from '../../components/UriList';
import { API_AUTH_METHODS, APP_TYPE_LABELS, AUTH_METHOD_LABELS, GRANT_TYPES, OIDC_APP_TYPES, OIDC_AUTH_METHODS, RESPONSE_TYPES } from '../../lib/enums';
import type { App, OidcConfig } from '../../lib/types';
import { authorizeUrl, envSnippet } from '../../lib/urls';
import { useConsole } from '../../state/ConsoleContext';
import { errorsUnder, useDraft } from '../../state/useDraft';
import { navigate } from '../../state/useHashRoute';
import type { ShownSecret } from './AppsPage';

export function AppForm({ app, onSecret }: { app: App; onSecret: (s: ShownSecret) => void }) {
  const { client, issuer, store } = useConsole();
  const d = useDraft<App>(app, app.id);
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
    <DraftForm
      label={`App ${app.name}`}
      draft={d}
      save={(a, rev) => {
        const { keys: _keys, ...body } = a;
        return client.update('apps', app.id, body, rev);
      }}
      footer={
        <>
          {usesSecret && (
            <SecretSection
              legend="Client secret"
              path={ADMIN_PATHS.appSecret(app.id)}
              hasSecret={Boolean(app.clientSecret)}
              onSecret={(r) => onSecret({ appId: app.id, clientId: r.clientId, clientSecret: r.clientSecret })}
            >
              <span className="hint">the new secret is shown once; the old one stops working</span>
            </SecretSection>
          )}
          {usesKeys && <KeysSection keys={app.keys} owner="app" ownerId={app.id} what="private_key_jwt: the app signs a client assertion with the key from its key JSON." />}
          <fieldset>
            <legend>Env snippet</legend>
            <pre className="snippet" data-testid="env-snippet">
              {envSnippet(issuer, app)}
            </pre>
            <CopyButton text={envSnippet(issuer, app)} label="copy env" />
          </fieldset>
          <DeleteZone label="Delete app" remove={() => client.remove('apps', app.id)} onDeleted={() => navigate('apps')} />
        </>
      }
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
        <StateSelect value={draft.state} onChange={(state) => set({ state })} errors={e.state} />
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
              <TokenTypeSelect value={oidc.accessTokenType} onChange={(accessTokenType) => setOidc({ accessTokenType })} hint="bearer = opaque (introspect it); jwt = self-contained" />
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
      <Problems messages={e['']} />
    </DraftForm>
  );
}
