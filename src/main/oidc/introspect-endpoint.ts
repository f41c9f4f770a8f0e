// POST /oauth/v2/introspect (RFC 7662) as ZITADEL answers it (reference §5): the caller must
// authenticate; any token problem, including a token not meant for the caller, is exactly
// `{"active":false}`; an active answer carries the userinfo claims of the token's scopes and
// the roles of the caller's project.
import { recordFacts } from '../activity/request-activity.js';
import { readForm } from '../http/read-params.js';
import { authenticateIntrospectionCaller } from './client-auth/authenticate-introspection-caller.js';
import { buildIntrospectionClaims } from './claims/introspection-claims.js';
import { SCOPE_PROJECT_ROLE_PREFIX } from './claims/scopes.js';
import { invalidRequest } from './errors.js';
import type { Route } from './route-table.js';
import { buildTokenSubject } from './token-subject.js';
import { accessTokenJti } from './tokens/issue-tokens.js';
import { resolveAccessToken } from './tokens/resolve-access-token.js';

const INACTIVE = '{"active":false}';

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
      return;
    }
    const { session, user } = live;
    recordFacts({ clientId: caller.clientId, userId: user.id, sessionId: session.sid });
    const project = deps.store.index.projectsById.get(caller.projectId);
    let { audience, scopes } = session;
    if (live.isPersonalAccessToken) {
      // ZITADEL makes a PAT valid for whichever API introspects it, with that project's roles.
      audience = [caller.clientId, caller.projectId];
      scopes = [...scopes, ...(project?.roles ?? []).map((r) => `${SCOPE_PROJECT_ROLE_PREFIX}${r.key}`)];
    }
    if (!audience.includes(caller.clientId) && !audience.includes(caller.projectId)) {
      ctx.body = INACTIVE;
      return;
    }
    ctx.body = buildIntrospectionClaims({
      ...buildTokenSubject(deps, session, user),
      scopes,
      issuer: deps.issuer,
      issuedAt: session.accessTokenIssuedAt,
      expiresAt: session.accessTokenExpiresAt,
      audience,
      jti: live.isPersonalAccessToken ? session.id : accessTokenJti(session.id, session.accessTokenId),
      authTime: session.authTime,
      amr: session.amr,
      actor: session.actor,
      callerProjectId: caller.projectId,
    }).claims;
  },
};
