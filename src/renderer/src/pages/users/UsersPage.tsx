// Users: human and service tabs; create with one name.
import { useState } from 'react';
import { Empty } from '../../components/Empty';
import { CreateBar, ListPane, PlaceSelect, useCreate } from '../../components/ListPane';
import type { User } from '../../lib/types';
import { useConsole } from '../../state/ConsoleContext';
import { navigate } from '../../state/useHashRoute';
import { HumanForm } from './HumanForm';
import { MachineForm } from './MachineForm';

type Tab = 'human' | 'service';

export function UsersPage({ selectedId }: { selectedId?: string | undefined }) {
  const { store, client } = useConsole();
  const all = store?.users ?? [];
  const fromRoute = all.find((u) => u.id === selectedId);
  const [tabState, setTab] = useState<Tab>('human');
  const tab: Tab = fromRoute ? (fromRoute.machine ? 'service' : 'human') : tabState;
  const [orgId, setOrgId] = useState('');
  const users = all.filter((u) => (tab === 'human' ? u.human : u.machine));
  const selected = fromRoute ?? users[0];
  const orgs = store?.orgs ?? [];
  const chosenOrg = orgId || store?.instance.defaultOrgId || '';
  const switchTab = (t: Tab) => {
    setTab(t);
    const first = all.find((u) => (t === 'human' ? u.human : u.machine));
    navigate('users', first?.id);
  };
  const body = (userName: string) =>
    tab === 'human'
      ? { orgId: chosenOrg, userName, human: { profile: { displayName: userName } } }
      : { orgId: chosenOrg, userName, machine: { name: userName } };
  const create = useCreate(
    (userName) => client.create<User>('users', body(userName)),
    (user) => navigate('users', user.id),
    'userName',
  );
  return (
    <div className="editor">
      <ListPane
        label={tab === 'human' ? 'Human users' : 'Service users'}
        tabs={
          <div className="tabs" role="tablist" aria-label="User type">
            {(['human', 'service'] as const).map((t) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => switchTab(t)}>
                {t === 'human' ? 'Human' : 'Service'} ({all.filter((u) => (t === 'human' ? u.human : u.machine)).length})
              </button>
            ))}
          </div>
        }
        items={users.map((u) => ({
          id: u.id,
          title: u.userName,
          subtitle: u.human ? u.human.profile.displayName || u.human.email.email : u.machine?.description || u.machine?.name,
          ...(u.state === 'inactive' ? { badge: 'inactive' } : {}),
        }))}
        selectedId={selected?.id}
        onSelect={(id) => navigate('users', id)}
        create={
          <CreateBar
            label={tab === 'human' ? 'New user name' : 'New service user name'}
            placeholder={tab === 'human' ? 'New user name (e.g. alice)' : 'New service user name (e.g. ci-bot)'}
            {...create.bar}
          >
            <PlaceSelect label="Organization of the new user" places={orgs} value={chosenOrg} onChange={setOrgId} />
          </CreateBar>
        }
        empty={
          <Empty title={tab === 'human' ? 'No human users' : 'No service users'}>
            {tab === 'human' ? 'Create one above, give it a password and grant it roles to log in.' : 'Service users call APIs with client_credentials, a key (JWT profile) or a personal access token.'}
          </Empty>
        }
      />
      {selected ? selected.machine ? <MachineForm user={selected} /> : <HumanForm user={selected} /> : <Empty title="Create a user" />}
    </div>
  );
}
