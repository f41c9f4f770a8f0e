// Apps: OIDC and API apps of every project.
import { useState } from 'react';
import { Empty } from '../../components/Empty';
import { ListPane } from '../../components/ListPane';
import { SecretOnce } from '../../components/Secret';
import { useConsole } from '../../state/ConsoleContext';
import { href, navigate } from '../../state/useHashRoute';
import { AppCreate } from './AppCreate';
import { AppForm } from './AppForm';

export interface ShownSecret {
  appId: string;
  clientId: string;
  clientSecret: string;
}

export function AppsPage({ selectedId }: { selectedId?: string | undefined }) {
  const { store } = useConsole();
  const [secret, setSecret] = useState<ShownSecret>();
  const apps = store?.apps ?? [];
  const projects = store?.projects ?? [];
  const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? id;
  const selected = apps.find((a) => a.id === selectedId) ?? apps[0];
  const kind = (a: (typeof apps)[number]) => (a.api ? 'API' : a.oidc?.appType === 'web' ? 'web' : a.oidc?.appType === 'userAgent' ? 'SPA' : 'native');
  return (
    <div className="editor">
      <ListPane
        label="Apps"
        items={apps.map((a) => ({ id: a.id, title: a.name, subtitle: `${projectName(a.projectId)} · ${a.clientId}`, badge: kind(a) }))}
        selectedId={selected?.id}
        onSelect={(id) => navigate('apps', id)}
        create={
          <AppCreate
            onCreated={(app) => {
              if (app.clientSecret) setSecret({ appId: app.id, clientId: app.clientId, clientSecret: app.clientSecret });
              navigate('apps', app.id);
            }}
          />
        }
        empty={
          projects.length === 0 ? (
            <Empty title="No projects yet">
              Apps live in a project: <a href={href('projects')}>create a project</a> first.
            </Empty>
          ) : (
            <Empty title="No apps yet">Pick a preset above, name the app and create it.</Empty>
          )
        }
      />
      {selected ? (
        <div className="form-col">
          {secret && secret.appId === selected.id && (
            <SecretOnce
              title="Client secret"
              items={[
                ['client id', secret.clientId],
                ['client secret', secret.clientSecret],
              ]}
              onDismiss={() => setSecret(undefined)}
            />
          )}
          <AppForm app={selected} onSecret={setSecret} />
        </div>
      ) : (
        <Empty title="Create an app">Give it a name and pick a preset on the left.</Empty>
      )}
    </div>
  );
}
