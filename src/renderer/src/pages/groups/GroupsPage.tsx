// User groups (ZITADEL 2026): an org's group, its name and its members. Members get the
// `groups` and `urn:zitadel:iam:user:groups` claims when an app asks for those scopes.
import { useState } from 'react';
import { DeleteZone } from '../../components/DeleteZone';
import { DraftForm, EntityTitle } from '../../components/DraftForm';
import { Empty } from '../../components/Empty';
import { StateSelect } from '../../components/EnumSelects';
import { Field, Select } from '../../components/Field';
import { CreateBar, ListPane, PlaceSelect, useCreate } from '../../components/ListPane';
import type { Group } from '../../lib/types';
import { useConsole } from '../../state/ConsoleContext';
import { useDraft } from '../../state/useDraft';
import { href, navigate } from '../../state/useHashRoute';
import { GroupMembers } from './GroupMembers';

export function GroupsPage({ selectedId }: { selectedId?: string | undefined }) {
  const { store, client } = useConsole();
  const [orgId, setOrgId] = useState('');
  const groups = store?.groups ?? [];
  const orgs = store?.orgs ?? [];
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;
  const selected = groups.find((g) => g.id === selectedId) ?? groups[0];
  const chosenOrg = orgId || store?.instance.defaultOrgId || '';
  const create = useCreate(
    (name) => client.create<Group>('groups', { name, orgId: chosenOrg }),
    (group) => navigate('groups', group.id),
  );
  return (
    <div className="editor">
      <ListPane
        label="Groups"
        items={groups.map((g) => ({
          id: g.id,
          title: g.name,
          subtitle: `${orgName(g.orgId)} · ${g.userIds.length} ${g.userIds.length === 1 ? 'member' : 'members'}`,
          ...(g.state === 'inactive' ? { badge: 'inactive' } : {}),
        }))}
        selectedId={selected?.id}
        onSelect={(id) => navigate('groups', id)}
        create={
          <CreateBar label="New group name" placeholder="New group name" {...create.bar}>
            <PlaceSelect label="Organization of the new group" places={orgs} value={chosenOrg} onChange={setOrgId} />
          </CreateBar>
        }
        empty={
          <Empty title="No groups yet">
            Create one above and add <a href={href('users')}>users</a> as members: apps see them with the scopes <code>groups</code> and{' '}
            <code>urn:zitadel:iam:user:groups</code>.
          </Empty>
        }
      />
      {selected ? <GroupForm group={selected} /> : <Empty title="Create a group">A group collects users of the instance.</Empty>}
    </div>
  );
}

function GroupForm({ group }: { group: Group }) {
  const { client, store } = useConsole();
  const d = useDraft<Group>(group, group.id);
  const draft = d.draft ?? group;
  const set = (patch: Partial<Group>) => d.setDraft((g) => ({ ...g, ...patch }));
  return (
    <div className="form-col">
      <DraftForm label={`Group ${group.name}`} draft={d} save={(g, rev) => client.update('groups', group.id, g, rev)}>
        <EntityTitle name={group.name} id={group.id} />
        <div className="row2">
          <Field label="Name" required value={draft.name} onChange={(name) => set({ name })} errors={d.errors.name} hint="The value in the groups claim." />
          <Select
            label="Organization"
            value={draft.orgId}
            options={(store?.orgs ?? []).map((o) => ({ value: o.id, label: o.name }))}
            onChange={(orgId) => set({ orgId })}
            errors={d.errors.orgId}
          />
          <StateSelect value={draft.state} onChange={(state) => set({ state })} errors={d.errors.state} />
        </div>
        <Field label="Description" value={draft.description} onChange={(description) => set({ description })} errors={d.errors.description} />
        <GroupMembers userIds={draft.userIds} onChange={(userIds) => set({ userIds })} errors={d.errors} />
      </DraftForm>
      <DeleteZone label="Delete group" remove={() => client.remove('groups', group.id)} onDeleted={() => navigate('groups')} />
    </div>
  );
}
