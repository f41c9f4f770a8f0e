// Reads OAuth parameters from a query string or an application/x-www-form-urlencoded body.
// RFC 6749 §3.1: parameters sent without a value are treated as omitted, and a parameter
// MUST NOT be included more than once — a duplicate is an invalid_request.
import type { Context } from 'koa';
import { recordParams } from '../activity/request-activity.js';
import { invalidRequest } from '../oidc/errors.js';

/** Large enough for any real request (a long request URI or assertion), small enough to stay cheap. */
const MAX_BODY_BYTES = 64 * 1024;
/**
 * RFC 8693 §2.1: `audience` may occur more than once (zitadel/oidc reads it into a list and
 * ZITADEL's own client sends one parameter per audience). Its values are joined with spaces,
 * the form the token-exchange grant reads lists in.
 */
const LIST_PARAMS: ReadonlySet<string> = new Set(['audience']);

export class Params {
  readonly #values: Map<string, string>;

  constructor(values: Map<string, string>) {
    this.#values = values;
  }

  /** The value, or undefined when absent or empty. */
  get(name: string): string | undefined {
    return this.#values.get(name);
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  entries(): IterableIterator<[string, string]> {
    return this.#values.entries();
  }

  static parse(raw: string): Params {
    const values = new Map<string, string>();
    // URLSearchParams turns malformed percent-escapes and invalid UTF-8 into U+FFFD rather than throwing.
    for (const [name, value] of new URLSearchParams(raw)) {
      const previous = values.get(name);
      if (previous !== undefined && LIST_PARAMS.has(name)) {
        if (value !== '') values.set(name, `${previous} ${value}`);
        continue;
      }
      if (values.has(name)) throw invalidRequest(`parameter ${name} must not be repeated`);
      if (value !== '') values.set(name, value);
    }
    return values.size === 0 ? EMPTY : new Params(values);
  }
}

const EMPTY = new Params(new Map());

/** Where a middleware that had to look at the body first (test-bridge faults) leaves it for the route. */
export const BUFFERED_BODY_KEY = 'bufferedBody';

export function readBody(ctx: Context): Promise<string> {
  const buffered = (ctx.state as Record<string, string | undefined>)[BUFFERED_BODY_KEY];
  if (buffered !== undefined) return Promise.resolve(buffered);
  const length = Number(ctx.get('Content-Length') || 0);
  if (length > MAX_BODY_BYTES) return Promise.reject(invalidRequest('request body too large', { status: 413 }));
  // Plain stream events rather than `for await`: its async iterator cost a few percent of a
  // token request. Same outcomes: a body over the limit is a 413 (the rest is read and dropped,
  // so the answer still reaches the client); a stream error or an early close rejects.
  const req = ctx.req;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done();
        req.resume();
        reject(invalidRequest('request body too large', { status: 413 }));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      done();
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onError = (err: Error): void => {
      done();
      reject(err);
    };
    const onClose = (): void => {
      done();
      reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** POST form parameters; an empty body is fine, any other content type is not. */
export async function readForm(ctx: Context): Promise<Params> {
  const body = await readBody(ctx);
  if (body.length === 0) return EMPTY;
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw invalidRequest('the request body must be application/x-www-form-urlencoded');
  }
  return recorded(ctx, Params.parse(body));
}

/** Shows the parameters on the console's Activity page. */
function recorded(ctx: Context, params: Params): Params {
  recordParams(ctx, params.entries());
  return params;
}

/** Query parameters for GET, form parameters for POST (authorize, userinfo, end_session). */
export function readRequestParams(ctx: Context): Promise<Params> {
  if (ctx.method === 'POST') return readForm(ctx);
  return Promise.resolve(recorded(ctx, Params.parse(ctx.querystring)));
}
