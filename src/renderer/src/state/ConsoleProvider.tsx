// Loads the store and the overview, keeps them fresh from the event stream (`store` events
// reload, `activity` events refresh the counters) and fans activity out to the pages.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ADMIN_PATHS, type ActivityEventDto, type OverviewDto, type StoreChangedDto, type StoreDto } from '../../../common/admin-api';
import { BRIDGE_PATHS, type BridgeStatusDto } from '../../../common/bridge-api';
import type { AdminClient } from '../api/client';
import { messageOf } from '../api/errors';
import type { StoreView } from '../lib/types';
import { ConsoleContext, type ActivityListener, type ConsoleState } from './ConsoleContext';

export function ConsoleProvider({ client, children }: { client: AdminClient; children: ReactNode }) {
  const [store, setStore] = useState<StoreView>();
  const [revision, setRevision] = useState(0);
  const [overview, setOverview] = useState<OverviewDto>();
  const [loadError, setLoadError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [live, setLive] = useState(false);
  const [fileError, setFileError] = useState<string>();
  const [reloadTick, setReloadTick] = useState(0);
  const [bridge, setBridge] = useState<BridgeStatusDto>();
  const listeners = useRef(new Set<ActivityListener>());

  const reloadStore = useCallback(async () => {
    try {
      const dto = await client.get<StoreDto>(ADMIN_PATHS.store);
      setStore(dto.data as unknown as StoreView);
      setRevision(dto.revision);
      setLoadError(undefined);
    } catch (err) {
      setLoadError(messageOf(err));
    }
  }, [client]);

  const reloadOverview = useCallback(async () => {
    try {
      setOverview(await client.get<OverviewDto>(ADMIN_PATHS.overview));
    } catch {
      /* the counters keep their last value */
    }
  }, [client]);

  // The newest status wins, whichever way it came (GET after a banner click, or the event stream).
  const applyBridge = useCallback((next: BridgeStatusDto) => {
    setBridge((current) => (current && current.revision > next.revision ? current : next));
  }, []);

  const reloadBridge = useCallback(async () => {
    try {
      applyBridge(await client.get<BridgeStatusDto>(BRIDGE_PATHS.status));
    } catch {
      /* the banner keeps its last state */
    }
  }, [client, applyBridge]);

  useEffect(() => {
    void reloadStore();
    void reloadOverview();
    void reloadBridge();
  }, [reloadStore, reloadOverview, reloadBridge]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refreshCounters = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reloadOverview(), 250);
    };
    const source = new EventSource(client.eventsUrl());
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('activity', (e) => {
      const event = JSON.parse((e as MessageEvent<string>).data) as ActivityEventDto;
      for (const listener of listeners.current) listener(event);
      refreshCounters();
    });
    source.addEventListener('bridge', (e) => applyBridge(JSON.parse((e as MessageEvent<string>).data) as BridgeStatusDto));
    source.addEventListener('store', (e) => {
      const change = JSON.parse((e as MessageEvent<string>).data) as StoreChangedDto;
      setFileError(change.error);
      if (!change.error) void reloadStore();
      refreshCounters();
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [client, reloadStore, reloadOverview, applyBridge]);

  const reloadAfterConflict = useCallback(async () => {
    await reloadStore();
    setConflict(false);
    setReloadTick((t) => t + 1);
  }, [reloadStore]);

  const subscribeActivity = useCallback((listener: ActivityListener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  const value = useMemo<ConsoleState>(
    () => ({
      client,
      issuer: overview?.issuer ?? window.location.origin,
      store,
      revision,
      overview,
      loadError,
      conflict,
      setConflict,
      reloadStore,
      reloadOverview,
      reloadTick,
      reloadAfterConflict,
      subscribeActivity,
      live,
      fileError,
      bridge,
      reloadBridge,
    }),
    [client, store, revision, overview, loadError, conflict, reloadStore, reloadOverview, reloadTick, reloadAfterConflict, subscribeActivity, live, fileError, bridge, reloadBridge],
  );
  return <ConsoleContext.Provider value={value}>{children}</ConsoleContext.Provider>;
}
