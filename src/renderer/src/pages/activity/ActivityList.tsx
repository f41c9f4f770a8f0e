// Rows grouped by login session (authorize → login → token → userinfo → logout), newest
// session first; ↑/↓ move the selection.
import { useRef, type KeyboardEvent } from 'react';
import type { ActivityEventDto } from '../../../../common/admin-api';
import { clockTime, relative } from '../../lib/time';

interface Group {
  key: string;
  sessionId?: string;
  events: ActivityEventDto[];
}

function groupBySession(events: ActivityEventDto[]): Group[] {
  const groups = new Map<string, Group>();
  for (const e of events) {
    const key = e.sessionId ? `s:${e.sessionId}` : `e:${e.id}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, ...(e.sessionId ? { sessionId: e.sessionId } : {}), events: [] };
      groups.set(key, g);
    }
    g.events.push(e);
  }
  const last = (g: Group) => g.events[g.events.length - 1]?.id ?? 0;
  return [...groups.values()].sort((a, b) => last(b) - last(a));
}

function summary(e: ActivityEventDto): string {
  if (e.error) return e.error.error;
  if (e.tokens?.length) return e.tokens.map((t) => t.kind.replace('_token', '')).join(', ');
  if (e.kind === 'introspect' && typeof e.response?.body === 'object' && e.response.body) {
    return (e.response.body as { active?: boolean }).active ? 'active' : 'inactive';
  }
  if (e.response?.location) {
    try {
      const u = new URL(e.response.location, window.location.origin);
      return u.searchParams.has('code') ? '→ code' : `→ ${u.pathname}`;
    } catch {
      return '';
    }
  }
  return '';
}

export function ActivityList(props: {
  events: ActivityEventDto[];
  selectedId?: number | undefined;
  onSelect: (id: number) => void;
  names: { client: (id?: string) => string; user: (id?: string) => string };
}) {
  const groups = groupBySession(props.events);
  const order = groups.flatMap((g) => g.events);
  const ref = useRef<HTMLDivElement>(null);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const i = order.findIndex((x) => x.id === props.selectedId);
    const next = order[Math.min(order.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      props.onSelect(next.id);
      requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus());
    }
  };
  return (
    <div className="activity-list" ref={ref} onKeyDown={onKey} role="listbox" aria-label="Protocol requests">
      {groups.map((g) => (
        <div key={g.key} className="group" role="group" aria-label={g.sessionId ? `session ${g.sessionId}` : 'request'}>
          {g.sessionId && <div className="group-head hint">session {g.sessionId}</div>}
          {g.events.map((e) => (
            <div
              key={e.id}
              role="option"
              tabIndex={e.id === props.selectedId || (props.selectedId === undefined && e === order[0]) ? 0 : -1}
              aria-selected={e.id === props.selectedId}
              className={`row${e.outcome === 'error' ? ' failed' : ''}${e.minted ? ' minted' : ''}${e.fault ? ' faulted' : ''}`}
              data-kind={e.kind}
              onClick={() => props.onSelect(e.id)}
              onKeyDown={(k) => {
                if (k.key === 'Enter') props.onSelect(e.id);
              }}
            >
              <span className="time mono" title={relative(e.time)}>
                {clockTime(e.time)}
              </span>
              <span className="client">{props.names.client(e.clientId)}</span>
              <span className="user">{props.names.user(e.userId)}</span>
              <span className="kind">
                {e.kind}
                {e.grantType && <span className="hint"> {e.grantType.replace('urn:ietf:params:oauth:grant-type:', '')}</span>}
                {e.minted && (
                  <span className="badge minted" title="Minted by the test bridge (mintTokens), not requested by a client">
                    minted
                  </span>
                )}
                {e.fault && (
                  <span className="badge faulted" title={`Test-bridge fault ${e.fault.id}: ${e.fault.detail}`}>
                    fault: {e.fault.action}
                  </span>
                )}
              </span>
              <span className={`status ${e.outcome === 'ok' ? 'ok' : 'bad'}`}>
                {e.outcome === 'ok' ? '✓' : '✗'} {e.status}
                {e.findings && (
                  <span className="finding-count" title={e.findings.map((f) => f.message).join('\n')}>
                    {' '}
                    ⚠ {e.findings.length}
                  </span>
                )}
              </span>
              <span className="summary hint">{summary(e)}</span>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
