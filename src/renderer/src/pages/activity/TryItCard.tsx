// First run: what to do to see something here.
import { CopyButton } from '../../components/CopyButton';
import { useConsole } from '../../state/ConsoleContext';
import { href } from '../../state/useHashRoute';
import { authorizeUrl } from '../../lib/urls';

export function TryItCard() {
  const { store, issuer } = useConsole();
  const app = store?.apps.find((a) => a.oidc?.redirectUris.length && a.oidc.responseTypes.includes('code') && a.oidc.appType === 'web') ??
    store?.apps.find((a) => a.oidc?.redirectUris.length);
  const human = store?.users.find((u) => u.human);
  const url = app ? authorizeUrl(issuer, app, human?.userName) : undefined;
  return (
    <section className="tryit" aria-label="Try it">
      <h2>Nothing has happened yet — try it</h2>
      <p>Every request your app makes to this emulator shows up here, live, with its tokens decoded.</p>
      <table className="kv">
        <tbody>
          <tr>
            <th>issuer</th>
            <td>
              <code>{issuer}</code> <CopyButton text={issuer} />
            </td>
          </tr>
          {app && (
            <tr>
              <th>client id</th>
              <td>
                <code>{app.clientId}</code> <CopyButton text={app.clientId} /> <span className="hint">({app.name})</span>
              </td>
            </tr>
          )}
          <tr>
            <th>discovery</th>
            <td>
              <code>{`${issuer}/.well-known/openid-configuration`}</code>
            </td>
          </tr>
        </tbody>
      </table>
      {url ? (
        <p>
          <a className="button primary" href={url} target="_blank" rel="noreferrer">
            Test login{human ? ` as ${human.userName}` : ''}
          </a>{' '}
          <span className="hint">opens the login page of {app?.name}; the redirect to its callback shows up here.</span>
        </p>
      ) : (
        <p className="hint">
          No app with a redirect URI yet: <a href={href('projects')}>create a project</a>, then <a href={href('apps')}>a web app</a> and{' '}
          <a href={href('users')}>a user</a>.
        </p>
      )}
    </section>
  );
}
