// The live-tokens scenario (issue 14): 100,000 opaque client_credentials tokens on a store file,
// then what they cost: RSS growth and state-file bytes per live token, the longest event-loop
// delay and the p99/max latency of discovery requests sent during the load and the saves after
// it, shutdown time, and restart time to the first discovery 200 against a fresh cold start of
// the same store in the same run. Run alone with `npm run bench -- --scenario live-tokens`.
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ask, startChild, stopChild } from './lib/children.js';
import { basic, createClient } from './lib/http.js';

const TOKENS = Number(process.env.BENCH_LIVE_TOKENS ?? 100_000);
const CONCURRENCY = 10;
/** Milliseconds between two discovery probes. */
const PROBE_EVERY_MS = 5;
/** How long discovery is probed after the load, while the last saves run. */
const AFTER_LOAD_MS = 2_000;
const STARTS = 3;
const WARMUP_TOKENS = 10_000;
const KiB = 1024;
const MiB = 1024 * 1024;

const root = fileURLToPath(new URL('..', import.meta.url));
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function percentile(xs, p) {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** GET discovery every few ms on its own connection until stopped; latencies in ms. */
function probeDiscovery(url) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const status = await new Promise((resolve) => {
        http
          .get(`${url}/.well-known/openid-configuration`, { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
          })
          .on('error', () => resolve(0));
      });
      if (status === 200) latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
    }
    agent.destroy();
  })();
  return {
    async stop() {
      running = false;
      await done;
      return latencies;
    },
  };
}

/**
 * Spawn of the CLI on `storePath` to its first discovery 200, in ms; with `introspect`, also to
 * the first introspection of that token (which waits for the runtime state to be loaded).
 */
function startToFirstDiscovery(storePath, introspect) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin/idp-emulator.js'), 'serve', '--port', '0', '--host', '127.0.0.1', '--store', storePath, '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error(`no discovery 200 within 30 s\n${out}`)), 30_000);
    function finish(err, ms) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (child.exitCode !== null) return err ? reject(err) : resolve(ms);
      child.once('exit', () => (err ? reject(err) : resolve(ms)));
      child.kill('SIGTERM');
    }
    const poll = (url) => {
      http
        .get(`${url}/.well-known/openid-configuration`, (res) => {
          res.resume();
          if (res.statusCode !== 200) return setTimeout(() => poll(url), 1);
          const discoveryMs = performance.now() - started;
          if (!introspect) return finish(undefined, discoveryMs);
          createClient(url, 1)
            .postForm('/oauth/v2/introspect', { token: introspect.token }, { authorization: introspect.auth })
            .then((r) => {
              const active = r.status === 200 && JSON.parse(r.body).active === true;
              finish(active ? undefined : new Error(`introspection after the restart: ${r.status} ${r.body}`), { discoveryMs, readyMs: performance.now() - started });
            }, finish);
        })
        .on('error', () => setTimeout(() => poll(url), 1));
    };
    child.stdout.on('data', (d) => {
      const before = out;
      out += d;
      const match = /issuer:\s+(\S+)/.exec(out);
      if (match && !/issuer:\s+(\S+)\s/.test(before)) poll(match[1]);
    });
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => finish(new Error(`the CLI exited with ${code}\n${out}`)));
  });
}

/** Issues `count` tokens, `CONCURRENCY` at a time; returns the first and last token. */
async function issueTokens(client, count, auth, scope) {
  let next = 0;
  let first;
  let last;
  let errors = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const res = await client.postForm('/oauth/v2/token', { grant_type: 'client_credentials', scope }, { authorization: auth });
      if (res.status !== 200) {
        errors += 1;
        if (errors > 10) throw new Error(`token endpoint: ${res.status} ${res.body}`);
        continue;
      }
      last = JSON.parse(res.body).access_token;
      first ??= last;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { first, last, errors };
}

export async function runLiveTokens({ log }) {
  const { buildBenchSeed } = await import('./lib/seed.js');
  const tmp = await mkdtemp(join(os.tmpdir(), 'idp-bench-live-'));
  try {
    const { store, creds } = await buildBenchSeed();
    const seedPath = join(tmp, 'seed.json');
    await writeFile(seedPath, `${JSON.stringify(store, null, 2)}\n`);

    // Cold starts on fresh copies of the same store (no runtime state yet).
    const colds = [];
    for (let i = 0; i < STARTS; i += 1) {
      const copy = join(tmp, `cold-${i}.json`);
      await copyFile(seedPath, copy);
      colds.push(await startToFirstDiscovery(copy));
    }
    log(`live-tokens: cold starts ${colds.map((c) => fmt(c, 0)).join(', ')} ms`);

    const storePath = join(tmp, 'live.json');
    const statePath = join(tmp, 'live.state.json');
    await copyFile(seedPath, storePath);
    const emu = await startChild(here('./servers/emulator-file.js'), [storePath], { execArgv: ['--expose-gc'] });
    const client = createClient(emu.url, CONCURRENCY);
    const aud = `urn:zitadel:iam:org:project:id:${creds.projectId}:aud`;
    const auth = basic(creds.opaqueUser.name, creds.opaqueUser.secret);
    // Warm-up before the baseline: the JIT, the first save, and the young generation and socket
    // buffers growing to their size under load, which a load of any length costs once.
    await issueTokens(client, WARMUP_TOKENS, auth, aud);
    await new Promise((r) => setTimeout(r, 500));
    const before = await ask(emu.child, 'rss');

    await ask(emu.child, 'loop-reset');
    const duringLoad = probeDiscovery(emu.url);
    const loadStarted = performance.now();
    const issued = await issueTokens(client, TOKENS, auth, aud);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const loadLatencies = await duringLoad.stop();
    const afterLoad = probeDiscovery(emu.url);
    await new Promise((r) => setTimeout(r, AFTER_LOAD_MS));
    const saveLatencies = await afterLoad.stop();
    const loop = await ask(emu.child, 'loop');
    const saves = await ask(emu.child, 'saves');
    const after = await ask(emu.child, 'rss', 30_000);
    const live = TOKENS - issued.errors;
    log(`live-tokens: ${fmt(TOKENS)} tokens in ${fmt(loadSeconds, 1)} s; ${saves.count} saves`);

    // Shutdown: what emulator.close() takes inside, and from the request to the exit outside.
    const stopAsked = performance.now();
    const closed = new Promise((resolve) => emu.child.once('message', (m) => m?.type === 'closed' && resolve(m)));
    const exited = new Promise((resolve) => emu.child.once('exit', resolve));
    emu.child.send({ type: 'close' });
    const { ms: closeMs } = await closed;
    await exited;
    const stopMs = performance.now() - stopAsked;
    await stopChild(emu.child);
    client.close();
    const stateBytes = (await stat(statePath)).size;

    // Each restart also introspects the first token of the load: it must still be active.
    const introspect = { token: issued.first, auth: basic(creds.api.clientId, creds.api.secret) };
    const restartRuns = [];
    for (let i = 0; i < STARTS; i += 1) restartRuns.push(await startToFirstDiscovery(storePath, introspect));
    const restarts = restartRuns.map((r) => r.discoveryMs);
    const readies = restartRuns.map((r) => r.readyMs);
    log(`live-tokens: restarts ${restarts.map((c) => fmt(c, 0)).join(', ')} ms to discovery, ${readies.map((c) => fmt(c, 0)).join(', ')} ms to the first introspection`);
    const stillActive = true;

    const result = {
      tokens: live,
      loadSeconds,
      rssPerToken: (after.rss - before.rss) / live,
      heapPerToken: (after.heapUsed - before.heapUsed) / live,
      rssBefore: before.rss,
      rssAfter: after.rss,
      fileBytes: stateBytes,
      // The file holds the warm-up's tokens too.
      filePerToken: stateBytes / (live + WARMUP_TOKENS),
      loopMaxMs: loop.maxMs,
      loopP99Ms: loop.p99Ms,
      saves,
      load: { p99: percentile(loadLatencies, 99), max: Math.max(...loadLatencies), n: loadLatencies.length },
      saving: { p99: percentile(saveLatencies, 99), max: Math.max(...saveLatencies), n: saveLatencies.length },
      closeMs,
      stopMs,
      cold: median(colds),
      restart: median(restarts),
      ready: median(readies),
      colds,
      restarts,
      readies,
      stillActive,
    };
    return { result, markdown: renderLiveTokens(result) };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function renderLiveTokens(r) {
  const ok = (pass) => (pass ? '✅' : '❌');
  const rows = [
    ['RSS growth per live token', `${fmt(r.rssPerToken, 0)} B (V8 heap ${fmt(r.heapPerToken, 0)} B); ${fmt(r.rssBefore / MiB, 0)} → ${fmt(r.rssAfter / MiB, 0)} MiB`, '≤ 1 KiB', ok(r.rssPerToken <= KiB)],
    ['State file per live token', `${fmt(r.filePerToken, 0)} B (${fmt(r.fileBytes / MiB, 1)} MiB)`, '≤ 300 B', ok(r.filePerToken <= 300)],
    ['Longest event-loop hold by persistence (one chunk of a save)', `${fmt(r.saves.longestStepMs, 1)} ms over ${r.saves.count} saves (${r.saves.rewrites} rewrites); a save took at most ${fmt(r.saves.longestMs, 0)} ms wall, mostly waiting on the disk`, '≤ 20 ms', ok(r.saves.longestStepMs <= 20)],
    ['Event-loop delay, all causes (load + saves)', `max ${fmt(r.loopMaxMs, 1)} ms, p99 ${fmt(r.loopP99Ms, 1)} ms (monitorEventLoopDelay)`, '–', ''],
    ['Discovery during the load, p99 / max', `${fmt(r.load.p99, 1)} / ${fmt(r.load.max, 1)} ms (${fmt(r.load.n)} requests)`, '–', ''],
    ['Discovery during the saves after it, p99 / max', `${fmt(r.saving.p99, 1)} / ${fmt(r.saving.max, 1)} ms (${fmt(r.saving.n)} requests)`, '–', ''],
    ['Shutdown (emulator.close() / request to exit)', `${fmt(r.closeMs, 0)} / ${fmt(r.stopMs, 0)} ms`, '≤ 0.5 s', ok(r.closeMs <= 500)],
    ['Restart to first discovery 200 vs fresh cold start', `${fmt(r.restart, 0)} vs ${fmt(r.cold, 0)} ms = ${fmt(r.restart / r.cold, 2)}×`, '≤ 2×', ok(r.restart / r.cold <= 2)],
    ['Restart to the first introspection of an old token (state loaded)', `${fmt(r.ready, 0)} ms = ${fmt(r.ready / r.cold, 2)}× the cold start`, '–', ''],
    ['First token of the load active after the restarts', r.stillActive ? 'yes' : 'NO', 'yes', ok(r.stillActive)],
  ];
  return [
    `### Live tokens (${fmt(r.tokens)} opaque client_credentials tokens in ${fmt(r.loadSeconds, 1)} s, ${CONCURRENCY} at a time)`,
    '',
    '| Measure | Result | Budget | |',
    '|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    `RSS and heap growth are measured after a warm-up of ${fmt(WARMUP_TOKENS)} tokens, each after two full GCs. Cold starts ${r.colds.map((c) => fmt(c, 0)).join(', ')} ms; restarts ${r.restarts.map((c) => fmt(c, 0)).join(', ')} ms (medians compared).`,
  ].join('\n');
}
