// The two grant editors share one shape: a table of grants whose roles can be changed or the
// grant removed, and a row to add one (pick a target, tick roles). Project grants (a project's
// roles shared with another org) and user grants (roles a user holds) both use it.
import { useId, useState, type ReactNode } from 'react';
import type { Collection } from '../../../common/admin-api';
import { useConsole } from '../state/ConsoleContext';
import { useAction } from '../state/useAction';
import { Problems } from './Problems';

export interface RoleOption {
  key: string;
  displayName: string;
  /** Shown after the key, e.g. who else holds the role. */
  note?: string | undefined;
}

export function RoleChecks(props: { roles: RoleOption[]; value: string[]; onChange: (v: string[]) => void; prefix: string; errors?: string[]; empty?: string }) {
  const invalid = (props.errors?.length ?? 0) > 0;
  return (
    <span className={`role-checks${invalid ? ' invalid' : ''}`}>
      {props.roles.length === 0 && <span className="hint">{props.empty ?? 'this project has no roles'}</span>}
      {props.roles.map((r) => (
        <label key={r.key} className="inline" title={r.displayName}>
          <input
            type="checkbox"
            aria-label={`${props.prefix} role ${r.key}`}
            aria-invalid={invalid || undefined}
            checked={props.value.includes(r.key)}
            onChange={(e) => props.onChange(e.target.checked ? [...props.value, r.key] : props.value.filter((k) => k !== r.key))}
          />
          {r.key}
          {r.note && <span className="hint"> ({r.note})</span>}
        </label>
      ))}
      <Problems messages={props.errors} />
    </span>
  );
}

const sameKeys = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/** One grant: its roles (save when changed) and remove. `detail` is an extra cell (e.g. who grants). */
export function GrantRow<G extends { id: string; roleKeys: string[] }>(props: {
  collection: Extract<Collection, 'projectGrants' | 'userGrants'>;
  grant: G;
  title: ReactNode;
  roles: RoleOption[];
  prefix: string;
  detail?: ReactNode;
}) {
  const { client } = useConsole();
  const action = useAction();
  const [roleKeys, setRoleKeys] = useState(props.grant.roleKeys);
  const { grant } = props;
  return (
    <tr>
      <th scope="row">{props.title}</th>
      {props.detail !== undefined && <td>{props.detail}</td>}
      <td>
        <RoleChecks roles={props.roles} value={roleKeys} onChange={setRoleKeys} prefix={props.prefix} errors={action.problems('roleKeys')} />
        <Problems messages={action.rest('roleKeys')} />
      </td>
      <td className="row-actions">
        <button
          type="button"
          className="small"
          aria-label={`Save ${props.prefix} roles`}
          disabled={sameKeys(roleKeys, grant.roleKeys) || action.busy}
          onClick={() => void action.run(() => client.update(props.collection, grant.id, { ...grant, roleKeys }))}
        >
          save
        </button>
        <button type="button" className="small" aria-label={`Remove ${props.prefix}`} disabled={action.busy} onClick={() => void action.run(() => client.remove(props.collection, grant.id))}>
          remove
        </button>
      </td>
    </tr>
  );
}

export interface GrantTarget {
  value: string;
  label: string;
  roles: RoleOption[];
  /** A line under the roles, e.g. who grants them. */
  note?: ReactNode;
}

/** Adding a grant: pick a target (a project, an org), tick roles, one button. */
export function AddGrant(props: {
  pickLabel: string;
  /** The body fields whose problems belong under the picker. */
  pickFields: string[];
  targets: GrantTarget[];
  create: (target: string, roleKeys: string[]) => Promise<unknown>;
  prefix: string;
  button: string;
}) {
  const id = useId();
  const action = useAction();
  const [picked, setPicked] = useState('');
  const [roleKeys, setRoleKeys] = useState<string[]>([]);
  const chosen = props.targets.find((t) => t.value === picked) ?? props.targets[0];
  if (!chosen) return null;
  const pickErrors = props.pickFields.flatMap((f) => action.problems(f));
  return (
    <div className="add-grant">
      <div className={`field compact${pickErrors.length ? ' invalid' : ''}`}>
        <label htmlFor={`${id}-p`}>{props.pickLabel}</label>
        <select
          id={`${id}-p`}
          value={chosen.value}
          aria-invalid={pickErrors.length ? true : undefined}
          onChange={(e) => {
            setPicked(e.target.value);
            setRoleKeys([]);
          }}
        >
          {props.targets.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
        <Problems messages={pickErrors} />
      </div>
      <RoleChecks roles={chosen.roles} value={roleKeys} onChange={setRoleKeys} prefix={props.prefix} errors={action.problems('roleKeys')} />
      <button
        type="button"
        disabled={action.busy}
        onClick={() =>
          void action
            .run(async () => {
              await props.create(chosen.value, roleKeys);
              return true;
            })
            .then((ok) => {
              if (!ok) return;
              setRoleKeys([]);
              setPicked('');
            })
        }
      >
        {props.button}
      </button>
      <Problems inline messages={action.rest('roleKeys', ...props.pickFields)} />
      {chosen.note && <div className="hint grant-note">{chosen.note}</div>}
    </div>
  );
}
