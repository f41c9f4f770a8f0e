// The Complement Token hooks of ZITADEL (reference zitadel-actions.md §1): before a token's,
// userinfo's or introspection's claims are final, the user's org's v1 actions run, then the
// v2 targets of the function's execution; their claims come back for the pure claim builder
// to merge. Runs on every call, as in ZITADEL.
import type { ActionCallDto } from '../../common/admin-api.js';
import { applyActionClaims, selectUserinfoPart } from '../oidc/claims/action-claims.js';
import type { Claims, ClaimsResult } from '../oidc/claims/claim-types.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import { signJwt } from '../oidc/tokens/sign-jwt.js';
import type { ExecutionFunction } from '../store/actions-schema.js';
import type { StoreData, User } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { ActionClaimsState } from './action-claims-state.js';
import type { HookContext } from './hook-context.js';
import type { HookSubject } from './hook-subject.js';
import { ActionSandbox } from './v1/sandbox.js';
import { TRIGGER_OF_FUNCTION, runFlow } from './v1/run-flow.js';
import { runTargets } from './v2/run-targets.js';

/** One sandbox (a small pool of workers) per emulator, keyed by its store; workers start with the first v1 action. */
const sandboxes = new WeakMap<Store, ActionSandbox>();

function sandboxOf(store: Store): ActionSandbox {
  let sandbox = sandboxes.get(store);
  if (!sandbox) {
    sandbox = new ActionSandbox();
    sandboxes.set(store, sandbox);
  }
  return sandbox;
}

/** Stops the emulator's sandbox workers, if any were started. */
export async function closeActionSandbox(store: Store): Promise<void> {
  await sandboxes.get(store)?.close();
  sandboxes.delete(store);
}

/** Whether `fn` has anything to run for a user of `orgId` (a v2 execution with targets, or a v1 flow with actions). */
export function hasComplementActions(data: StoreData, fn: ExecutionFunction, orgId: string): boolean {
  if (data.executions.some((e) => e.function === fn && e.targets.length > 0)) return true;
  const trigger = TRIGGER_OF_FUNCTION[fn];
  return data.flows.some((f) => f.orgId === orgId && f.trigger === trigger && f.actionIds.length > 0);
}

export function createHookContext(deps: Pick<ProviderDeps, 'clock' | 'store' | 'activity' | 'keys'>): HookContext {
  return {
    clock: deps.clock,
    signPayload: (payload) => signJwt(payload, deps.keys.signer()),
    setUserMetadata(userId, key, value) {
      deps.store.update((draft) => {
        const user = draft.users.find((u) => u.id === userId);
        if (!user) throw new Error(`user ${userId} is gone`);
        user.metadata[key] = value;
      });
    },
    record(call: ActionCallDto) {
      const draft = deps.activity;
      if (draft) (draft.actions ??= []).push(call);
    },
  };
}

export interface ComplementRequest {
  fn: ExecutionFunction;
  user: User;
  clientId: string;
  /** Projects whose grants are loaded (the role audience); none when empty (§1). Only read when actions run. */
  roleProjectIds: () => readonly string[];
  /** Claims the hook's `userinfo` holds besides the built ones (preaccesstoken: profile by the app's flag). */
  extraUserinfo?: Claims;
}

/**
 * Runs v1 then v2 for `request.fn` and merges their claims into `built`. Throws the relying
 * party's OAuthError when an action stops the flow. `built` is returned as is when nothing runs.
 */
export async function applyComplementActions(deps: ProviderDeps, request: ComplementRequest, built: ClaimsResult<Claims>): Promise<ClaimsResult<Claims>> {
  const { data, index } = deps.store;
  if (!hasComplementActions(data, request.fn, request.user.orgId)) return built;
  const userinfo = { ...request.extraUserinfo, ...selectUserinfoPart(built.claims) };
  const projects = request.roleProjectIds();
  const roleProjectIds = projects.length > 0 ? projects : undefined;
  const subject: HookSubject = { fn: request.fn, data, index, user: request.user, clientId: request.clientId, userinfo, roleProjectIds };
  const claims = new ActionClaimsState(userinfo);
  const hook = createHookContext(deps);
  await runFlow(subject, claims, hook, sandboxOf(deps.store));
  await runTargets(subject, claims, hook);
  return claims.isEmpty ? built : applyActionClaims(built, claims.outcome());
}
