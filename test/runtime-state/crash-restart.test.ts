// Issue 14: the runtime state is a journal that survives a crash at any moment. A child process
// issues tokens in a bounded loop and is killed with SIGKILL at a random point (sometimes in
// the middle of an append or of a rewrite); the restarted emulator must load the state, keep
// every token answered before the last save that completed, and hold nothing twice. Expired
// records are not loaded back, and the live-token limit retires the oldest service-user tokens
// with an Activity note. No timing is asserted: where the kill lands is random, not measured.
import { fork, type ChildProcess } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PATHS, type ActivityEventDto } from '../../src/common/admin-api.js';
import type { Emulator } from '../../src/main/emulator.js';
import { assertCliBuilt } from '../helpers/spawn-cli.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { basicAuth, loginForCode, postForm } from '../helpers/http-login.js';
import { BOTS, CLIENTS, PASSWORD, REDIRECT_URI, SU, audScope, buildServiceUsersSeed } from '../helpers/service-users-seed.js';
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
  /** How many tokens had been answered when that save completed. */
  answeredWhenWritten: number;
  /** Every token answered before the kill. */
  answered: string[];
  /** Lines the child logged (a state file moved aside would show here). */
  logs: string[];
  /** Completed saves that rewrote the journal whole. */
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
    let answeredWhenWritten = 0;
    /** Answered when the save in progress started; undefined while none runs. */
    let atSaveStart: number | undefined;
    let killed = false;
    let rewrites = 0;
    // Messages keep coming until the child is gone: it runs on for a moment after the kill is sent.
    child.on('message', (msg: { type: string; token?: string; phase?: string; line?: string; status?: number; rewrite?: boolean }) => {
      if (msg.type === 'ack' && msg.token) answered.push(msg.token);
      if (msg.type === 'log' && msg.line) logs.push(msg.line);
      if (msg.type === 'error') reject(new Error(`token request failed: ${JSON.stringify(msg)}`));
      if (msg.type === 'save' && msg.phase === 'started') atSaveStart = answered.length;
      if (msg.type === 'save' && msg.phase === 'written' && atSaveStart !== undefined) {
        if (msg.rewrite) rewrites += 1;
        saved = answered.slice(0, atSaveStart);
        answeredWhenWritten = answered.length;
        atSaveStart = undefined;
      }
      if (!killed && (answered.length >= opts.killAfter || msg.type === 'done')) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`the child exited with ${code}: ${stderr}`));
      resolve({ saved, answeredWhenWritten, answered, logs, rewrites });
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
    const active = await activeAmong(emulator.issuer, [...everAnswered]);
    expect(logs.filter((l) => l.includes('state file'))).toEqual([]);
    expect([...mustBeActive].filter((t) => !active.has(t))).toEqual([]);
    // Nothing twice and nothing made up: each live session is a token some run was answered
    // with, or one of the at most 4 per run in flight (issued, not yet answered) at the kill.
    const { activeTokens } = await overviewCounts(emulator);
    expect(activeTokens).toBeGreaterThanOrEqual(active.size);
    expect(activeTokens).toBeLessThanOrEqual(active.size + 3 * 4);
  }, 180_000);

  it('survives SIGKILLs during journal rewrites: the limit retires old tokens, so the journal is rewritten again and again', async () => {
    const { storePath } = await storeFile();
    const limit = 200;
    let lastRun: CrashRun | undefined;
    for (let round = 0; round < 2; round += 1) {
      // One at a time, so the order tokens were answered in is the order they were issued in.
      lastRun = await crashRun(storePath, { total: 3000, concurrency: 1, killAfter: randomBetween(1500, 2500), maxLiveTokens: limit });
      expect(lastRun.logs.filter((l) => l.includes('state file'))).toEqual([]);
      // Past the limit each token adds two lines (its own, the retired one's): the journal
      // outgrows 2 × live + 1,000 lines and is rewritten, in the first run and the second.
      expect(lastRun.rewrites).toBeGreaterThanOrEqual(round === 0 ? 2 : 1);
    }
    const run = lastRun as CrashRun;
    const journal = await readFile(storePath.replace(/\.json$/, '.state.json'), 'utf8');
    expect(journal.startsWith('{"v":2}\n')).toBe(true);

    const { emulator, logs } = await restart(storePath, { maxLiveTokens: limit });
    await overviewCounts(emulator);
    expect(logs.filter((l) => l.includes('state file'))).toEqual([]);
    // A save writes each changed record as it is when encoded, between its start and its end, so
    // a token answered before the start may be written as retired by a token issued before the
    // end. Of those answered before the start, the ones that were among the newest `limit`
    // issued before the end (answered by then, plus at most one in flight) must be active.
    const expected = run.saved.slice(Math.max(0, run.answeredWhenWritten + 1 - limit));
    const active = await activeAmong(emulator.issuer, run.answered.slice(-(limit * 3)));
    expect(expected.filter((t) => !active.has(t))).toEqual([]);
    // The only live session that is not an answered token: the one in flight at the kill, if any.
    const { activeTokens } = await overviewCounts(emulator);
    expect(activeTokens - active.size).toBeGreaterThanOrEqual(0);
    expect(activeTokens - active.size).toBeLessThanOrEqual(1);
    expect(activeTokens).toBeLessThanOrEqual(limit);
  }, 180_000);

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

async function issueCc(issuer: string): Promise<string> {
  const res = await fetch(`${issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${BOTS.ci.loginName}:${BOTS.ci.secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: audScope(SU.shop) }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('the state file (issue 14)', () => {
  it('ignores a torn tail (a save cut short) and keeps appending after the last complete save', async () => {
    const { storePath, statePath } = await storeFile();
    const first = await startTestEmulator({ storePath });
    const kept = await issueCc(first.issuer);
    await first.close();
    // A crash in the middle of the next save: a complete line without its commit, then half a line.
    await writeFile(statePath, `${await readFile(statePath, 'utf8')}["o","999999999999999999",[0,1,2,2,3,"1",1,2,1]]\n["o","99999`);

    const second = await restart(storePath);
    expect(await introspect(second.emulator.issuer, kept)).toBe(true);
    expect(second.logs).toEqual([]);
    expect((await overviewCounts(second.emulator)).activeTokens).toBe(1);
    const later = await issueCc(second.emulator.issuer);
    await second.emulator.close();
    emulators.pop();
    expect(await readFile(statePath, 'utf8')).not.toContain('99999');

    const third = await restart(storePath);
    expect(await Promise.all([kept, later].map((t) => introspect(third.emulator.issuer, t)))).toEqual([true, true]);
    expect(third.logs).toEqual([]);
  });

  it('moves a state file that does not load aside with a warning, and starts empty', async () => {
    const { storePath, statePath } = await storeFile();
    const first = await startTestEmulator({ storePath });
    const token = await issueCc(first.issuer);
    await first.close();
    // Damage before the last commit is not a torn tail: the file is broken.
    const lines = (await readFile(statePath, 'utf8')).split('\n');
    lines[1] = '["o", broken';
    await writeFile(statePath, lines.join('\n'));

    const second = await restart(storePath);
    // Requests other than discovery and JWKS wait for the state to be loaded (or set aside).
    expect(await introspect(second.emulator.issuer, token)).toBe(false);
    expect(second.logs).toEqual([expect.stringMatching(/^ignored unreadable state file .+store\.state\.json \(line 2 is damaged\); moved it to .+store\.state\.json\.broken-\d+$/)]);
    expect(await readdir(dirname(statePath))).toEqual(expect.arrayContaining([expect.stringMatching(/^store\.state\.json\.broken-\d+$/)]));
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
    // alice's login is the oldest token set, and stays: only service users' sets are retired.
    const code = await loginForCode(
      emulator.issuer,
      { client_id: CLIENTS.exchange.clientId, redirect_uri: REDIRECT_URI, scope: 'openid profile' },
      { loginName: 'alice', password: PASSWORD },
    );
    const login = await postForm(
      `${emulator.issuer}/oauth/v2/token`,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      basicAuth(CLIENTS.exchange.clientId, CLIENTS.exchange.secret),
    );
    expect(login.status).toBe(200);
    const human = ((await login.json()) as { access_token: string }).access_token;
    const t1 = await issue(BOTS.ci);
    const t2 = await issue(BOTS.other);
    expect(emulator.activity.list().flatMap((e) => e.notes ?? [])).toEqual([]);
    const t3 = await issue(BOTS.ci);
    const t4 = await issue(BOTS.other);
    expect(await Promise.all([human, t1, t2, t3, t4].map((t) => introspect(emulator.issuer, t)))).toEqual([true, false, false, true, true]);

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
