// Serves the console's static build (out/renderer) under /ui/console. Files are read once,
// asynchronously, on first request and then answered from memory; paths that do not exist are
// not remembered (issue 12 item 12: the cache grew with every miss). Every answer is locked
// down like the login pages: a CSP, no framing.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { Context, Next } from 'koa';
import { OAuthError } from '../oidc/errors.js';
import { CONSOLE_CSP } from './console-csp.js';

export const CONSOLE_PATH = '/ui/console';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export function serveConsole(consoleDir: string) {
  const cache = new Map<string, Promise<Buffer | undefined>>();
  const load = (file: string): Promise<Buffer | undefined> => {
    let entry = cache.get(file);
    if (!entry) {
      entry = readFile(join(consoleDir, file)).catch(() => {
        cache.delete(file);
        return undefined;
      });
      cache.set(file, entry);
    }
    return entry;
  };

  return async function consoleMiddleware(ctx: Context, next: Next): Promise<void> {
    if (ctx.path !== CONSOLE_PATH && !ctx.path.startsWith(`${CONSOLE_PATH}/`)) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    ctx.set('Content-Security-Policy', CONSOLE_CSP);
    ctx.set('X-Frame-Options', 'DENY');
    if (ctx.path === CONSOLE_PATH) return ctx.redirect(`${CONSOLE_PATH}/`);
    const relative = normalize(ctx.path.slice(CONSOLE_PATH.length + 1) || 'index.html');
    if (relative.startsWith('..')) return next();
    // Unknown paths inside the console are client-side routes: answer with the app shell.
    const asset = extname(relative) ? await load(relative) : undefined;
    const file = asset ? relative : 'index.html';
    const body = asset ?? (await load('index.html'));
    if (!body) {
      throw new OAuthError('not_found', 'the console is not built: run `npm run build`', { status: 404 });
    }
    ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', file === 'index.html' ? 'no-cache' : 'max-age=31536000, immutable');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = body;
  };
}
