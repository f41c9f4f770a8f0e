// What every page reads: the API client, the store as last loaded, the overview counters and
// the live activity stream.
import { createContext, useContext } from 'react';
import type { ActivityEventDto, OverviewDto } from '../../../common/admin-api';
import type { BridgeStatusDto } from '../../../common/bridge-api';
import type { AdminClient } from '../api/client';
import type { StoreView } from '../lib/types';

export type ActivityListener = (event: ActivityEventDto) => void;

export interface ConsoleState {
  client: AdminClient;
  issuer: string;
  store?: StoreView;
  /** Revision of `store`. */
  revision: number;
  overview?: OverviewDto;
  loadError?: string;
  /** Set by a 409: the store changed elsewhere since it was read. */
  conflict: boolean;
  setConflict(conflict: boolean): void;
  reloadStore(): Promise<void>;
  /** Refreshes the overview (counters, unsaved-changes state). */
  reloadOverview(): Promise<void>;
  /** Bumped when the user reloads after a conflict: drafts rebase onto the current revision, keeping their input. */
  reloadTick: number;
  /** Reloads after a conflict and rebases every open draft. */
  reloadAfterConflict(): Promise<void>;
  subscribeActivity(listener: ActivityListener): () => void;
  /** The event stream is open. */
  live: boolean;
  /** Last store error from a hand edit of the file that could not be loaded. */
  fileError?: string;
  /** The test bridge's clock and armed faults (the banner shows them while they matter). */
  bridge?: BridgeStatusDto;
  /** Re-reads the test bridge's status (after the banner reset something). */
  reloadBridge(): Promise<void>;
}

export const ConsoleContext = createContext<ConsoleState | undefined>(undefined);

export function useConsole(): ConsoleState {
  const state = useContext(ConsoleContext);
  if (!state) throw new Error('useConsole outside ConsoleProvider');
  return state;
}

export function useStore(): { store: StoreView; revision: number } | undefined {
  const { store, revision } = useConsole();
  return store ? { store, revision } : undefined;
}
