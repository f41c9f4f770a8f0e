// Projects: owning org, name, the three role settings, roles, and grants to other orgs.
import { useState } from 'react';
import { DeleteZone } from '../components/DeleteZone';
import { DraftForm, EntityTitle } from '../components/DraftForm';
import { Empty } from '../components/Empty';
import { StateSelect } from '../components/EnumSelects';
import { Check, Field, Select } from '../components/Field';
import { CreateBar, ListPane, PlaceSelect, useCreate } from '../components/ListPane';
import type { Project } from '../lib/types';
import { useConsole } from '../state/ConsoleContext';
import { useDraft } from '../state/useDraft';
import { href, navigate } from '../state/useHashRoute';
import { ProjectGrants } from './ProjectGrants';
import { RolesTable } from './RolesTable';

export function ProjectsPage({ selectedId }: { selectedId?: string | undefined }) {
  const { store, client } = useConsole();
  const [orgId, setOrgId] = useState('');
  const projects = store?.projects ?? [];
  const orgs = store?.orgs ?? [];
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;
  const selected = projects.find((p) => p.id === selectedId) ?? projects[0];
  const chosenOrg = orgId || store?.instance.defaultOrgId || '';
  const create = useCreate(
    (name) => client.create<Project>('projects', { name, orgId: chosenOrg }),
    (project) => navigate('projects', project.id),
  );
  const grantCount = (id: string) => store?.projectGrants.filter((g) => g.projectId === id).length ?? 0;
  return (
    <div className="editor">
      <ListPane
        label="Projects"
        items={projects.map((p) => ({
          id: p.id,
          title: p.name,
          subtitle: `${orgName(p.orgId)} · ${p.roles.length} roles${grantCount(p.id) ? ` · granted to ${grantCount(p.id)}` : ''}`,
        }))}
        selectedId={selected?.id}
        onSelect={(id) => navigate('projects', id)}
        create={
          <CreateBar label="New project name" placeholder="New project name" {...create.bar}>
            <PlaceSelect label="Organization of the new project" places={orgs} value={chosenOrg} onChange={setOrgId} />
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
  const draft = d.draft ?? project;
  const set = (patch: Partial<Project>) => d.setDraft((p) => ({ ...p, ...patch }));
  const apps = store?.apps.filter((a) => a.projectId === project.id) ?? [];
  return (
    <div className="form-col">
      <DraftForm
        label={`Project ${project.name}`}
        draft={d}
        save={(p, rev) => client.update('projects', project.id, p, rev)}
        footer={
          <p className="hint">
            Apps: {apps.length === 0 ? <a href={href('apps')}>none yet — create one</a> : apps.map((a) => a.name).join(', ')}
          </p>
        }
      >
        <EntityTitle name={project.name} id={project.id} />
        <div className="row2">
          <Field label="Name" required value={draft.name} onChange={(name) => set({ name })} errors={d.errors.name} />
          <Select
            label="Organization"
            value={draft.orgId}
            options={(store?.orgs ?? []).map((o) => ({ value: o.id, label: o.name }))}
            onChange={(orgId) => set({ orgId })}
            errors={d.errors.orgId}
          />
          <StateSelect value={draft.state} onChange={(state) => set({ state })} />
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
      </DraftForm>
      <ProjectGrants project={project} />
      <DeleteZone label="Delete project" remove={() => client.remove('projects', project.id)} onDeleted={() => navigate('projects')} />
    </div>
  );
}
