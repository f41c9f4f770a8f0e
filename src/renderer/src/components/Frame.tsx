// Header (issuer, copy, live counters), left nav and the current page.
import { useConsole } from '../state/ConsoleContext';
import { href, useHashRoute } from '../state/useHashRoute';
import { ActivityPage } from '../pages/activity/ActivityPage';
import { InspectorPage } from '../pages/InspectorPage';
import { OrgsPage } from '../pages/OrgsPage';
import { ProjectsPage } from '../pages/ProjectsPage';
import { AppsPage } from '../pages/apps/AppsPage';
import { UsersPage } from '../pages/users/UsersPage';
import { ActionsPage } from '../pages/actions/ActionsPage';
import { GroupsPage } from '../pages/groups/GroupsPage';
import { SettingsPage } from '../pages/SettingsPage';
import { CopyButton } from './CopyButton';
import { BridgeBanner } from './BridgeBanner';
import { ConflictBanner } from './ConflictBanner';

const NAV: [string, string][] = [
  ['activity', 'Activity'],
  ['inspector', 'Inspector'],
  ['orgs', 'Organizations'],
  ['projects', 'Projects'],
  ['apps', 'Apps'],
  ['users', 'Users'],
  ['actions', 'Actions'],
  ['groups', 'Groups'],
  ['settings', 'Settings'],
];

export function Frame() {
  const { issuer, overview, live, loadError, fileError } = useConsole();
  const route = useHashRoute();
  return (
    <div className="frame">
      <header className="top">
        <strong className="brand">IdP Emulator</strong>
        <code className="issuer" data-testid="issuer">
          {issuer}
        </code>
        <CopyButton text={issuer} title="Copy the issuer URL" />
        <span className="spacer" />
        <span className="counters" aria-live="polite" title={live ? 'live' : 'event stream disconnected'}>
          <span className={`dot${live ? ' on' : ''}`} aria-hidden="true" />
          <span data-testid="count-sessions">{overview?.counts.loginSessions ?? '–'}</span> sessions ·{' '}
          <span data-testid="count-tokens">{overview?.counts.activeTokens ?? '–'}</span> tokens
        </span>
      </header>
      <nav className="side" aria-label="Console">
        {NAV.map(([page, label], i) => (
          <a key={page} href={href(page)} aria-current={route.page === page ? 'page' : undefined} className={i === 2 ? 'sep' : undefined}>
            {label}
          </a>
        ))}
        {overview?.storePath && (
          <div className="store-path hint" title={overview.storePath}>
            store: {overview.storePath.split(/[\\/]/).pop()}
          </div>
        )}
      </nav>
      <main className="page">
        <BridgeBanner />
        <ConflictBanner />
        {loadError && (
          <div className="banner bad" role="alert">
            Could not load the store: {loadError}
          </div>
        )}
        {overview?.saveError && (
          <div className="banner bad" role="alert" data-testid="unsaved">
            Changes are NOT saved to the store file (they are lost when the emulator stops): {overview.saveError}
          </div>
        )}
        {fileError && (
          <div className="banner bad" role="alert">
            The store file was edited by hand but could not be loaded (the last good data is still used): {fileError}
          </div>
        )}
        <Page page={route.page} id={route.id} />
      </main>
    </div>
  );
}

function Page({ page, id }: { page: string; id?: string | undefined }) {
  switch (page) {
    case 'inspector':
      return <InspectorPage />;
    case 'orgs':
      return <OrgsPage selectedId={id} />;
    case 'projects':
      return <ProjectsPage selectedId={id} />;
    case 'apps':
      return <AppsPage selectedId={id} />;
    case 'users':
      return <UsersPage selectedId={id} />;
    case 'actions':
      return <ActionsPage selectedId={id} />;
    case 'groups':
      return <GroupsPage selectedId={id} />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <ActivityPage />;
  }
}
