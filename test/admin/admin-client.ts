// Test helpers for the admin API: an emulator on a temp store file, and a small client that
// sends the admin token and JSON and returns status, headers and the parsed body.
import { request as httpRequest } from 'node:http';
import { ADMIN_API_BASE } from '../../src/common/admin-api.js';
import type { Emulator, EmulatorOptions } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

export const ADMIN_TOKEN = 'test-admin-token';

export interface AdminResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface AdminTestbed {
  emulator: Emulator;
  temp: TempDir;
  storePath: string;
  /** Calls the admin API with the token; `body` is sent as JSON. */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<AdminResponse>;
  close(): Promise<void>;
}

export async function startAdminTestbed(options: EmulatorOptions = {}): Promise<AdminTestbed> {
  const temp = await makeTempDir('idp-emulator-admin-');
  const storePath = temp.file('store.json');
  const emulator = await startTestEmulator({ storePath, adminToken: ADMIN_TOKEN, ...options });
  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<AdminResponse> => {
    const url = path.startsWith('http') ? path : `${emulator.issuer}${path.startsWith('/') ? path : `${ADMIN_API_BASE}/${path}`}`;
    const res = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  return {
    emulator,
    temp,
    storePath,
    api,
    async close() {
      await emulator.close();
      await temp.remove();
    },
  };
}

/** A raw request with headers fetch forbids (Host). */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface SseEvent {
  event: string;
  data: unknown;
}

/** An open event stream that collects events and can wait for one that matches. */
export async function openEventStream(issuer: string): Promise<{
  events: SseEvent[];
  waitFor(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
  response: Response;
}> {
  const controller = new AbortController();
  const response = await fetch(`${issuer}${ADMIN_API_BASE}/events?token=${ADMIN_TOKEN}`, { signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as unknown });
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    response,
    waitFor(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = events.find(match);
          if (found) {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve(found);
          }
          return found !== undefined;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
