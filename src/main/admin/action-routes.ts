// Admin routes for Actions besides the generic `targets` / `actions` CRUD: function executions
// and v1 flows (keyed by what they hook, not by id), a target test call with a sample payload,
// and a syntax check for v1 scripts the console runs while the user types.
import type Router from '@koa/router';
import type { ExecutionRequestDto, FlowRequestDto, ScriptCheckResultDto, TargetTestRequestDto, WriteResultDto } from '../../common/admin-api.js';
import { testTarget } from '../actions/v2/test-target.js';
import { signJwt } from '../oidc/tokens/sign-jwt.js';
import { executionFunctions, flowTriggers, type Execution, type Flow } from '../store/actions-schema.js';
import { findScriptSyntaxError } from '../store/check-action-references.js';
import type { AdminContext } from './admin-context.js';
import { badRequest, notFound } from './admin-errors.js';
import { readJsonObject } from './read-json-body.js';
import { writeStore } from './write-store.js';

function readIdList(body: Record<string, unknown>, name: string): string[] {
  const value = body[name];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw badRequest(`"${name}" must be an array of ids`);
  return value as string[];
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw notFound(`no ${what} "${value}"; use one of ${allowed.join(', ')}`);
  return value as T;
}

export function registerActionRoutes(router: Router, admin: AdminContext): void {
  const { store, clock } = admin.deps;

  router.get('/executions', (ctx) => {
    ctx.body = store.data.executions;
  });

  router.put('/executions/:fn', async (ctx) => {
    const fn = oneOf(ctx.params.fn ?? '', executionFunctions, 'function');
    const targets = readIdList(await readJsonObject(ctx), 'targets' satisfies keyof ExecutionRequestDto);
    const at = store.data.executions.findIndex((e) => e.function === fn);
    const entity: Execution = { function: fn, targets };
    writeStore(ctx, store, {
      entityPath: `executions[${at === -1 ? store.data.executions.length : at}]`,
      change: (draft) => {
        draft.executions = draft.executions.filter((e) => e.function !== fn);
        if (targets.length > 0) draft.executions.push(entity);
      },
    });
    ctx.body = { revision: store.revision, entity } satisfies WriteResultDto<Execution>;
  });

  router.get('/flows', (ctx) => {
    ctx.body = store.data.flows;
  });

  router.put('/flows/:orgId/:trigger', async (ctx) => {
    const orgId = ctx.params.orgId ?? '';
    const trigger = oneOf(ctx.params.trigger ?? '', flowTriggers, 'trigger');
    if (!store.index.orgsById.has(orgId)) throw notFound(`no org has id "${orgId}"`);
    const actionIds = readIdList(await readJsonObject(ctx), 'actionIds' satisfies keyof FlowRequestDto);
    const matches = (f: Flow): boolean => f.orgId === orgId && f.type === 'complementToken' && f.trigger === trigger;
    const at = store.data.flows.findIndex(matches);
    const entity: Flow = { orgId, type: 'complementToken', trigger, actionIds };
    writeStore(ctx, store, {
      entityPath: `flows[${at === -1 ? store.data.flows.length : at}]`,
      change: (draft) => {
        draft.flows = draft.flows.filter((f) => !matches(f));
        if (actionIds.length > 0) draft.flows.push(entity);
      },
    });
    ctx.body = { revision: store.revision, entity } satisfies WriteResultDto<Flow>;
  });

  router.post('/targets/:id/test', async (ctx) => {
    const id = ctx.params.id ?? '';
    const target = store.data.targets.find((t) => t.id === id);
    if (!target) throw notFound(`no targets entry has id "${id}"`);
    const body = await readJsonObject(ctx, { optional: true });
    const fn = oneOf(typeof body.function === 'string' ? body.function : 'preuserinfo', executionFunctions, 'function');
    const request: TargetTestRequestDto = {
      function: fn,
      ...(typeof body.userId === 'string' && { userId: body.userId }),
      ...(typeof body.clientId === 'string' && { clientId: body.clientId }),
    };
    try {
      ctx.body = await testTarget({ store, clock, signPayload: (payload) => signJwt(payload, admin.deps.keys.signer()) }, target, request);
    } catch (err) {
      throw badRequest(err instanceof Error ? err.message : String(err));
    }
  });

  router.post('/actions/check-script', async (ctx) => {
    const body = await readJsonObject(ctx);
    if (typeof body.script !== 'string') throw badRequest('"script" must be a string');
    const error = findScriptSyntaxError(body.script);
    ctx.body = (error === undefined ? {} : { error }) satisfies ScriptCheckResultDto;
  });
}
