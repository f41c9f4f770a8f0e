// Organizations: name, primary domain, state.
import { DeleteZone } from '../components/DeleteZone';
import { DraftForm, EntityTitle } from '../components/DraftForm';
import { Empty } from '../components/Empty';
import { StateSelect } from '../components/EnumSelects';
import { Field } from '../components/Field';
import { Members } from '../components/Members';
import { CreateBar, ListPane, useCreate } from '../components/ListPane';
import type { Org } from '../lib/types';
import { orgDomainFor } from '../lib/urls';
import { useConsole } from '../state/ConsoleContext';
import { useDraft } from '../state/useDraft';
import { navigate } from '../state/useHashRoute';

export function OrgsPage({ selectedId }: { selectedId?: string | undefined }) {
  const { store, client } = useConsole();
  const create = useCreate(
    (name) => client.create<Org>('orgs', { name, primaryDomain: orgDomainFor(name) }),
    (org) => navigate('orgs', org.id),
  );
  const orgs = store?.orgs ?? [];
  const selected = orgs.find((o) => o.id === selectedId) ?? orgs[0];
  return (
    <div className="editor">
      <ListPane
        label="Organizations"
        items={orgs.map((o) => ({
          id: o.id,
          title: o.name,
          subtitle: o.primaryDomain,
          ...(o.id === store?.instance.defaultOrgId ? { badge: 'default' } : {}),
        }))}
        selectedId={selected?.id}
        onSelect={(id) => navigate('orgs', id)}
        create={<CreateBar label="New organization name" placeholder="New organization name" {...create.bar} />}
        empty={<Empty title="No organizations">Create one above: users and projects belong to an organization.</Empty>}
      />
      {selected ? <OrgForm org={selected} /> : <Empty title="Select an organization" />}
    </div>
  );
}

function OrgForm({ org }: { org: Org }) {
  const { client, store } = useConsole();
  const d = useDraft<Org>(org, org.id);
  const draft = d.draft ?? org;
  const set = (patch: Partial<Org>) => d.setDraft((o) => ({ ...o, ...patch }));
  const isDefault = store?.instance.defaultOrgId === org.id;
  return (
    <div className="form-col">
      <DraftForm
        label={`Organization ${org.name}`}
        draft={d}
        save={(o, rev) => client.update('orgs', org.id, o, rev)}
        footer={
          isDefault ? (
            <div className="danger-zone">
              <span className="hint">The instance's default organization cannot be deleted.</span>
            </div>
          ) : (
            <DeleteZone label="Delete organization" remove={() => client.remove('orgs', org.id)} onDeleted={() => navigate('orgs')} />
          )
        }
      >
        <EntityTitle name={org.name} id={org.id} />
        <Field label="Name" required value={draft.name} onChange={(name) => set({ name })} errors={d.errors.name} />
        <Field
          label="Primary domain"
          required
          mono
          value={draft.primaryDomain}
          onChange={(primaryDomain) => set({ primaryDomain })}
          errors={d.errors.primaryDomain}
          hint="Login names of this org's users are user@primary-domain."
        />
        <StateSelect value={draft.state} onChange={(state) => set({ state })} errors={d.errors.state} />
      </DraftForm>
      <Members orgId={org.id} />
    </div>
  );
}
