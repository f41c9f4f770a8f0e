// Organizations: name, primary domain, state.
import { useState } from 'react';
import { Empty } from '../components/Empty';
import { Field, Select } from '../components/Field';
import { FormActions } from '../components/FormActions';
import { CreateBar, ListPane } from '../components/ListPane';
import { DeleteButton } from '../components/DeleteButton';
import { STATES } from '../lib/enums';
import type { Org } from '../lib/types';
import { orgDomainFor } from '../lib/urls';
import { useConsole } from '../state/ConsoleContext';
import { useAction } from '../state/useAction';
import { useDraft } from '../state/useDraft';
import { navigate } from '../state/useHashRoute';

export function OrgsPage({ selectedId }: { selectedId?: string | undefined }) {
  const { store, client } = useConsole();
  const [name, setName] = useState('');
  const create = useAction();
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
        create={
          <CreateBar
            label="New organization name"
            placeholder="New organization name"
            value={name}
            onChange={setName}
            busy={create.busy}
            errors={create.error ? [create.error] : undefined}
            onSubmit={() =>
              void create
                .run(() => client.create<Org>('orgs', { name: name.trim(), primaryDomain: orgDomainFor(name.trim()) }))
                .then((r) => {
                  if (r) {
                    setName('');
                    navigate('orgs', r.entity.id);
                  }
                })
            }
          />
        }
        empty={<Empty title="No organizations">Create one above: users and projects belong to an organization.</Empty>}
      />
      {selected ? <OrgForm org={selected} /> : <Empty title="Select an organization" />}
    </div>
  );
}

function OrgForm({ org }: { org: Org }) {
  const { client, store } = useConsole();
  const d = useDraft<Org>(org, org.id);
  const del = useAction();
  const draft = d.draft ?? org;
  const set = (patch: Partial<Org>) => d.setDraft((o) => ({ ...o, ...patch }));
  const isDefault = store?.instance.defaultOrgId === org.id;
  return (
    <form
      className="form"
      aria-label={`Organization ${org.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void d.save((o, rev) => client.update('orgs', org.id, o, rev));
      }}
    >
      <h2>
        {org.name} <code className="hint">{org.id}</code>
      </h2>
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
      <Select label="State" value={draft.state} options={STATES} onChange={(state) => set({ state })} errors={d.errors.state} />
      <FormActions dirty={d.dirty} saving={d.saving} message={d.message} onRevert={d.revert} />
      <div className="danger-zone">
        {isDefault ? (
          <span className="hint">The instance's default organization cannot be deleted.</span>
        ) : (
          <DeleteButton
            label="Delete organization"
            busy={del.busy}
            onConfirm={() => void del.run(() => client.remove('orgs', org.id)).then(() => navigate('orgs'))}
          />
        )}
        {del.error && <span className="error">{del.error}</span>}
      </div>
    </form>
  );
}
