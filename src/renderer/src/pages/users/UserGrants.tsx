// A user's grants (the userGrants collection): per project, which roles the user holds.
import { useId, useState } from 'react';
import type { UserGrant } from '../../lib/types';
import { useConsole } from '../../state/ConsoleContext';
import { useAction } from '../../state/useAction';
import { href } from '../../state/useHashRoute';

function RoleChecks({ roles, value, onChange, prefix }: { roles: { key: string; displayName: string }[]; value: string[]; onChange: (v: string[]) => void; prefix: string }) {
  if (roles.length === 0) return <span className="hint">this project has no roles</span>;
  return (
    <span className="role-checks">
      {roles.map((r) => (
        <label key={r.key} className="inline" title={r.displayName}>
          <input
            type="checkbox"
            aria-label={`${prefix} role ${r.key}`}
            checked={value.includes(r.key)}
            onChange={(e) => onChange(e.target.checked ? [...value, r.key] : value.filter((k) => k !== r.key))}
          />
          {r.key}
        </label>
      ))}
    </span>
  );
}

function GrantRow({ grant }: { grant: UserGrant }) {
  const { store, client } = useConsole();
  const action = useAction();
  const [roleKeys, setRoleKeys] = useState(grant.roleKeys);
  const project = store?.projects.find((p) => p.id === grant.projectId);
  const changed = JSON.stringify([...roleKeys].sort()) !== JSON.stringify([...grant.roleKeys].sort());
  return (
    <tr>
      <th scope="row">{project?.name ?? grant.projectId}</th>
      <td>
        <RoleChecks roles={project?.roles ?? []} value={roleKeys} onChange={setRoleKeys} prefix={project?.name ?? ''} />
        {action.error && <div className="error">{action.error}</div>}
      </td>
      <td className="row-actions">
        <button type="button" className="small" disabled={!changed || action.busy} onClick={() => void action.run(() => client.update('userGrants', grant.id, { ...grant, roleKeys }))}>
          save
        </button>
        <button type="button" className="small" disabled={action.busy} onClick={() => void action.run(() => client.remove('userGrants', grant.id))}>
          remove
        </button>
      </td>
    </tr>
  );
}

export function UserGrants({ userId }: { userId: string }) {
  const { store, client } = useConsole();
  const id = useId();
  const grants = (store?.userGrants ?? []).filter((g) => g.userId === userId);
  const free = (store?.projects ?? []).filter((p) => !grants.some((g) => g.projectId === p.id && !g.projectGrantId));
  const [projectId, setProjectId] = useState('');
  const [roleKeys, setRoleKeys] = useState<string[]>([]);
  const action = useAction();
  const chosen = free.find((p) => p.id === projectId) ?? free[0];
  return (
    <fieldset className="grants">
      <legend>Grants</legend>
      {grants.length === 0 ? (
        <p className="hint">No grants: this user has no roles. Grant a project's roles below.</p>
      ) : (
        <table className="grid">
          <tbody>
            {grants.map((g) => (
              <GrantRow key={`${g.id}:${g.roleKeys.join(',')}`} grant={g} />
            ))}
          </tbody>
        </table>
      )}
      {(store?.projects.length ?? 0) === 0 ? (
        <p className="hint">
          No projects to grant: <a href={href('projects')}>create a project with roles</a>.
        </p>
      ) : chosen ? (
        <div className="add-grant">
          <label htmlFor={`${id}-p`}>Grant project</label>
          <select
            id={`${id}-p`}
            value={chosen.id}
            onChange={(e) => {
              setProjectId(e.target.value);
              setRoleKeys([]);
            }}
          >
            {free.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <RoleChecks roles={chosen.roles} value={roleKeys} onChange={setRoleKeys} prefix="new grant" />
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              void action.run(() => client.create('userGrants', { userId, projectId: chosen.id, roleKeys })).then((r) => {
                if (r) {
                  setRoleKeys([]);
                  setProjectId('');
                }
              })
            }
          >
            Grant
          </button>
          {action.error && (
            <span className="error" role="alert">
              {action.error}
            </span>
          )}
        </div>
      ) : null}
    </fieldset>
  );
}
