// The device flow's browser side (RFC 8628 §3.3; reference §4.7): /device sends the user to
// the code page; a valid code starts a normal login; after it, Allow or Deny decides what the
// polling device receives.
import type { Context } from 'koa';
import { readForm } from '../http/read-params.js';
import { LOGIN_PAGE_PATH } from '../oidc/authorize/authorize-endpoint.js';
import { DEVICE_PAGE_PATH } from '../oidc/device/device-authorization-endpoint.js';
import { normaliseUserCode } from '../oidc/device/user-code.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import type { Route } from '../oidc/route-table.js';
import type { AuthRequest, DeviceAuthorization } from '../oidc/state/state-types.js';
import { generateOpaqueToken } from '../oidc/tokens/opaque-token.js';
import { bindToBrowser, isSameBrowser } from './browser-sessions.js';
import { renderAuthRequestGone, sendHtml } from './login-page-responses.js';
import { renderDeviceCodePage } from './pages/device-code-page.js';
import { renderDeviceConsentPage } from './pages/device-consent-page.js';
import { renderDeviceDonePage } from './pages/device-done-page.js';

const CODE_PAGE_PATH = '/ui/login/device';
export const DEVICE_CONSENT_PATH = '/ui/login/device/consent';
const INVALID_CODE = 'The code is invalid or has expired. Check it on your device and try again.';

function findPendingDevice(deps: ProviderDeps, typed: string): DeviceAuthorization | undefined {
  const userCode = normaliseUserCode(typed);
  const device = userCode === undefined ? undefined : deps.state.findDeviceByUserCode(userCode);
  return device && device.status === 'pending' && device.expiresAt > deps.clock.now() ? device : undefined;
}

/** The device auth request a login finished, if it still waits for a decision. */
function findDecision(ctx: Context, deps: ProviderDeps, id: string | undefined): { request: AuthRequest; device: DeviceAuthorization } | undefined {
  const request = id === undefined ? undefined : deps.state.authRequests.get(id);
  if (request && !isSameBrowser(ctx, deps, request)) return undefined;
  const device = request?.deviceCode === undefined ? undefined : deps.state.deviceAuthorizations.get(request.deviceCode);
  if (!request || !device || request.loginSessionId === undefined || device.status !== 'pending') return undefined;
  return device.expiresAt > deps.clock.now() ? { request, device } : undefined;
}

function showCodePage(ctx: Context, userCode?: string, error?: string): void {
  sendHtml(ctx, renderDeviceCodePage({ action: CODE_PAGE_PATH, userCode, error }));
}

export const deviceRoutes: Route[] = [
  {
    path: DEVICE_PAGE_PATH,
    methods: ['GET'],
    handle(ctx) {
      ctx.redirect(`${CODE_PAGE_PATH}${ctx.querystring ? `?${ctx.querystring}` : ''}`);
    },
  },
  {
    path: CODE_PAGE_PATH,
    methods: ['GET'],
    handle(ctx) {
      showCodePage(ctx, typeof ctx.query.user_code === 'string' ? ctx.query.user_code : undefined);
    },
  },
  {
    path: CODE_PAGE_PATH,
    methods: ['POST'],
    async handle(ctx, deps) {
      const typed = (await readForm(ctx)).get('user_code') ?? '';
      const device = findPendingDevice(deps, typed);
      if (!device) return showCodePage(ctx, typed, INVALID_CODE);
      const now = deps.clock.now();
      const request: AuthRequest = {
        id: generateOpaqueToken(),
        clientId: device.clientId,
        redirectUri: '',
        responseType: 'code',
        responseMode: 'query',
        scopes: device.scopes,
        prompts: [],
        deviceCode: device.deviceCode,
        createdAt: now,
        expiresAt: device.expiresAt,
      };
      bindToBrowser(ctx, deps, request);
      deps.state.authRequests.set(request.id, request);
      deps.state.changed();
      ctx.redirect(`${LOGIN_PAGE_PATH}?authRequestID=${encodeURIComponent(request.id)}`);
    },
  },
  {
    path: DEVICE_CONSENT_PATH,
    methods: ['GET'],
    handle(ctx, deps) {
      const found = findDecision(ctx, deps, typeof ctx.query.authRequestID === 'string' ? ctx.query.authRequestID : undefined);
      if (!found) return renderAuthRequestGone(ctx);
      const { request, device } = found;
      const login = deps.state.loginSessions.get(request.loginSessionId ?? '');
      const user = login && deps.store.index.usersById.get(login.userId);
      const app = deps.store.index.appsByClientId.get(device.clientId);
      sendHtml(
        ctx,
        renderDeviceConsentPage({
          action: DEVICE_CONSENT_PATH,
          hidden: { authRequestID: request.id },
          appName: app?.name ?? device.clientId,
          userDisplayName: user?.human?.profile.displayName || user?.userName || '',
          scopes: device.scopes,
        }),
      );
    },
  },
  {
    path: DEVICE_CONSENT_PATH,
    methods: ['POST'],
    async handle(ctx, deps) {
      const form = await readForm(ctx);
      const found = findDecision(ctx, deps, form.get('authRequestID'));
      if (!found) return renderAuthRequestGone(ctx);
      const { request, device } = found;
      const login = deps.state.loginSessions.get(request.loginSessionId ?? '');
      const allowed = form.get('action') === 'allowed' && login !== undefined;
      if (allowed) {
        Object.assign(device, { status: 'approved', userId: login.userId, loginSessionId: login.id, authTime: login.authTime, amr: login.amr });
      } else device.status = 'denied';
      deps.state.touch(deps.state.deviceAuthorizations, device.deviceCode);
      deps.state.authRequests.delete(request.id);
      deps.state.changed();
      sendHtml(ctx, renderDeviceDonePage({ allowed }));
    },
  },
];
