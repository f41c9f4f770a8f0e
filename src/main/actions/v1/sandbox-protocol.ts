// Messages between the Actions v1 sandbox worker and the emulator (reference
// zitadel-actions.md §3). Plain JSON: the worker receives data, never host objects.
import type { JsonValue } from '../../oidc/claims/claim-types.js';

/** A metadata list as `getMetadata()` returns it (§3.3). */
export interface V1MetadataList {
  count: number;
  sequence: number;
  timestamp: string;
  metadata: { creationDate: string; changeDate: string; resourceOwner: string; sequence: number; key: string; value: JsonValue }[];
}

export interface V1Grant {
  id: string;
  projectGrantId: string;
  state: number;
  userGrantResourceOwner: string;
  userGrantResourceOwnerName: string;
  creationDate: string;
  changeDate: string;
  sequence: number;
  userId: string;
  userResourceOwner: string;
  roles: string[];
  projectId: string;
  projectName: string;
}

/** What the script's `ctx` is built from. */
export interface V1Input {
  claims: Record<string, JsonValue>;
  user: Record<string, JsonValue>;
  metadata: V1MetadataList;
  /** `null` when no grants were loaded (no role audience, §1). */
  grants: { count: number; sequence: number; timestamp: string; grants: V1Grant[] } | null;
  orgMetadata: V1MetadataList;
  clientId: string;
}

export interface V1RunRequest {
  type: 'run';
  id: number;
  script: string;
  /** The function called: the action's name. */
  name: string;
  timeoutMs: number;
  input: V1Input;
}

export interface V1RunResult {
  /**
   * `setClaim` (values as JSON text) and `appendLogIntoClaims` calls in call order: a refused
   * claim's log line lands between the entries around it.
   */
  claimOps: ({ key: string; value: string } | { logEntry: string })[];
  /** `setMetadata` calls, values JSON-encoded as ZITADEL stores them. */
  metadata: { key: string; value: string }[];
  /** `zitadel/log` lines. */
  logLines: string[];
  /** Why the action failed (script error, timeout, missing function). */
  error?: string;
}

export interface V1Done {
  type: 'done';
  id: number;
  result: V1RunResult;
}

/** `zitadel/http` fetch, forwarded to the emulator thread while the worker waits. */
export interface V1FetchRequest {
  type: 'fetch';
  id: number;
  url: string;
  method: string;
  headers: Record<string, string[]>;
  body?: string;
  timeoutMs: number;
}

export interface V1FetchReply {
  id: number;
  status?: number;
  body?: string;
  error?: string;
}

export type V1WorkerMessage = V1Done | V1FetchRequest;
