// Request bodies of the admin API: JSON only (415 otherwise), at most 1 MiB (413), parsed
// (400 when malformed). A request without a body reads as undefined.
import type { Context } from 'koa';
import { badRequest, payloadTooLarge, unsupportedMediaType } from './admin-errors.js';

export const MAX_BODY_BYTES = 1024 * 1024;

function hasBody(ctx: Context): boolean {
  const length = ctx.get('Content-Length');
  if (length !== '') return Number(length) > 0;
  return ctx.get('Transfer-Encoding') !== '';
}

async function readRaw(ctx: Context): Promise<string> {
  const declared = Number(ctx.get('Content-Length') || '0');
  if (declared > MAX_BODY_BYTES) throw payloadTooLarge(`the body is larger than ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw payloadTooLarge(`the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The parsed JSON body, or undefined when the request has none. */
export async function readJsonBody(ctx: Context): Promise<unknown> {
  if (!hasBody(ctx)) return undefined;
  if (!ctx.is('application/json')) {
    throw unsupportedMediaType(`the admin API accepts only application/json bodies, not ${ctx.get('Content-Type') || 'an untyped body'}`);
  }
  const text = await readRaw(ctx);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw badRequest(`malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as a JSON object (400 otherwise); an absent body is `{}` when `optional`. */
export async function readJsonObject(ctx: Context, { optional = false } = {}): Promise<Record<string, unknown>> {
  const body = await readJsonBody(ctx);
  if (body === undefined && optional) return {};
  if (!isJsonObject(body)) throw badRequest('the body must be a JSON object');
  return body;
}
