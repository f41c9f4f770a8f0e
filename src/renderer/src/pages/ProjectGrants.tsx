// A project's grants to other organizations (the projectGrants collection): which of its roles
// each org may give its own users. Users of a granted org get those roles through user grants
// made through the project grant; their org is then the granting org in role claims.
import { AddGrant, GrantRow } from '../components/Grants';
import type { Project } from '../lib/types';
import { useConsole } from '../state/ConsoleContext';
import { href } from '../state/useHashRoute';
import { Grid } from '../components/Grid';

export function ProjectGrants({ project }: { project: Project }) {
  const { store, client } = useConsole();
  if (!store) return null;
  const grants = store.projectGrants.filter((g) => g.projectId === project.id);
  const others = store.orgs.filter((o) => o.id !== project.orgId);
  const targets = others
    .filter((o) => !grants.some((g) => g.grantedOrgId === o.id))
    .map((o) => ({ value: o.id, label: `${o.name} (${o.primaryDomain})`, roles: project.roles }));
  return (
    <fieldset className="grants">
      <legend>Granted to organizations</legend>
      <p className="hint">
        A project grant lets another organization give its own users the roles ticked here (ZITADEL's <em>project grant</em>). Their role claims name that
        organization as the granting org.
      </p>
      {grants.length > 0 && (
        <Grid columns={['organization', 'user grants', 'shared roles']}>
          {grants.map((g) => {
            const org = store.orgs.find((o) => o.id === g.grantedOrgId);
            const through = store.userGrants.filter((u) => u.projectGrantId === g.id);
            const holders = (key: string) => through.filter((u) => u.roleKeys.includes(key)).length;
            return (
              <GrantRow
                key={`${g.id}:${g.roleKeys.join(',')}`}
                collection="projectGrants"
                grant={g}
                title={
                  <>
                    {org?.name ?? g.grantedOrgId} <code className="hint">{org?.primaryDomain}</code>
                    {g.state === 'inactive' && <span className="badge">inactive</span>}
                  </>
                }
                prefix={org?.name ?? g.grantedOrgId}
                roles={project.roles.map((r) => ({ ...r, note: holders(r.key) ? `${holders(r.key)} held` : undefined }))}
                detail={through.length}
              />
            );
          })}
        </Grid>
      )}
      {others.length === 0 ? (
        <p className="hint">
          No other organization to grant this project to: <a href={href('orgs')}>create one</a>.
        </p>
      ) : targets.length === 0 ? (
        <p className="hint">Every other organization has a grant of this project.</p>
      ) : (
        <AddGrant
          pickLabel="Grant to organization"
          pickFields={['grantedOrgId']}
          targets={targets}
          prefix="new project grant"
          button="Add grant"
          create={(grantedOrgId, roleKeys) => client.create('projectGrants', { projectId: project.id, grantedOrgId, roleKeys })}
        />
      )}
    </fieldset>
  );
}
