import { useId } from 'react';
import type { ActivityEventDto } from '../../../../common/admin-api';

export interface Filters {
  client: string;
  user: string;
  errorsOnly: boolean;
  search: string;
  hideNoise: boolean;
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
  const id = useId();
  const { filters: f, onChange } = props;
  const clients = [...new Set(props.events.map((e) => e.clientId).filter((c): c is string => Boolean(c)))];
  const users = [...new Set(props.events.map((e) => e.userId).filter((u): u is string => Boolean(u)))];
  return (
    <div className="toolbar" role="toolbar" aria-label="Activity filters">
      <label htmlFor={`${id}-c`} className="sr-only">
        Client
      </label>
      <select id={`${id}-c`} value={f.client} onChange={(e) => onChange({ ...f, client: e.target.value })}>
        <option value="">all clients</option>
        {clients.map((c) => (
          <option key={c} value={c}>
            {props.names.client(c)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-u`} className="sr-only">
        User
      </label>
      <select id={`${id}-u`} value={f.user} onChange={(e) => onChange({ ...f, user: e.target.value })}>
        <option value="">all users</option>
        {users.map((u) => (
          <option key={u} value={u}>
            {props.names.user(u)}
          </option>
        ))}
      </select>
      <label className="inline">
        <input type="checkbox" checked={f.errorsOnly} onChange={(e) => onChange({ ...f, errorsOnly: e.target.checked })} /> errors only
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
