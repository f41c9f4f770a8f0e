// A project's roles: key, display name, group; add and remove rows.
import { Problems } from '../components/Problems';
import type { Role } from '../lib/types';
import type { Errors } from '../state/useDraft';
import { Grid } from '../components/Grid';

export function RolesTable({ roles, onChange, errors }: { roles: Role[]; onChange: (roles: Role[]) => void; errors: Errors }) {
  const set = (i: number, patch: Partial<Role>) => onChange(roles.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="roles">
      <legend>Roles</legend>
      {roles.length === 0 ? (
        <p className="hint">No roles yet. Roles are what users are granted; they appear in the role claims.</p>
      ) : (
        <Grid columns={['key', 'display name', 'group']}>
          {roles.map((r, i) => {
            const keyErrors = [...(errors[`roles[${i}].key`] ?? []), ...(errors[`roles[${i}]`] ?? [])];
            return (
              <tr key={i} className={keyErrors.length ? 'invalid' : undefined}>
                <td>
                  <input
                    aria-label={`Role ${i + 1} key`}
                    className="mono"
                    value={r.key}
                    aria-invalid={keyErrors.length ? true : undefined}
                    onChange={(e) => set(i, { key: e.target.value })}
                    placeholder="admin"
                  />
                  <Problems messages={keyErrors} />
                </td>
                <td>
                  <input aria-label={`Role ${i + 1} display name`} value={r.displayName} onChange={(e) => set(i, { displayName: e.target.value })} />
                </td>
                <td>
                  <input aria-label={`Role ${i + 1} group`} value={r.group} onChange={(e) => set(i, { group: e.target.value })} />
                </td>
                <td>
                  <button type="button" className="small" aria-label={`Remove role ${r.key || i + 1}`} onClick={() => onChange(roles.filter((_, j) => j !== i))}>
                    remove
                  </button>
                </td>
              </tr>
            );
          })}
        </Grid>
      )}
      <button type="button" onClick={() => onChange([...roles, { key: '', displayName: '', group: '' }])}>
        + Add role
      </button>
    </fieldset>
  );
}
