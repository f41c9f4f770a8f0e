// Projects: owning org, name, the three role settings, roles.
import { useState } from 'react';
import { Empty } from '../components/Empty';
import { Check, Field, Select } from '../components/Field';
import { FormActions } from '../components/FormActions';
import { CreateBar, ListPane } from '../components/ListPane';
import { DeleteButton } from '../components/DeleteButton';
import { STATES } from '../lib/enums';
import type { Project } from '../lib/types';
import { useConsole } from '../state/ConsoleContext';
import { useAction } from '../state/useAction';
import { useDraft } from '../state/useDraft';
import { href, navigate } from '../state/useHashRoute';
import { RolesTable } from './RolesTable';

export function ProjectsPage({ selectedId }: { selectedId?: string | undefined }) {
  const { store, client } = useConsole();
  const [name, setName] = useState('');
  const [orgId, setOrgId] = useState('');
  const create = useAction();
  const projects = store?.projects ?? [];
  const orgs = store?.orgs ?? [];
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;
  const selected = projects.find((p) => p.id === selectedId) ?? projects[0];
  const chosenOrg = orgId || store?.instance.defaultOrgId || '';
  return (
    <div className="editor">
      <ListPane
        label="Projects"
        items={projects.map((p) => ({ id: p.id, title: p.name, subtitle: `${orgName(p.orgId)} · ${p.roles.length} roles` }))}
        selectedId={selected?.id}
        onSelect={(id) => navigate('projects', id)}
        create={
          <CreateBar
            label="New project name"
            placeholder="New project name"
            value={name}
            onChange={setName}
            busy={create.busy}
            errors={create.error ? [create.error] : undefined}
            onSubmit={() =>
              void create.run(() => client.create<Project>('projects', { name: name.trim(), orgId: chosenOrg })).then((r) => {
                if (r) {
                  setName('');
                  navigate('projects', r.entity.id);
                }
              })
            }
          >
            {orgs.length > 1 && (
              <select aria-label="Organization of the new project" value={chosenOrg} onChange={(e) => setOrgId(e.target.value)}>
                {orgs.map((o) => (
                  <option key={o.id} value={o.id}>
                    in {o.name}
                  </option>
                ))}
              </select>
            )}
          </CreateBar>
        }
        empty={
          <Empty title="No projects yet">
            Create one above, add roles, then <a href={href('apps')}>create an app</a> in it.
          </Empty>
        }
      />
      {selected ? <ProjectForm project={selected} /> : <Empty title="Create a project">A project holds apps and roles.</Empty>}
    </div>
  );
}

function ProjectForm({ project }: { project: Project }) {
  const { client, store } = useConsole();
  const d = useDraft<Project>(project, project.id);
  const del = useAction();
  const draft = d.draft ?? project;
  const set = (patch: Partial<Project>) => d.setDraft((p) => ({ ...p, ...patch }));
  const apps = store?.apps.filter((a) => a.projectId === project.id) ?? [];
  return (
    <form
      className="form"
      aria-label={`Project ${project.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void d.save((p, rev) => client.update('projects', project.id, p, rev));
      }}
    >
      <h2>
        {project.name} <code className="hint">{project.id}</code>
      </h2>
      <div className="row2">
        <Field label="Name" required value={draft.name} onChange={(name) => set({ name })} errors={d.errors.name} />
        <Select
          label="Organization"
          value={draft.orgId}
          options={(store?.orgs ?? []).map((o) => ({ value: o.id, label: o.name }))}
          onChange={(orgId) => set({ orgId })}
          errors={d.errors.orgId}
        />
        <Select label="State" value={draft.state} options={STATES} onChange={(state) => set({ state })} />
      </div>
      <fieldset>
        <legend>Role settings</legend>
        <Check
          label="Assert roles on authentication"
          description="adds the user's roles of this project to userinfo and introspection (and to tokens when the app asks for it)"
          checked={draft.projectRoleAssertion}
          onChange={(projectRoleAssertion) => set({ projectRoleAssertion })}
        />
        <Check
          label="Check authorization on authentication"
          description="users without a grant on this project cannot log in to its apps (GrantRequired)"
          checked={draft.projectRoleCheck}
          onChange={(projectRoleCheck) => set({ projectRoleCheck })}
        />
        <Check
          label="Check for project on authentication"
          description="the user's organization must own or be granted this project (ProjectRequired)"
          checked={draft.hasProjectCheck}
          onChange={(hasProjectCheck) => set({ hasProjectCheck })}
        />
      </fieldset>
      <RolesTable roles={draft.roles} onChange={(roles) => set({ roles })} errors={d.errors} />
      <FormActions dirty={d.dirty} saving={d.saving} message={d.message} onRevert={d.revert} />
      <p className="hint">
        Apps: {apps.length === 0 ? <a href={href('apps')}>none yet — create one</a> : apps.map((a) => a.name).join(', ')}
      </p>
      <div className="danger-zone">
        <DeleteButton
          label="Delete project"
          busy={del.busy}
          onConfirm={() => void del.run(() => client.remove('projects', project.id)).then(() => navigate('projects'))}
        />
        {del.error && <span className="error">{del.error}</span>}
      </div>
    </form>
  );
}
