// Activity (home): every protocol request, live, grouped by login session; the selected one
// decoded underneath.
import { useMemo, useState } from 'react';
import type { ActivityEventDto } from '../../../../common/admin-api';
import { useConsole } from '../../state/ConsoleContext';
import { ActivityDetail } from './ActivityDetail';
import { ActivityFilters, type Filters } from './ActivityFilters';
import { ActivityList } from './ActivityList';
import { TryItCard } from './TryItCard';
import { useActivity } from './useActivity';

const NOISE = new Set(['discovery', 'jwks']);

export function useNames() {
  const { store } = useConsole();
  return useMemo(() => {
    const clients = new Map<string, string>();
    const users = new Map<string, string>();
    for (const app of store?.apps ?? []) clients.set(app.clientId, app.name);
    for (const user of store?.users ?? []) {
      users.set(user.id, user.userName);
      clients.set(user.userName, user.userName);
    }
    return {
      client: (id?: string) => (id ? (clients.get(id) ?? id) : '—'),
      user: (id?: string) => (id ? (users.get(id) ?? id) : '—'),
    };
  }, [store]);
}

function matches(e: ActivityEventDto, f: Filters, names: ReturnType<typeof useNames>): boolean {
  if (f.hideNoise && NOISE.has(e.kind)) return false;
  if (f.errorsOnly && e.outcome !== 'error') return false;
  if (f.findingsOnly && !e.findings) return false;
  if (f.client && e.clientId !== f.client) return false;
  if (f.user && e.userId !== f.user) return false;
  if (f.search) {
    const q = f.search.toLowerCase();
    const hay = [e.kind, e.path, e.grantType, e.clientId, names.client(e.clientId), names.user(e.userId), e.error?.error, e.error?.error_description, e.error?.detail, e.sessionId, ...(e.findings ?? []).map((x) => x.message), ...Object.values(e.params)]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    if (!hay.includes(q)) return false;
  }
  return true;
}

export function ActivityPage() {
  const { events, paused, buffered, error, togglePause, clear } = useActivity();
  const names = useNames();
  const [filters, setFilters] = useState<Filters>({ client: '', user: '', errorsOnly: false, findingsOnly: false, search: '', hideNoise: true });
  const [selectedId, setSelectedId] = useState<number>();
  const shown = useMemo(() => events.filter((e) => matches(e, filters, names)), [events, filters, names]);
  const selected = events.find((e) => e.id === selectedId);

  return (
    <div className="activity">
      <ActivityFilters
        events={events}
        filters={filters}
        onChange={setFilters}
        paused={paused}
        buffered={buffered}
        onTogglePause={togglePause}
        onClear={() => {
          clear();
          setSelectedId(undefined);
        }}
        names={names}
      />
      {error && (
        <div className="banner bad" role="alert">
          Could not read activity: {error}
        </div>
      )}
      {events.length === 0 ? (
        <TryItCard />
      ) : shown.length === 0 ? (
        <div className="empty">
          <strong>No request matches the filters.</strong>
        </div>
      ) : (
        <ActivityList events={shown} selectedId={selectedId} onSelect={setSelectedId} names={names} />
      )}
      {selected ? (
        <ActivityDetail event={selected} names={names} />
      ) : (
        events.length > 0 && <div className="detail-empty hint">Select a request to see its parameters, response and decoded tokens (↑/↓ to move).</div>
      )}
    </div>
  );
}
