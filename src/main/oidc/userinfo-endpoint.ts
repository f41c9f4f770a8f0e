// GET/POST /oidc/v1/userinfo (OpenID Connect Core §5.3) with ZITADEL's errors (reference §6):
// 401 invalid_request without a token, 401 access_denied for a dead token or user, and no
// WWW-Authenticate header.
import { recordFacts } from '../activity/request-activity.js';
import { checkDeadUserinfoToken } from '../doctor/dead-token-checks.js';
import { applyComplementActions } from '../actions/complement-token.js';
import { readRequestParams } from '../http/read-params.js';
import { selectRoleAudience } from './claims/role-claims.js';
import { buildUserinfoClaims } from './claims/userinfo-claims.js';
import { accessDenied, invalidRequest } from './errors.js';
import type { Route } from './route-table.js';
import { buildTokenSubject } from './token-subject.js';
import { resolveAccessToken } from './tokens/resolve-access-token.js';

function readBearer(header: string): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export const userinfoRoute: Route = {
  path: '/oidc/v1/userinfo',
  methods: ['GET', 'POST'],
  discoveryField: 'userinfo_endpoint',
  async handle(ctx, deps) {
    const params = await readRequestParams(ctx);
    const token = readBearer(ctx.get('Authorization')) ?? params.get('access_token');
    if (token === undefined) throw invalidRequest('access token missing', { status: 401 });
    const live = await resolveAccessToken(token, deps, deps.state);
    if (live === 'invalid') await checkDeadUserinfoToken(deps, token);
    if (live === 'invalid') throw accessDenied('access token invalid', { status: 401 });
    if (live === 'inactive_user') throw accessDenied('no active user', { status: 401 });
    recordFacts(deps, { clientId: live.session.clientId, userId: live.user.id, sessionId: live.session.sid });
    ctx.set('Cache-Control', 'no-store');
    const subject = buildTokenSubject(deps, live.session, live.user);
    // preuserinfo runs on every userinfo request (zitadel-actions.md §1).
    const built = await applyComplementActions(
      deps,
      { fn: 'preuserinfo', user: live.user, clientId: subject.clientId, roleProjectIds: () => selectRoleAudience({ ...subject, ownProjectId: subject.app?.projectId }).projectIds },
      buildUserinfoClaims(subject),
    );
    ctx.body = built.claims;
  },
};
