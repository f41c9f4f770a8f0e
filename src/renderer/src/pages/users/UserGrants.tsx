// A user's grants (the userGrants collection): per project, which roles the user holds. When
// the user's org does not own a project but was granted it (a project grant), the user grant
// goes through that project grant: only the shared roles can be given, and the user's org is
// the granting org in role claims.
import { AddGrant, GrantRow, type GrantTarget, type RoleOption } from '../../components/Grants';
import type { Org, Project, ProjectGrant, StoreView } from '../../lib/types';
import { useConsole } from '../../state/ConsoleContext';
import { href } from '../../state/useHashRoute';
import { Grid } from '../../components/Grid';

/** How a user of `orgId` is granted `project`: directly, or through the project grant to their org. */
function routeFor(store: StoreView, project: Project, orgId: string): ProjectGrant | undefined {
  if (project.orgId === orgId) return undefined;
  const granted = store.projectGrants.filter((g) => g.projectId === project.id && g.grantedOrgId === orgId);
  return granted.find((g) => g.state === 'active') ?? granted[0];
}

function rolesOf(project: Project | undefined, projectGrant: ProjectGrant | undefined, held: string[] = []): RoleOption[] {
  const roles = project?.roles ?? [];
  return projectGrant ? roles.filter((r) => projectGrant.roleKeys.includes(r.key) || held.includes(r.key)) : roles;
}

function Grantor({ org, projectGrant }: { org: Org | undefined; projectGrant: ProjectGrant | undefined }) {
  return (
    <span className="grantor">
      {org?.name ?? '?'} <code className="hint">{org?.primaryDomain}</code> {projectGrant ? <span className="tag">project grant</span> : <span className="tag">owner</span>}
    </span>
  );
}

export function UserGrants({ userId }: { userId: string }) {
  const { store, client } = useConsole();
  if (!store) return null;
  const user = store.users.find((u) => u.id === userId);
  const orgId = user?.orgId ?? '';
  const org = (id: string) => store.orgs.find((o) => o.id === id);
  const grants = store.userGrants.filter((g) => g.userId === userId);
  const targets: (GrantTarget & { projectGrant: ProjectGrant | undefined })[] = store.projects.flatMap((p) => {
    const projectGrant = routeFor(store, p, orgId);
    if (grants.some((g) => g.projectId === p.id && g.projectGrantId === projectGrant?.id)) return [];
    const grantor = org(projectGrant ? projectGrant.grantedOrgId : p.orgId);
    return [
      {
        value: p.id,
        label: projectGrant ? `${p.name} — granted to ${grantor?.name ?? '?'} by ${org(p.orgId)?.name ?? '?'}` : p.name,
        roles: rolesOf(p, projectGrant),
        projectGrant,
        note: projectGrant ? (
          <>
            Through the project grant: only the roles {org(p.orgId)?.name} shares; granted by <Grantor org={grantor} projectGrant={projectGrant} />
          </>
        ) : (
          <>
            Granted by <Grantor org={grantor} projectGrant={undefined} />
          </>
        ),
      },
    ];
  });
  return (
    <fieldset className="grants">
      <legend>Grants</legend>
      {grants.length === 0 ? (
        <p className="hint">No grants: this user has no roles. Grant a project's roles below.</p>
      ) : (
        <Grid columns={['project', 'granted by', 'roles']}>
          {grants.map((g) => {
            const project = store.projects.find((p) => p.id === g.projectId);
            const projectGrant = store.projectGrants.find((pg) => pg.id === g.projectGrantId);
            return (
              <GrantRow
                key={`${g.id}:${g.roleKeys.join(',')}`}
                collection="userGrants"
                grant={g}
                title={project?.name ?? g.projectId}
                prefix={project?.name ?? ''}
                roles={rolesOf(project, projectGrant, g.roleKeys)}
                detail={<Grantor org={org(projectGrant ? projectGrant.grantedOrgId : (project?.orgId ?? ''))} projectGrant={projectGrant} />}
              />
            );
          })}
        </Grid>
      )}
      {store.projects.length === 0 ? (
        <p className="hint">
          No projects to grant: <a href={href('projects')}>create a project with roles</a>.
        </p>
      ) : (
        <AddGrant
          pickLabel="Grant project"
          pickFields={['projectId', 'projectGrantId']}
          targets={targets}
          prefix="new grant"
          button="Grant"
          create={(projectId, roleKeys) => {
            const projectGrantId = targets.find((t) => t.value === projectId)?.projectGrant?.id;
            return client.create('userGrants', { userId, projectId, roleKeys, ...(projectGrantId ? { projectGrantId } : {}) });
          }}
        />
      )}
    </fieldset>
  );
}
