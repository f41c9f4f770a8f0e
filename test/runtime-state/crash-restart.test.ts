// Issue 14: the runtime state is a journal that survives a crash at any moment. A child process
// issues tokens in a bounded loop and is killed with SIGKILL at a random point (sometimes in
// the middle of an append or of a rewrite); the restarted emulator must load the state, keep
// every token answered before the last save that completed, and hold nothing twice. Expired
// records are not loaded back, and the live-token limit retires the oldest service-user tokens
// with an Activity note. No timing is asserted: where the kill lands is random, not measured.
import { fork, type ChildProcess } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PATHS, type ActivityEventDto } from '../../src/common/admin-api.js';
import type { Emulator } from '../../src/main/emulator.js';
import { assertCliBuilt } from '../helpers/spawn-cli.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { BOTS, CLIENTS, SU, audScope, buildServiceUsersSeed } from '../helpers/service-users-seed.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

const CHILD = fileURLToPath(new URL('./crash-child.mjs', import.meta.url));
const temps: TempDir[] = [];
const children = new Set<ChildProcess>();
const emulators: Emulator[] = [];

beforeAll(assertCliBuilt);
afterEach(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  await Promise.all(emulators.splice(0).map((e) => e.close()));
});
afterAll(async () => {
  await Promise.all(temps.splice(0).map((t) => t.remove()));
});

async function storeFile(): Promise<{ storePath: string; statePath: string }> {
  const temp = await makeTempDir();
  temps.push(temp);
  const storePath = temp.file('store.json');
  await writeFile(storePath, `${JSON.stringify(buildServiceUsersSeed(), null, 2)}\n`);
  return { storePath, statePath: temp.file('store.state.json') };
}

interface CrashRun {
  /** Tokens answered before the last save that completed had started. */
  saved: string[];
  /** Every token answered before the kill. */
  answered: string[];
  /** Lines the child logged (a state file moved aside would show here). */
  logs: string[];
  rewrites: number;
}

/** Runs the child until `killAfter` tokens were answered, then SIGKILLs it. */
function crashRun(storePath: string, opts: { total: number; concurrency: number; killAfter: number; maxLiveTokens?: number }): Promise<CrashRun> {
  const args = [storePath, BOTS.ci.loginName, BOTS.ci.secret, audScope(SU.shop), String(opts.total), String(opts.concurrency), String(opts.maxLiveTokens ?? 0)];
  const child = fork(CHILD, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const answered: string[] = [];
    const logs: string[] = [];
    let saved: string[] = [];
    /** Answered when the save in progress started; undefined while none runs. */
    let atSaveStart: number | undefined;
    let killed = false;
    child.on('message', (msg: { type: string; token?: string; phase?: string; line?: string; status?: number }) => {
      if (killed) return;
      if (msg.type === 'ack' && msg.token) answered.push(msg.token);
      if (msg.type === 'log' && msg.line) logs.push(msg.line);
      if (msg.type === 'error') reject(new Error(`token request failed: ${JSON.stringify(msg)}`));
      if (msg.type === 'save' && msg.phase === 'started') atSaveStart = answered.length;
      if (msg.type === 'save' && msg.phase === 'written' && atSaveStart !== undefined) {
        saved = answered.slice(0, atSaveStart);
        atSaveStart = undefined;
      }
      if (answered.length >= opts.killAfter || msg.type === 'done') {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`the child exited with ${code}: ${stderr}`));
      resolve({ saved, answered, logs, rewrites: 0 });
    });
  });
}

async function introspect(issuer: string, token: string): Promise<boolean> {
  const res = await fetch(`${issuer}/oauth/v2/introspect`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${CLIENTS.api.clientId}:${CLIENTS.api.secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ token }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { active: boolean }).active;
}

async function overviewCounts(emulator: Emulator): Promise<{ loginSessions: number; activeTokens: number }> {
  const res = await fetch(`${emulator.issuer}${ADMIN_PATHS.overview}`, { headers: { authorization: `Bearer ${emulator.adminToken}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { counts: { loginSessions: number; activeTokens: number } }).counts;
}

async function restart(storePath: string, options: { maxLiveTokens?: number } = {}): Promise<{ emulator: Emulator; logs: string[] }> {
  const logs: string[] = [];
  const emulator = await startTestEmulator({ storePath, log: (line) => logs.push(line), ...options });
  emulators.push(emulator);
  return { emulator, logs };
}

/** Active tokens among `tokens`, asked a few at a time. */
async function activeAmong(issuer: string, tokens: string[]): Promise<Set<string>> {
  const active = new Set<string>();
  for (let i = 0; i < tokens.length; i += 20) {
    const batch = tokens.slice(i, i + 20);
    const answers = await Promise.all(batch.map((t) => introspect(issuer, t)));
    batch.forEach((t, j) => answers[j] && active.add(t));
  }
  return active;
}

const randomBetween = (low: number, high: number): number => low + Math.floor(Math.random() * (high - low + 1));

describe('runtime state after a crash (issue 14)', () => {
  it('keeps every token answered before the last completed save, after SIGKILLs at random points of heavy issuance', async () => {
    const { storePath, statePath } = await storeFile();
    const everAnswered = new Set<string>();
    const mustBeActive = new Set<string>();
    // Three crashes on the same files: each restart appends to (and may cut) what the last left.
    for (let round = 0; round < 3; round += 1) {
      const run = await crashRun(storePath, { total: 1500, concurrency: 4, killAfter: randomBetween(50, 1200) });
      expect(run.logs.filter((l) => l.includes('state file'))).toEqual([]);
      run.answered.forEach((t) => everAnswered.add(t));
      run.saved.forEach((t) => mustBeActive.add(t));
    }
    expect(mustBeActive.size).toBeGreaterThan(0);
    expect((await stat(statePath)).mode & 0o777).toBe(0o600);

    const { emulator, logs } = await restart(storePath);
    expect(logs.filter((l) => l.includes('state file'))).toEqual([]);
    const active = await activeAmong(emulator.issuer, [...everAnswered]);
    expect([...mustBeActive].filter((t) => !active.has(t))).toEqual([]);
    // Nothing twice and nothing made up: each live session is a token some run was answered
    // with (at most 4 per run were in flight, written but not yet answered, when it was killed).
    const { activeTokens } = await overviewCounts(emulator);
    expect(activeTokens).toBeGreaterThanOrEqual(active.size);
    expect(activeTokens).toBeLessThanOrEqual(active.size + 3 * 4);
  });

  it('survives SIGKILLs during journal rewrites: the limit retires old tokens, so the journal is rewritten again and again', async () => {
    const { storePath } = await storeFile();
    const limit = 200;
    let lastRun: CrashRun | undefined;
    for (let round = 0; round < 2; round += 1) {
      // One at a time, so the order tokens were answered in is the order they were issued in.
      lastRun = await crashRun(storePath, { total: 3000, concurrency: 1, killAfter: randomBetween(800, 2500), maxLiveTokens: limit });
      expect(lastRun.logs.filter((l) => l.includes('state file'))).toEqual([]);
    }
    const run = lastRun as CrashRun;
    const journal = await readFile(storePath.replace(/\.json$/, '.state.json'), 'utf8');
    expect(journal.startsWith('{"v":2}\n')).toBe(true);

    const { emulator, logs } = await restart(storePath, { maxLiveTokens: limit });
    expect(logs.filter((l) => l.includes('state file'))).toEqual([]);
    // When the last completed save started, the newest `limit` answered tokens were live (one
    // more may have been issued and not yet answered, retiring one more of the oldest).
    const expected = run.saved.slice(-(limit - 1));
    const active = await activeAmong(emulator.issuer, run.answered.slice(-(limit * 3)));
    expect(expected.filter((t) => !active.has(t))).toEqual([]);
    const { activeTokens } = await overviewCounts(emulator);
    expect(activeTokens).toBe(active.size);
    expect(activeTokens).toBeLessThanOrEqual(limit);
  });

  it('does not load back what expired while stopped, even if the clock is later set back', async () => {
    const { storePath } = await storeFile();
    let now = Date.parse('2026-01-01T00:00:00Z');
    const clock = { now: () => now };
    const first = await startTestEmulator({ storePath, clock });
    const res = await fetch(`${first.issuer}/oauth/v2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${BOTS.ci.loginName}:${BOTS.ci.secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: audScope(SU.shop) }),
    });
    expect(res.status).toBe(200);
    const token = ((await res.json()) as { access_token: string }).access_token;
    expect(await introspect(first.issuer, token)).toBe(true);
    await first.close();

    // 12 h (the access token lifetime) and a second later, the emulator starts again…
    now += 12 * 60 * 60 * 1000 + 1000;
    const second = await startTestEmulator({ storePath, clock });
    emulators.push(second);
    expect(await introspect(second.issuer, token)).toBe(false);
    await second.close();
    emulators.pop();

    // …and had it kept the record, setting the clock back would make the token answer again.
    now -= 60 * 60 * 1000;
    const third = await startTestEmulator({ storePath, clock });
    emulators.push(third);
    expect(await introspect(third.issuer, token)).toBe(false);
    expect((await overviewCounts(third)).activeTokens).toBe(0);
  });
});

describe('the live-token limit (issue 14)', () => {
  it('retires the oldest service-user tokens past the limit, never a person’s, and says so in Activity', async () => {
    const emulator = await startTestEmulator({ store: buildServiceUsersSeed(), maxLiveTokens: 3 });
    emulators.push(emulator);
    const issue = async (bot: { loginName: string; secret: string }): Promise<string> => {
      const res = await fetch(`${emulator.issuer}/oauth/v2/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${bot.loginName}:${bot.secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: audScope(SU.shop) }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { access_token: string }).access_token;
    };
    const t1 = await issue(BOTS.ci);
    const t2 = await issue(BOTS.other);
    const t3 = await issue(BOTS.ci);
    expect(emulator.activity.list().flatMap((e) => e.notes ?? [])).toEqual([]);
    const t4 = await issue(BOTS.ci);
    const t5 = await issue(BOTS.other);
    expect(await Promise.all([t1, t2, t3, t4, t5].map((t) => introspect(emulator.issuer, t)))).toEqual([false, false, true, true, true]);

    const tokenEvents = emulator.activity.list().filter((e: ActivityEventDto) => e.kind === 'token');
    expect(tokenEvents.map((e) => e.notes)).toEqual([
      undefined,
      undefined,
      undefined,
      [expect.stringMatching(/^Live-token limit \(3\) reached: retired the oldest service-user token set \(issued up to \S+Z\); they are no longer active\. Raise it with --max-live-tokens \/ maxLiveTokens\.$/)],
      [expect.stringMatching(/^Live-token limit \(3\) reached: retired the oldest service-user token set /)],
    ]);
  });

  it('refuses a limit that is not a whole number of at least 1', async () => {
    await expect(startTestEmulator({ maxLiveTokens: 0 })).rejects.toThrow('maxLiveTokens must be a whole number of at least 1, got 0');
  });
});
