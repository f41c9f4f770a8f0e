// One RPC = one file exporting an `Rpc` (CONVENTIONS "New surfaces"): the method descriptor and
// a function from the request's proto JSON (typed by the generated `…Json` types) to the
// response's. Working on JSON lets gRPC, Connect, REST and the v2beta mirror share one
// implementation; `invokeRpc` authenticates, runs and records the call for every protocol.
import type { DescMessage, DescMethodUnary, MessageJsonType } from '@bufbuild/protobuf';
import type { ApiCallActivityDto } from '../../common/admin-api.js';
import type { ActivityLog } from '../activity/activity-log.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import type { ZitadelApiError } from './api-error.js';
import { type ApiCall, createApiCall } from './api-call.js';
import { authenticateCaller, type Caller } from './authenticate.js';
import type { PermissionDecision } from './authorize.js';
import { recordApiCall } from './api-activity.js';
import { asApiError } from './error-wire.js';

export interface Rpc<I extends DescMessage = DescMessage, O extends DescMessage = DescMessage> {
  method: DescMethodUnary<I, O>;
  run(request: MessageJsonType<I>, call: ApiCall): Promise<MessageJsonType<O>>;
}

/** Erases the message types so RPCs of different methods fit in one table. */
export function defineRpc<I extends DescMessage, O extends DescMessage>(rpc: Rpc<I, O>): Rpc {
  return rpc as unknown as Rpc;
}

export interface ApiEnv {
  deps: ProviderDeps;
  activity: ActivityLog;
  log: (line: string) => void;
}

export interface Invocation {
  protocol: ApiCallActivityDto['protocol'];
  httpMethod: string;
  path: string;
  headers: Headers;
  /** Names the RPC in Activity when it differs from the one run (the v2beta mirror). */
  service: string;
  rpc: string;
}

export type RpcOutcome = { ok: true; response: unknown } | { ok: false; error: ZitadelApiError };

/** Authenticates, runs and records; never throws (errors come back as ZitadelApiError). */
export async function invokeRpc(rpc: Rpc, request: unknown, inv: Invocation, env: ApiEnv): Promise<RpcOutcome> {
  const started = performance.now();
  const decisions: PermissionDecision[] = [];
  let caller: Caller | undefined;
  let outcome: RpcOutcome;
  try {
    caller = await authenticateCaller(inv.headers.get('authorization'), inv.headers.get('origin'), env.deps);
    const response = await rpc.run(request as never, createApiCall(env.deps, caller, inv.headers, decisions));
    outcome = { ok: true, response };
  } catch (err) {
    const error = asApiError(err);
    if (error.detail !== undefined && error.code === 13) env.log(`ZITADEL API ${inv.service}/${inv.rpc} failed: ${error.detail}`);
    outcome = { ok: false, error };
  }
  recordApiCall(env.activity, { inv, request, outcome, caller, decisions, started });
  return outcome;
}
