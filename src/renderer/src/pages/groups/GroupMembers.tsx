// A group's members inside its edit form: remove a row, or pick a user and add it; Save
// writes the list with the rest of the group.
import { useState } from 'react';
import { Grid } from '../../components/Grid';
import { Problems } from '../../components/Problems';
import type { Errors } from '../../state/useDraft';
import { useConsole } from '../../state/ConsoleContext';
import { href } from '../../state/useHashRoute';

export function GroupMembers({ userIds, onChange, errors }: { userIds: string[]; onChange: (userIds: string[]) => void; errors: Errors }) {
  const { store } = useConsole();
  const [pick, setPick] = useState('');
  const users = store?.users ?? [];
  const orgName = (id: string) => store?.orgs.find((o) => o.id === id)?.name ?? id;
  const candidates = users.filter((u) => !userIds.includes(u.id));
  const chosen = candidates.some((u) => u.id === pick) ? pick : (candidates[0]?.id ?? '');
  return (
    <fieldset className="members">
      <legend>Members</legend>
      {userIds.length === 0 ? (
        <p className="hint">No members yet. Members get this group in their group claims.</p>
      ) : (
        <Grid columns={['user', 'organization']}>
          {userIds.map((id, i) => {
            const user = users.find((u) => u.id === id);
            return (
              <tr key={id}>
                <td>
                  {user ? <a href={href('users', id)}>{user.userName}</a> : <code>{id}</code>}
                  <Problems messages={errors[`userIds[${i}]`]} />
                </td>
                <td>{user ? orgName(user.orgId) : '?'}</td>
                <td>
                  <button type="button" className="small" aria-label={`Remove member ${user?.userName ?? id}`} onClick={() => onChange(userIds.filter((u) => u !== id))}>
                    remove
                  </button>
                </td>
              </tr>
            );
          })}
        </Grid>
      )}
      {candidates.length === 0 ? (
        <p className="hint">Every user is a member.</p>
      ) : (
        <div className="create-row">
          <select aria-label="User to add" value={chosen} onChange={(e) => setPick(e.target.value)}>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.userName} ({orgName(u.orgId)})
              </option>
            ))}
          </select>
          <button type="button" onClick={() => chosen && onChange([...userIds, chosen])}>
            + Add member
          </button>
        </div>
      )}
    </fieldset>
  );
}
