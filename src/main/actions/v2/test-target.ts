// The console's "test call": a target is called with the payload a real login would send for
// a chosen user and app (scopes openid profile email, the app's project in the role audience),
// and the raw reply comes back. Nothing is merged, stored or recorded.
import type { TargetTestRequestDto, TargetTestResultDto } from '../../../common/admin-api.js';
import type { Claims } from '../../oidc/claims/claim-types.js';
import { buildUserinfoClaims } from '../../oidc/claims/userinfo-claims.js';
import type { Clock } from '../../oidc/provider-deps.js';
import type { Target } from '../../store/actions-schema.js';
import type { Store } from '../../store/store.js';
import { selectUserinfoPart } from '../../oidc/claims/action-claims.js';
import { callTarget } from './call-target.js';
import { buildTargetPayload, marshalLikeGo } from './target-payload.js';

const SAMPLE_SCOPES = ['openid', 'profile', 'email'];

/** Throws a message when the user or app does not exist. */
export async function testTarget(
  { store, clock, signPayload }: { store: Store; clock: Clock; signPayload: (payload: Claims) => Promise<string> },
  target: Target,
  request: TargetTestRequestDto,
): Promise<TargetTestResultDto> {
  const { data, index } = store;
  const user = request.userId === undefined ? (data.users.find((u) => u.human) ?? data.users[0]) : index.usersById.get(request.userId);
  if (!user) throw new Error(request.userId === undefined ? 'the store has no user to fill the payload with' : `no user has id "${request.userId}"`);
  const app = request.clientId === undefined ? data.apps.find((a) => a.oidc) : index.appsByClientId.get(request.clientId);
  if (request.clientId !== undefined && !app) throw new Error(`no app has client id "${request.clientId}"`);
  const clientId = app?.clientId ?? user.userName;
  const built = buildUserinfoClaims({ data, index, user, scopes: SAMPLE_SCOPES, clientId, ...(app && { app }) });
  const subject = {
    fn: request.function,
    data,
    index,
    user,
    clientId,
    userinfo: selectUserinfoPart(built.claims),
    roleProjectIds: app ? [app.projectId] : undefined,
  };
  const payload = buildTargetPayload(subject, subject.userinfo);
  const started = performance.now();
  const body = target.payloadType === 'jwt' ? await signPayload(payload) : marshalLikeGo(payload);
  const result = await callTarget({ target, body, now: Math.floor(clock.now() / 1000) });
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  const reply = result.status === undefined ? undefined : { status: result.status, headers: result.headers ?? {}, body: result.body ?? '' };
  return { payload, ...(reply && { reply }), ...(!result.ok && { error: result.reason }), durationMs };
}
