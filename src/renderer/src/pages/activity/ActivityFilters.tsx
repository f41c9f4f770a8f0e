import { useId } from 'react';
import type { ActivityEventDto } from '../../../../common/admin-api';

export interface Filters {
  client: string;
  user: string;
  errorsOnly: boolean;
  /** Only requests the relying-party doctor has findings for. */
  findingsOnly: boolean;
  search: string;
  hideNoise: boolean;
}

/** One id to filter by, or all of them. */
function FilterSelect(props: { label: string; all: string; ids: string[]; name: (id: string) => string; value: string; onChange: (id: string) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {props.label}
      </label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.all}</option>
        {props.ids.map((v) => (
          <option key={v} value={v}>
            {props.name(v)}
          </option>
        ))}
      </select>
    </>
  );
}

export function ActivityFilters(props: {
  events: ActivityEventDto[];
  filters: Filters;
  onChange: (f: Filters) => void;
  paused: boolean;
  buffered: number;
  onTogglePause: () => void;
  onClear: () => void;
  names: { client: (id?: string) => string; user: (id?: string) => string };
}) {
  const { filters: f, onChange } = props;
  const clients = [...new Set(props.events.map((e) => e.clientId).filter((c): c is string => Boolean(c)))];
  const users = [...new Set(props.events.map((e) => e.userId).filter((u): u is string => Boolean(u)))];
  return (
    <div className="toolbar" role="toolbar" aria-label="Activity filters">
      <FilterSelect label="Client" all="all clients" ids={clients} name={props.names.client} value={f.client} onChange={(client) => onChange({ ...f, client })} />
      <FilterSelect label="User" all="all users" ids={users} name={props.names.user} value={f.user} onChange={(user) => onChange({ ...f, user })} />
      <label className="inline">
        <input type="checkbox" checked={f.errorsOnly} onChange={(e) => onChange({ ...f, errorsOnly: e.target.checked })} /> errors only
      </label>
      <label className="inline">
        <input type="checkbox" checked={f.findingsOnly} onChange={(e) => onChange({ ...f, findingsOnly: e.target.checked })} /> doctor findings only
      </label>
      <label className="inline">
        <input type="checkbox" checked={f.hideNoise} onChange={(e) => onChange({ ...f, hideNoise: e.target.checked })} /> hide discovery/jwks
      </label>
      <input
        type="search"
        aria-label="Search activity"
        placeholder="search…"
        value={f.search}
        onChange={(e) => onChange({ ...f, search: e.target.value })}
      />
      <span className="spacer" />
      <button type="button" onClick={props.onTogglePause} aria-pressed={props.paused}>
        {props.paused ? `Resume${props.buffered ? ` (${props.buffered} new)` : ''}` : 'Pause'}
      </button>
      <button type="button" onClick={props.onClear}>
        Clear
      </button>
    </div>
  );
}
