// POST /oauth/v2/introspect (RFC 7662) as ZITADEL answers it (reference §5): the caller must
// authenticate; any token problem, including a token not meant for the caller, is exactly
// `{"active":false}`; an active answer carries the userinfo claims of the token's scopes and
// the roles of the caller's project.
import { recordFacts } from '../activity/request-activity.js';
import { checkInactiveIntrospection } from '../doctor/dead-token-checks.js';
import { hasComplementActions } from '../actions/complement-token.js';
import { readForm } from '../http/read-params.js';
import { authenticateIntrospectionCaller } from './client-auth/authenticate-introspection-caller.js';
import { invalidRequest } from './errors.js';
import { applyIntrospectionActions } from './introspection-actions.js';
import { buildIntrospectionAnswer } from './introspection-answer.js';
import type { Route } from './route-table.js';
import type { Claims } from './claims/claim-types.js';
import type { RuntimeState } from './state/runtime-state.js';
import { resolveAccessToken } from './tokens/resolve-access-token.js';

const INACTIVE = '{"active":false}';
/** APIs introspect the same token on every call they receive; the answer only changes with the store. */
const CACHE_LIMIT = 1000;

/**
 * Answers by token, caller and store revision, per emulator (keyed by its runtime state). A
 * refresh changes the token id and any store edit the revision, so a stale answer is never
 * served; expiry and revocation are checked before the cache is consulted.
 */
const answersByEmulator = new WeakMap<RuntimeState, Map<string, Claims>>();

function answersOf(state: RuntimeState): Map<string, Claims> {
  let answers = answersByEmulator.get(state);
  if (!answers) {
    answers = new Map();
    answersByEmulator.set(state, answers);
  }
  return answers;
}

export const introspectRoute: Route = {
  path: '/oauth/v2/introspect',
  methods: ['POST'],
  discoveryField: 'introspection_endpoint',
  async handle(ctx, deps) {
    const params = await readForm(ctx);
    // Caller errors come before token errors.
    const caller = await authenticateIntrospectionCaller(params, ctx.get('Authorization'), deps);
    const token = params.get('token');
    if (token === undefined) throw invalidRequest('token missing');

    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json';
    const live = await resolveAccessToken(token, deps, deps.state);
    if (typeof live === 'string') {
      ctx.body = INACTIVE;
      await checkInactiveIntrospection(deps, token, live);
      return;
    }
    recordFacts(deps, { clientId: caller.clientId, userId: live.user.id, sessionId: live.session.sid });
    // Actions run on every introspection (zitadel-actions.md §1), so their answers are never cached.
    if (hasComplementActions(deps.store.data, 'preuserinfo', live.user.orgId)) {
      const answer = await applyIntrospectionActions(deps, live, caller, buildIntrospectionAnswer(live, caller, deps));
      ctx.body = answer.claims.active === true ? answer.claims : INACTIVE;
      if (answer.claims.active !== true) await checkInactiveIntrospection(deps, token, { live, caller });
      return;
    }
    const answers = answersOf(deps.state);
    const key = `${deps.store.revision} ${caller.id} ${live.session.id} ${live.session.accessTokenId}`;
    let claims = answers.get(key);
    if (claims === undefined) {
      claims = buildIntrospectionAnswer(live, caller, deps).claims;
      if (answers.size >= CACHE_LIMIT) answers.clear();
      answers.set(key, claims);
    }
    ctx.body = claims.active === true ? claims : INACTIVE;
    if (claims.active !== true) await checkInactiveIntrospection(deps, token, { live, caller });
  },
};
