// Activity events: the recent ones from GET activity, then live ones from the event stream;
// pause buffers new events, clear hides everything seen so far.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ADMIN_PATHS, type ActivityEventDto } from '../../../../common/admin-api';
import { messageOf } from '../../api/errors';
import { useConsole } from '../../state/ConsoleContext';

const CLEARED_KEY = 'idp-emulator.activityClearedAfter';

function asList(body: unknown): ActivityEventDto[] {
  if (Array.isArray(body)) return body as ActivityEventDto[];
  if (typeof body === 'object' && body !== null && Array.isArray((body as { events?: unknown }).events)) {
    return (body as { events: ActivityEventDto[] }).events;
  }
  return [];
}

export function useActivity() {
  const { client, subscribeActivity } = useConsole();
  const [events, setEvents] = useState<ActivityEventDto[]>([]);
  const [paused, setPaused] = useState(false);
  const [buffered, setBuffered] = useState(0);
  const [error, setError] = useState<string>();
  const pausedRef = useRef(false);
  const buffer = useRef<ActivityEventDto[]>([]);
  const clearedAfter = useRef(Number(sessionStorage.getItem(CLEARED_KEY) ?? 0));

  const merge = useCallback((incoming: ActivityEventDto[]) => {
    setEvents((current) => {
      const seen = new Set(current.map((e) => e.id));
      const fresh = incoming.filter((e) => !seen.has(e.id) && e.id > clearedAfter.current);
      return fresh.length === 0 ? current : [...current, ...fresh].sort((a, b) => a.id - b.id).slice(-1000);
    });
  }, []);

  useEffect(() => {
    const unsubscribe = subscribeActivity((event) => {
      if (pausedRef.current) {
        buffer.current.push(event);
        setBuffered(buffer.current.length);
      } else merge([event]);
    });
    client
      .get<unknown>(ADMIN_PATHS.activity)
      .then((body) => merge(asList(body)))
      .catch((err: unknown) => setError(messageOf(err)));
    return unsubscribe;
  }, [client, subscribeActivity, merge]);

  const togglePause = useCallback(() => {
    const next = !pausedRef.current;
    pausedRef.current = next;
    setPaused(next);
    if (!next) {
      merge(buffer.current);
      buffer.current = [];
      setBuffered(0);
    }
  }, [merge]);

  const clear = useCallback(() => {
    setEvents((current) => {
      const last = Math.max(clearedAfter.current, ...current.map((e) => e.id), ...buffer.current.map((e) => e.id));
      clearedAfter.current = last;
      sessionStorage.setItem(CLEARED_KEY, String(last));
      return [];
    });
    buffer.current = [];
    setBuffered(0);
    void client.request('DELETE', ADMIN_PATHS.activity).catch(() => undefined);
  }, [client]);

  return { events, paused, buffered, error, togglePause, clear };
}
