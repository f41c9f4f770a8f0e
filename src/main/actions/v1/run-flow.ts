// Runs the Complement Token actions of the user's org for one trigger (reference
// zitadel-actions.md §3.1-3.4): in the flow's order, each with its timeout (20 s unless
// 0 < t < 20), its claims merged with §2.6's rules, its log claim written after it; a failing
// action stops the flow unless it is allowedToFail.
import type { ActionCallDto, ActionClaimDto } from '../../../common/admin-api.js';
import type { JsonValue } from '../../oidc/claims/claim-types.js';
import { serverError } from '../../oidc/errors.js';
import { MAX_ACTION_TIMEOUT, type Action, type FlowTrigger } from '../../store/actions-schema.js';
import type { ActionClaimsState } from '../action-claims-state.js';
import type { HookContext } from '../hook-context.js';
import type { HookSubject } from '../hook-subject.js';
import { buildV1Input } from './action-input.js';
import type { ActionSandbox } from './sandbox.js';

export const TRIGGER_OF_FUNCTION = { preuserinfo: 'preUserinfoCreation', preaccesstoken: 'preAccessTokenCreation' } as const satisfies Record<HookSubject['fn'], FlowTrigger>;

export function v1LogClaimKey(actionName: string): string {
  return `urn:zitadel:iam:action:${actionName}:log`;
}

/** Z `internal/actions/config.go`: the configured timeout if 0 < t < 20 s, else 20 s. */
export function effectiveTimeoutMs(action: Action): number {
  return action.timeout > 0 && action.timeout < MAX_ACTION_TIMEOUT ? action.timeout * 1000 : MAX_ACTION_TIMEOUT * 1000;
}

/** Active actions of the user's org flow for the subject's trigger, in flow order. */
export function flowActions(subject: Pick<HookSubject, 'fn' | 'data' | 'user'>): Action[] {
  const trigger = TRIGGER_OF_FUNCTION[subject.fn];
  const flow = subject.data.flows.find((f) => f.orgId === subject.user.orgId && f.type === 'complementToken' && f.trigger === trigger);
  if (!flow) return [];
  const byId = new Map(subject.data.actions.map((a) => [a.id, a]));
  return flow.actionIds.flatMap((id) => byId.get(id) ?? []).filter((a) => a.state === 'active');
}

export async function runFlow(subject: HookSubject, claims: ActionClaimsState, hook: HookContext, sandbox: ActionSandbox): Promise<void> {
  for (const action of flowActions(subject)) {
    const started = performance.now();
    const result = await sandbox.run(action.script, action.name, effectiveTimeoutMs(action), buildV1Input(subject, claims.current()));
    const call: ActionCallDto = {
      kind: 'v1',
      function: subject.fn,
      name: action.name,
      id: action.id,
      outcome: 'ok',
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      claims: [],
      logs: [...result.logLines],
      metadata: [],
    };
    // setMetadata stores synchronously in ZITADEL, so it holds even when the action fails later.
    for (const { key, value } of result.metadata) {
      try {
        hook.setUserMetadata(subject.user.id, key, value);
        call.metadata.push(key);
      } catch {
        call.logs.push(`failed to set user metadata key "${key}"`);
      }
    }
    const logEntries: string[] = [];
    const by = `v1 action "${action.name}" (${TRIGGER_OF_FUNCTION[subject.fn]})`;
    for (const op of result.claimOps) {
      if ('logEntry' in op) {
        logEntries.push(op.logEntry);
        continue;
      }
      const value = JSON.parse(op.value) as JsonValue;
      const outcome: ActionClaimDto['outcome'] = claims.set(op.key, value, by, (line) => logEntries.push(line));
      call.claims.push({ key: op.key, outcome, value });
    }
    call.logs.push(...logEntries);
    if (result.error !== undefined) {
      call.error = result.error;
      call.outcome = action.allowedToFail ? 'ignored_error' : 'interrupted';
    }
    if (logEntries.length > 0 && (result.error === undefined || action.allowedToFail)) claims.setLog(v1LogClaimKey(action.name), logEntries, `${by} log`);
    hook.record(call);
    // goja errors are no ZITADEL errors: the relying party sees server_error "Errors.Internal".
    if (call.outcome === 'interrupted') throw serverError('Errors.Internal', { detail: `action "${action.name}": ${result.error ?? ''}` });
  }
}
