// One HTTP call of an Actions v2 target and how ZITADEL judges its answer (reference
// zitadel-actions.md §2.3, §2.7; Z `internal/execution/execution.go` `HandleResponse`): a
// non-2xx status fails, a 2xx body carrying `forwardedStatusCode` / `forwardedErrorMessage`
// fails with that error, anything else is the reply.
import { OAuthError, invalidRequest, serverError } from '../../oidc/errors.js';
import type { Target } from '../../store/actions-schema.js';
import { SIGNATURE_HEADER, computeSignatureHeader } from './sign-payload.js';

/** Z `cmd/defaults.yaml` `HTTPClient.Timeout`: the cap on every target's own timeout. */
const CLIENT_TIMEOUT_MS = 30_000;
/** Z `HTTPClient.MaxBodySize`. */
const MAX_BODY_BYTES = 20_971_520;
/** Z `HTTPClient.MaxRedirects`: one more is an error, like a connection error. */
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * POSTs and follows redirects as Go's client does: 307/308 repeat the POST with its body,
 * 301/302/303 continue with a GET without one; more than MAX_REDIRECTS fail.
 */
async function postFollowingRedirects(url: string, init: { headers: Record<string, string>; body: string; signal: AbortSignal }): Promise<Response> {
  let target = url;
  let method = 'POST';
  let body: string | undefined = init.body;
  for (let hops = 0; ; hops += 1) {
    const response = await fetch(target, { method, headers: init.headers, ...(body !== undefined && { body }), redirect: 'manual', signal: init.signal });
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || location === null) return response;
    await response.body?.cancel();
    if (hops === MAX_REDIRECTS) throw new Error(`stopped after ${MAX_REDIRECTS} redirects`);
    target = new URL(location, target).href;
    if (response.status !== 307 && response.status !== 308) {
      method = 'GET';
      body = undefined;
    }
  }
}

export type TargetCallResult =
  | { ok: true; status: number; headers: Record<string, string>; body: string }
  | {
      ok: false;
      /** What the relying party gets when the target interrupts the flow. */
      error: OAuthError;
      /** For the console: what went wrong. */
      reason: string;
      status?: number;
      headers?: Record<string, string>;
      body?: string;
    };

/** Z `zhttp.HTTPStatusCodeToZitadelError`, then `oidcError`: below 500 it is `invalid_request` with that status. */
function forwardedError(status: number | undefined, message: string): OAuthError {
  if (status !== undefined && status >= 400 && status < 500) {
    const known = [400, 401, 403, 404, 409, 429].includes(status);
    return known ? invalidRequest(message, { status }) : serverError(message);
  }
  return invalidRequest(message);
}

function readForwardedError(body: string): OAuthError | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { forwardedStatusCode: code, forwardedErrorMessage: message } = parsed as Record<string, unknown>;
  // Go's decoder fails on other types, and a failed decode counts as a normal reply.
  if ((code !== undefined && !Number.isInteger(code)) || (message !== undefined && typeof message !== 'string')) return undefined;
  if ((code === undefined || code === 0) && (message === undefined || message === '')) return undefined;
  return forwardedError(typeof code === 'number' ? code : undefined, typeof message === 'string' ? message : '');
}

export interface TargetCallOptions {
  target: Target;
  body: string;
  /** Unix seconds for the signature. */
  now: number;
}

export async function callTarget({ target, body, now }: TargetCallOptions): Promise<TargetCallResult> {
  const timeoutMs = Math.min(CLIENT_TIMEOUT_MS, target.timeout * 1000);
  let response: Response;
  let text: string;
  try {
    response = await postFollowingRedirects(target.endpoint, {
      headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: computeSignatureHeader(now, body, target.signingKey) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const cause = err instanceof Error ? `: ${err.cause instanceof Error ? err.cause.message : err.message}` : '';
    const reason = timedOut ? `no answer within ${timeoutMs / 1000} s` : `could not reach ${target.endpoint}${cause}`;
    // A plain Go error: the relying party sees server_error "Errors.Internal".
    return { ok: false, error: serverError('Errors.Internal', { detail: reason }), reason };
  }
  const headers = Object.fromEntries(response.headers.entries());
  const seen = { status: response.status, headers, body: text };
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return { ok: false, error: serverError('Errors.Internal', { detail: 'reply too large' }), reason: `reply larger than ${MAX_BODY_BYTES} bytes`, ...seen };
  }
  if (response.status < 200 || response.status > 299) {
    return { ok: false, error: invalidRequest('Errors.Execution.Failed'), reason: `status ${response.status}`, ...seen };
  }
  const forwarded = readForwardedError(text);
  if (forwarded) return { ok: false, error: forwarded, reason: `forwarded error: ${forwarded.status} ${forwarded.description ?? ''}`, ...seen };
  return { ok: true, ...seen };
}
