// Runs the targets of a function execution one after another (reference zitadel-actions.md
// §2.2-2.7, Z `execution.CallTargets` and `userinfo.go`): each gets the payload, webhook and
// call failures stop the flow only with interruptOnError, async targets never wait or fail,
// and after the last one the merged reply is applied once — metadata, claims, log claim.
import type { ActionCallDto, ActionClaimDto } from '../../../common/admin-api.js';
import { invalidRequest, type OAuthError } from '../../oidc/errors.js';
import type { Target } from '../../store/actions-schema.js';
import type { ActionClaimsState } from '../action-claims-state.js';
import type { HookContext } from '../hook-context.js';
import type { HookSubject } from '../hook-subject.js';
import { callTarget, type TargetCallResult } from './call-target.js';
import { buildTargetPayload, marshalLikeGo } from './target-payload.js';
import { decodeTargetReply, serializeTargetReply, type TargetReply } from './target-reply.js';

export function v2LogClaimKey(fn: string): string {
  return `urn:zitadel:iam:action:function/${fn}:log`;
}

/** The targets of the execution for `subject.fn`, in list order. */
export function executionTargets(subject: Pick<HookSubject, 'fn' | 'data'>): Target[] {
  const execution = subject.data.executions.find((e) => e.function === subject.fn);
  if (!execution) return [];
  const byId = new Map(subject.data.targets.map((t) => [t.id, t]));
  return execution.targets.flatMap((id) => byId.get(id) ?? []);
}

function baseCall(subject: HookSubject, target: Target, payload: unknown): ActionCallDto {
  return {
    kind: 'target',
    function: subject.fn,
    name: target.name,
    id: target.id,
    targetType: target.type,
    endpoint: target.endpoint,
    payload,
    outcome: 'ok',
    durationMs: 0,
    claims: [],
    logs: [],
    metadata: [],
  };
}

function describeResult(result: TargetCallResult): Pick<ActionCallDto, 'reply' | 'error'> {
  const reply = result.status === undefined ? undefined : { status: result.status, body: result.body ?? '' };
  return { ...(reply && { reply }), ...(!result.ok && { error: result.reason }) };
}

/** Calls the targets; throws the relying party's error when one interrupts the flow. */
export async function runTargets(subject: HookSubject, claims: ActionClaimsState, hook: HookContext): Promise<void> {
  const targets = executionTargets(subject);
  if (targets.length === 0) return;
  const merged: TargetReply = {};
  const calls = new Map<string, ActionCallDto>();
  for (const target of targets) {
    const payload = buildTargetPayload(subject, claims.current(), serializeTargetReply(merged));
    const body = target.payloadType === 'jwt' ? await hook.signPayload(payload) : marshalLikeGo(payload);
    const call = baseCall(subject, target, payload);
    const started = performance.now();
    const now = Math.floor(hook.clock.now() / 1000);
    const finish = (): void => {
      call.durationMs = Math.round((performance.now() - started) * 10) / 10;
    };
    if (target.type === 'async') {
      // Fire and forget (a goroutine without cancel in ZITADEL): never awaited, never fails the flow.
      void callTarget({ target, body, now }).catch(() => undefined);
      hook.record(call);
      continue;
    }
    const result = await callTarget({ target, body, now });
    finish();
    Object.assign(call, describeResult(result));
    calls.set(target.id, call);
    let failure: OAuthError | undefined = result.ok ? undefined : result.error;
    if (result.ok && target.type === 'call') {
      try {
        decodeTargetReply(result.body, target.id, merged);
      } catch (err) {
        call.error = err instanceof Error ? err.message : String(err);
        failure = invalidRequest('Errors.Execution.ResponseIsNotValidJSON', { detail: call.error });
      }
    }
    if (failure && target.interruptOnError) {
      call.outcome = 'interrupted';
      hook.record(call);
      throw failure;
    }
    if (failure) call.outcome = 'ignored_error';
    hook.record(call);
  }
  applyReply(subject, claims, hook, merged, calls);
}

function applyReply(subject: HookSubject, claims: ActionClaimsState, hook: HookContext, reply: TargetReply, calls: Map<string, ActionCallDto>): void {
  const logs: string[] = [];
  const nameOf = (id: string): string => calls.get(id)?.name ?? id;
  for (const { key, value, from } of reply.setUserMetadata ?? []) {
    try {
      hook.setUserMetadata(subject.user.id, key, value);
      calls.get(from)?.metadata.push(key);
    } catch {
      logs.push(`failed to set user metadata key "${key}"`);
    }
  }
  for (const { key, value, from } of reply.appendClaims ?? []) {
    const outcome: ActionClaimDto['outcome'] = claims.set(key, value, `target "${nameOf(from)}" (${subject.fn})`, (line) => logs.push(line));
    calls.get(from)?.claims.push({ key, outcome, value });
  }
  for (const { line, from } of reply.appendLogClaims ?? []) {
    logs.push(line);
    calls.get(from)?.logs.push(line);
  }
  if (logs.length > 0) claims.setLog(v2LogClaimKey(subject.fn), logs, `Actions v2 log of function/${subject.fn}`);
}
