// Administrators of the instance or of one org (the memberships collection): ZITADEL's IAM_* /
// ORG_* roles that decide what a caller may do through the ZITADEL API (README "Apps that
// manage users"). One row per member: roles to change or the membership to remove; a row to add one.
import { useId, useState } from 'react';
import { INSTANCE_MEMBER_ROLES, ORG_MEMBER_ROLES } from '../../../main/store/member-roles';
import { useConsole } from '../state/ConsoleContext';
import { useAction } from '../state/useAction';
import { RoleChecks, type RoleOption } from './Grants';
import { Grid } from './Grid';
import { Problems } from './Problems';
import type { Membership } from '../lib/types';

const sameKeys = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

function MemberRow({ membership, roles, name }: { membership: Membership; roles: RoleOption[]; name: string }) {
  const { client } = useConsole();
  const action = useAction();
  const [picked, setPicked] = useState<string[]>(membership.roles);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <RoleChecks roles={roles} value={picked} onChange={setPicked} prefix={`member ${name}`} errors={action.problems('roles')} />
        <Problems messages={action.rest('roles')} />
      </td>
      <td className="row-actions">
        <button
          type="button"
          className="small"
          aria-label={`Save member ${name} roles`}
          disabled={sameKeys(picked, membership.roles) || action.busy}
          onClick={() => void action.run(() => client.update('memberships', membership.id, { ...membership, roles: picked }))}
        >
          save
        </button>
        <button type="button" className="small" aria-label={`Remove member ${name}`} disabled={action.busy} onClick={() => void action.run(() => client.remove('memberships', membership.id))}>
          remove
        </button>
      </td>
    </tr>
  );
}

/** Members of the org `orgId`, or of the instance when it is absent. */
export function Members({ orgId }: { orgId?: string | undefined }) {
  const { store, client } = useConsole();
  const id = useId();
  const action = useAction();
  const [userId, setUserId] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  if (!store) return null;
  const names = (orgId === undefined ? INSTANCE_MEMBER_ROLES : ORG_MEMBER_ROLES).map((key) => ({ key, displayName: key }));
  const members = store.memberships.filter((m) => m.orgId === orgId);
  const candidates = store.users.filter((u) => !members.some((m) => m.userId === u.id));
  const chosen = candidates.find((u) => u.id === userId) ?? candidates[0];
  const userName = (uid: string) => store.users.find((u) => u.id === uid)?.userName ?? uid;
  const where = orgId === undefined ? 'instance' : 'organization';
  return (
    <fieldset className="grants" aria-label={`Members of the ${where}`}>
      <legend>{orgId === undefined ? 'Instance members' : 'Organization members'}</legend>
      <p className="hint">
        Who may manage users through ZITADEL's API ({orgId === undefined ? 'in every organization' : 'in this organization'}): ZITADEL's administrator roles, checked for
        every API call.
      </p>
      {members.length > 0 && (
        <Grid columns={['user', 'roles']}>
          {members.map((m) => (
            <MemberRow key={`${m.id}:${m.roles.join(',')}`} membership={m} roles={names} name={userName(m.userId)} />
          ))}
        </Grid>
      )}
      {chosen && (
        <div className="add-grant">
          <div className="field compact">
            <label htmlFor={`${id}-u`}>Add member</label>
            <select id={`${id}-u`} value={chosen.id} onChange={(e) => setUserId(e.target.value)}>
              {candidates.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.userName}
                </option>
              ))}
            </select>
          </div>
          <RoleChecks roles={names} value={roles} onChange={setRoles} prefix="new member" errors={action.problems('roles')} />
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              void action
                .run(async () => {
                  await client.create('memberships', { userId: chosen.id, ...(orgId !== undefined && { orgId }), roles });
                  return true;
                })
                .then((ok) => {
                  if (!ok) return;
                  setRoles([]);
                  setUserId('');
                })
            }
          >
            Add member
          </button>
          <Problems inline messages={action.rest('roles', 'userId')} />
        </div>
      )}
    </fieldset>
  );
}
