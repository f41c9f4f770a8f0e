// npm run bench — the emulator measured side by side with a bare Koa server (framework
// ceiling), one-core jose RS256 signing (signing ceiling) and node-oidc-provider (peer), in one
// run on one machine, so the budget of DESIGN §6 is checked as ratios. See docs/benchmarks.md.
//
// Each figure is measured in 1 s slices, interleaved with the figure it is compared with
// (bare Koa, discovery, JWKS, bare Koa, …), so a burst of other load on the machine hits both
// sides of a ratio alike; a figure is the sum over its slices.
//
// Environment knobs (all optional): BENCH_ROUNDS (default 2), BENCH_DURATION (1 s slices per
// scenario and round, default 5), BENCH_CONNECTIONS (default 10), BENCH_ONLY (a regular
// expression over scenario names), BENCH_CPU_PROF (a folder: the emulator child runs with
// --cpu-prof and writes its profile there on exit), BENCH_NO_WRITE (skip bench/RESULTS.md),
// BENCH_LIB (another build of the library for the emulator child, for A/B comparisons).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { ask, killAllChildren, startChild, stopChild } from './lib/children.js';
import { basic, createClient } from './lib/http.js';
import { login, loginLoad } from './lib/login.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const WARMUP = 1;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const SIGN_SECONDS = 3;
const COLD_STARTS = 5;
/** The live-tokens scenario (bench/live-tokens.js) adds ~2–3 minutes to a full run. */
const HARD_LIMIT_MS = 9 * 60 * 1000;
const MiB = 1024 * 1024;

const log = (line) => process.stderr.write(`${line}\n`);
const hardLimit = setTimeout(() => {
  log(`bench: over the ${HARD_LIMIT_MS / 60_000} minute limit, stopping`);
  killAllChildren();
  process.exit(1);
}, HARD_LIMIT_MS);
hardLimit.unref();
process.on('exit', killAllChildren);

// ---------------------------------------------------------------- build check
function ensureBuilt() {
  if (existsSync(join(root, 'out/main/lib.js')) && existsSync(join(root, 'out/main/cli.js'))) return;
  log('bench: out/main is missing, building with electron-vite …');
  const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', timeout: 180_000 });
  if (built.status !== 0 || !existsSync(join(root, 'out/main/lib.js'))) {
    log('bench: the build failed; run "npx electron-vite build" and fix it, then run "npm run bench" again');
    process.exit(1);
  }
}

// ---------------------------------------------------------------- measuring
/** A server child's CPU time (all threads, so RS256 signing on the thread pool counts too). */
const cpuMicros = async (child) => {
  const { usage } = await ask(child, 'cpu');
  return usage.user + usage.system;
};

/** One slice: `measure()` gives { count, seconds, errors, p50?, p99? }; `probe` adds the server's CPU time. */
async function slice(measure, probe) {
  const before = probe ? await cpuMicros(probe) : undefined;
  const r = await measure();
  return probe ? { ...r, cpu: (await cpuMicros(probe)) - before } : r;
}

function cannonSlice(origin, { path = '/', ...opts }, seconds) {
  return async () => {
    const r = await autocannon({ url: `${origin}${path}`, connections: CONNECTIONS, pipelining: 1, timeout: 10, ...opts, duration: seconds });
    return { count: r['2xx'], seconds: r.duration, errors: r.non2xx + r.errors + r.timeouts, p50: r.latency.p50, p99: r.latency.p99 };
  };
}

const median = (xs) => {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : NaN;
};

/** Sums a scenario's slices: rate over all of them, latencies as the median of the slices'. */
function summarise(slices) {
  const count = slices.reduce((n, x) => n + x.count, 0);
  const errors = slices.reduce((n, x) => n + x.errors, 0);
  const seconds = slices.reduce((n, x) => n + x.seconds, 0);
  const cpu = slices.every((x) => x.cpu !== undefined) ? slices.reduce((n, x) => n + x.cpu, 0) : undefined;
  return {
    perSecond: count / seconds,
    p50: median(slices.map((x) => x.p50)),
    p99: median(slices.map((x) => x.p99)),
    count,
    errors,
    ...(cpu !== undefined && { cpuPerRequest: cpu / Math.max(1, count + errors) }),
  };
}

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');

function getJson(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject);
  });
}

// ---------------------------------------------------------------- cold start
function coldStartOnce(storePath) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin/idp-emulator.js'), 'serve', '--port', '0', '--host', '127.0.0.1', '--store', storePath, '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error(`cold start: no 200 within 10 s\n${out}`)), 10_000);
    function finish(err, ms) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.once('exit', () => (err ? reject(err) : resolve(ms)));
      if (child.exitCode !== null) return err ? reject(err) : resolve(ms);
      child.kill('SIGTERM');
    }
    const poll = (url) => {
      http
        .get(`${url}/.well-known/openid-configuration`, (res) => {
          res.resume();
          if (res.statusCode === 200) finish(undefined, performance.now() - started);
          else setTimeout(() => poll(url), 1);
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
    child.once('exit', (code) => finish(new Error(`cold start: the CLI exited with ${code}\n${out}`)));
  });
}

// ---------------------------------------------------------------- main
async function main() {
  ensureBuilt();
  const { buildBenchSeed } = await import('./lib/seed.js');
  const startedAt = new Date();
  const t0 = performance.now();
  const loadBefore = os.loadavg();
  const tmp = await mkdtemp(join(os.tmpdir(), 'idp-bench-'));
  try {
    const { store, creds } = await buildBenchSeed();
    const seedPath = join(tmp, 'bench-store.json');
    await writeFile(seedPath, `${JSON.stringify(store, null, 2)}\n`);

    const execArgv = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const emu = await startChild(here('./servers/emulator.js'), [seedPath], { execArgv });
    const discoveryBody = (await getJson(`${emu.url}/.well-known/openid-configuration`)).body;
    const koa = await startChild(here('./servers/koa.js'), [discoveryBody]);
    const op = await startChild(here('./servers/oidc-provider.js'));
    log(`bench: emulator ${emu.url}, bare Koa ${koa.url}, oidc-provider ${op.url}`);
    const idleRss = (await ask(emu.child, 'rss')).rss;

    // -------- tokens the scenarios need, each checked once
    const ec = createClient(emu.url, CONNECTIONS);
    const aud = `urn:zitadel:iam:org:project:id:${creds.projectId}:aud`;
    const ccBody = `grant_type=client_credentials&scope=${encodeURIComponent(aud)}`;
    const opaqueAuth = basic(creds.opaqueUser.name, creds.opaqueUser.secret);
    const jwtAuth = basic(creds.jwtUser.name, creds.jwtUser.secret);
    const apiAuth = basic(creds.api.clientId, creds.api.secret);
    const formHeaders = (authorization) => ({ 'content-type': 'application/x-www-form-urlencoded', authorization });

    const cc = await ec.postForm('/oauth/v2/token', { grant_type: 'client_credentials', scope: aud }, { authorization: opaqueAuth });
    if (cc.status !== 200) throw new Error(`emulator client_credentials: ${cc.status} ${cc.body}`);
    const opaqueToken = JSON.parse(cc.body).access_token;
    const ccJwt = await ec.postForm('/oauth/v2/token', { grant_type: 'client_credentials', scope: aud }, { authorization: jwtAuth });
    if (ccJwt.status !== 200 || JSON.parse(ccJwt.body).access_token.split('.').length !== 3) throw new Error(`emulator JWT client_credentials: ${ccJwt.status} ${ccJwt.body}`);
    const intro = await ec.postForm('/oauth/v2/introspect', { token: opaqueToken }, { authorization: apiAuth });
    if (intro.status !== 200 || JSON.parse(intro.body).active !== true) throw new Error(`emulator introspection: ${intro.status} ${intro.body}`);
    const loginOpts = { clientId: creds.pkce.clientId, redirectUri: creds.pkce.redirectUri, userId: creds.loginUserId };
    const userTokens = await login(ec, loginOpts);
    const userinfo = await ec.get('/oidc/v1/userinfo', { authorization: `Bearer ${userTokens.access_token}` });
    if (userinfo.status !== 200) throw new Error(`emulator userinfo: ${userinfo.status} ${userinfo.body}`);

    const oc = createClient(op.url, CONNECTIONS);
    const opCc = await oc.postForm('/token', { grant_type: 'client_credentials', scope: 'api' }, { authorization: basic(op.svc.client_id, op.svc.client_secret) });
    if (opCc.status !== 200) throw new Error(`oidc-provider client_credentials: ${opCc.status} ${opCc.body}`);
    const opToken = JSON.parse(opCc.body).access_token;
    const opApiAuth = basic(op.api.client_id, op.api.client_secret);
    const opIntro = await oc.postForm('/token/introspection', { token: opToken }, { authorization: opApiAuth });
    if (opIntro.status !== 200 || JSON.parse(opIntro.body).active !== true) throw new Error(`oidc-provider introspection: ${opIntro.status} ${opIntro.body}`);

    // -------- scenarios: name → a slice of `seconds`; groups are interleaved slice by slice
    const EMU = emu.child;
    const signer = await startChild(here('./sign-ceiling.js'), [], { timeoutMs: 30_000 });
    const refreshPool = [];
    const refreshBody = (token) => `grant_type=refresh_token&client_id=${encodeURIComponent(creds.pkce.clientId)}&refresh_token=${encodeURIComponent(token)}`;
    const topUpRefreshPool = async () => {
      // Rotation makes every refresh token single-use: a shared pool of live tokens, each request
      // takes one (setupRequest) and its response puts the new one back (onResponse). A slice's
      // last requests are cut off, and their tokens lost, so the pool is topped up by logins.
      const missing = CONNECTIONS * 4 - refreshPool.length;
      if (missing <= CONNECTIONS) return;
      const fresh = await Promise.all(Array.from({ length: missing }, () => login(ec, { ...loginOpts, scope: 'openid profile offline_access' })));
      for (const t of fresh) refreshPool.push(t.refresh_token);
    };
    const post = (path, authorization, body) => ({ method: 'POST', path, headers: formHeaders(authorization), body });
    const scenarios = {
      koa: (sec) => slice(cannonSlice(koa.url, { path: '/' }, sec), koa.child),
      discovery: (sec) => slice(cannonSlice(emu.url, { path: '/.well-known/openid-configuration' }, sec), EMU),
      jwks: (sec) => slice(cannonSlice(emu.url, { path: '/oauth/v2/keys' }, sec), EMU),
      'op-discovery': (sec) => slice(cannonSlice(op.url, { path: '/.well-known/openid-configuration' }, sec), op.child),
      'op-jwks': (sec) => slice(cannonSlice(op.url, { path: '/jwks' }, sec), op.child),
      'op-cc': (sec) => slice(cannonSlice(op.url, post('/token', basic(op.svc.client_id, op.svc.client_secret), 'grant_type=client_credentials&scope=api'), sec), op.child),
      'cc-opaque': (sec) => slice(cannonSlice(emu.url, post('/oauth/v2/token', opaqueAuth, ccBody), sec), EMU),
      'op-introspect': (sec) => slice(cannonSlice(op.url, post('/token/introspection', opApiAuth, `token=${opToken}`), sec), op.child),
      introspect: (sec) => slice(cannonSlice(emu.url, post('/oauth/v2/introspect', apiAuth, `token=${encodeURIComponent(opaqueToken)}`), sec), EMU),
      sign: (sec) =>
        new Promise((resolve) => {
          signer.child.once('message', (msg) => resolve({ count: msg.count, seconds: msg.seconds, errors: 0 }));
          signer.child.send({ type: 'sign', seconds: sec });
        }),
      'cc-jwt': (sec) => slice(cannonSlice(emu.url, post('/oauth/v2/token', jwtAuth, ccBody), sec), EMU),
      userinfo: (sec) => slice(cannonSlice(emu.url, { path: '/oidc/v1/userinfo', headers: { authorization: `Bearer ${userTokens.access_token}` } }, sec), EMU),
      refresh: async (sec) => {
        await topUpRefreshPool();
        const requests = [
          {
            method: 'POST',
            path: '/oauth/v2/token',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            setupRequest: (req) => ({ ...req, body: refreshBody(refreshPool.shift() ?? 'pool-empty') }),
            onResponse: (status, body) => {
              if (status === 200) refreshPool.push(JSON.parse(body).refresh_token);
            },
          },
        ];
        return slice(cannonSlice(emu.url, { path: '/oauth/v2/token', requests }, sec), EMU);
      },
      logins: (sec) =>
        slice(async () => {
          const r = await loginLoad(ec, loginOpts, { concurrency: CONNECTIONS, seconds: sec });
          return { count: r.count, seconds: r.seconds, errors: r.errors, p50: r.p50, p99: r.p99 };
        }, EMU),
    };
    const groups = [
      ['koa', 'discovery', 'jwks'],
      ['op-cc', 'cc-opaque'],
      ['op-introspect', 'introspect'],
      ['sign', 'cc-jwt'],
      ['op-discovery', 'op-jwks'],
      ['userinfo', 'refresh', 'logins'],
    ].map((g) => g.filter((name) => !ONLY || ONLY.test(name)));

    const slices = {};
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const group of groups) {
        if (round === 1) for (const name of group) await scenarios[name](WARMUP);
        for (let i = 0; i < DURATION; i += 1) {
          for (const name of group) (slices[name] ??= []).push(await scenarios[name](1));
        }
        for (const name of group) {
          const r = summarise(slices[name]);
          const cpu = r.cpuPerRequest === undefined ? '' : `  server CPU ${fmt(r.cpuPerRequest)} µs/req`;
          log(`round ${round} ${name.padEnd(14)} ${fmt(r.perSecond).padStart(8)}/s  p50 ${fmt(r.p50, 1)} ms  p99 ${fmt(r.p99, 1)} ms  errors ${r.errors}${cpu}`);
          if (r.errors > r.count * 0.001) log(`  warning: ${name} had ${r.errors} failed requests`);
        }
      }
    }
    const best = Object.fromEntries(Object.entries(slices).map(([name, list]) => [name, summarise(list)]));
    await stopChild(signer.child);
    ec.close();
    oc.close();
    const rss = (await ask(emu.child, 'rss')).rss;
    const opRss = (await ask(op.child, 'rss')).rss;
    await Promise.all([stopChild(emu.child), stopChild(koa.child), stopChild(op.child)]);

    // -------- cold start: the CLI on a fresh copy of the bench store each time
    const colds = [];
    if (!ONLY || ONLY.test('cold')) {
      for (let i = 0; i < COLD_STARTS; i += 1) {
        const copy = join(tmp, `cold-${i}.json`);
        await copyFile(seedPath, copy);
        colds.push(await coldStartOnce(copy));
      }
      colds.sort((a, b) => a - b);
      log(`cold start: ${colds.map((c) => fmt(c, 1)).join(', ')} ms`);
    }
    const coldMedian = colds.length ? colds[Math.floor(colds.length / 2)] : NaN;
    // -------- an additional in-process emulator (test isolation): bench/in-process-start.js
    const inProcess = !ONLY || ONLY.test('in-process') ? measureInProcessStarts() : undefined;
    if (inProcess) log(`in-process start: median ${fmt(inProcess.medianMs, 1)} ms (${inProcess.startsMs.map((c) => fmt(c, 0)).join(', ')})`);

    // Every client_credentials token and every login leaves a live session (tokens live 12 h).
    const minted = ['cc-opaque', 'cc-jwt', 'logins'].reduce((n, name) => n + (best[name]?.count ?? 0) + (best[name]?.errors ?? 0), 0);
    const mainTable = renderTable(best, { rss, idleRss, minted, opRss, coldMedian, colds, inProcess });
    // 100,000 live tokens on a store file: memory, state file, stalls, stop and restart (issue 14).
    let liveTokens = '';
    if (!ONLY || ONLY.test('live-tokens')) liveTokens = (await (await import('./live-tokens.js')).runLiveTokens({ log })).markdown;
    const table = liveTokens ? `${mainTable}\n\n${liveTokens}\n` : mainTable;
    const meta = await describeRun(startedAt, loadBefore, (performance.now() - t0) / 1000);
    process.stdout.write(`\n${table}\n${meta}\n`);
    if (!process.env.BENCH_NO_WRITE && !ONLY) {
      await writeFile(here('./RESULTS.md'), `# Benchmark results\n\nWritten by \`npm run bench\` (bench/run.js); see docs/benchmarks.md for what is measured and how.\n\n${table}\n${meta}\n`);
      log('bench: wrote bench/RESULTS.md');
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function measureInProcessStarts() {
  const run = spawnSync(process.execPath, [here('./in-process-start.js')], { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`bench/in-process-start.js failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

function renderTable(best, { rss, idleRss, minted, opRss, coldMedian, colds, inProcess }) {
  const rows = [];
  const check = (ok) => (ok === undefined ? '' : ok ? '✅' : '❌');
  const lat = (r) => (r ? `${fmt(r.p50, 1)} / ${fmt(r.p99, 1)}` : '—');
  const row = (what, r, ref, refName, min) => {
    const ratio = r && ref ? r.perSecond / ref.perSecond : NaN;
    // The same comparison by server CPU time per request: steadier when other load shares the machine.
    const refCpu = ref?.cpuPerRequest ?? (ref && ref === best.sign ? 1e6 / ref.perSecond : NaN);
    const cpuRatio = r?.cpuPerRequest ? refCpu / r.cpuPerRequest : NaN;
    const budget = min === undefined ? '—' : `≥ ${min} × ${refName}`;
    rows.push(`| ${what} | ${fmt(r?.perSecond)} | ${lat(r)} | ${fmt(r?.cpuPerRequest)} | ${ref ? `${fmt(ref.perSecond)} (${refName})` : '—'} | ${fmt(ratio, 2)} | ${fmt(cpuRatio, 2)} | ${budget} | ${min === undefined || !r || !ref ? '' : check(ratio >= min)} |`);
  };
  rows.push('| Scenario (emulator) | req/s | p50 / p99 ms | Emulator CPU µs/req | Reference (same run) | Ratio (req/s) | Ratio (CPU/req) | Budget | |');
  rows.push('|---|---:|---:|---:|---:|---:|---:|---|---|');
  row('Discovery', best.discovery, best.koa, 'bare Koa', 0.9);
  row('JWKS', best.jwks, best.koa, 'bare Koa', 0.9);
  row('client_credentials, opaque', best['cc-opaque'], best['op-cc'], 'oidc-provider', 2);
  row('client_credentials, JWT (RS256)', best['cc-jwt'], best.sign, 'jose RS256 signs/s, 1 core', 0.85);
  row('Introspection (valid opaque token)', best.introspect, best['op-introspect'], 'oidc-provider', 2);
  row('Userinfo', best.userinfo);
  row('Refresh (rotating, ID token)', best.refresh);
  const logins = best.logins;
  rows.push(`| Code + PKCE logins (4 requests each), logins/s | ${fmt(logins?.perSecond)} | ${lat(logins)} | ${fmt(logins?.cpuPerRequest)} per login | — (peer flow not measured) | — | — | ≥ 1,000/s | ${logins ? check(logins.perSecond >= 1000) : ''} |`);
  rows.push(`| Cold start (CLI spawn → first 200 from discovery), median of ${colds.length} | ${fmt(coldMedian, 0)} ms | ${colds.map((c) => fmt(c, 0)).join(', ')} ms | — | — | — | ≤ 150 ms | ${colds.length ? check(coldMedian <= 150) : ''} |`);
  if (inProcess) {
    rows.push(`| Additional in-process emulator (\`startEmulator({ port: 0, store })\` after the first → first 200 from discovery), median of ${inProcess.startsMs.length} | ${fmt(inProcess.medianMs, 1)} ms | first: ${fmt(inProcess.firstMs, 0)} ms | — | — | — | — | < 50 ms | ${check(inProcess.medianMs < 50)} |`);
  }
  rows.push(`| RSS after the load (idle after start: ${fmt(idleRss / MiB, 1)} MiB; ≥ ${fmt(minted)} live token sessions from the measured slices) | ${fmt(rss / MiB, 1)} MiB | — | — | ${fmt(opRss / MiB, 1)} MiB (oidc-provider) | — | — | ≤ 100 MiB | ${check(rss <= 100 * MiB)} |`);
  rows.push('');
  rows.push('| Reference | req/s | p50 / p99 ms | Server CPU µs/req |');
  rows.push('|---|---:|---:|---:|');
  rows.push(`| bare Koa, fixed JSON (the discovery bytes) | ${fmt(best.koa?.perSecond)} | ${lat(best.koa)} | ${fmt(best.koa?.cpuPerRequest)} |`);
  rows.push(`| jose RS256 CompactSign, 2048-bit key, sequential on 1 core (signs/s) | ${fmt(best.sign?.perSecond)} | — | ${fmt(best.sign ? 1e6 / best.sign.perSecond : NaN)} per sign |`);
  rows.push(`| oidc-provider discovery | ${fmt(best['op-discovery']?.perSecond)} | ${lat(best['op-discovery'])} | ${fmt(best['op-discovery']?.cpuPerRequest)} |`);
  rows.push(`| oidc-provider JWKS | ${fmt(best['op-jwks']?.perSecond)} | ${lat(best['op-jwks'])} | ${fmt(best['op-jwks']?.cpuPerRequest)} |`);
  rows.push(`| oidc-provider client_credentials, opaque | ${fmt(best['op-cc']?.perSecond)} | ${lat(best['op-cc'])} | ${fmt(best['op-cc']?.cpuPerRequest)} |`);
  rows.push(`| oidc-provider introspection | ${fmt(best['op-introspect']?.perSecond)} | ${lat(best['op-introspect'])} | ${fmt(best['op-introspect']?.cpuPerRequest)} |`);
  return rows.join('\n');
}

async function describeRun(startedAt, loadBefore, seconds) {
  const version = async (name) => {
    try {
      return JSON.parse(await readFile(join(root, name === '.' ? 'package.json' : `node_modules/${name}/package.json`), 'utf8')).version;
    } catch {
      return '?';
    }
  };
  const [self, koaV, joseV, opV, acV] = await Promise.all(['.', 'koa', 'jose', 'oidc-provider', 'autocannon'].map(version));
  const cpus = os.cpus();
  return [
    `- Date: ${startedAt.toISOString()}; whole run ${fmt(seconds, 0)} s`,
    `- Settings: ${CONNECTIONS} connections (logins: ${CONNECTIONS} concurrent flows); ${WARMUP} s warm-up, then ${ROUNDS} × ${DURATION} slices of 1 s per scenario, interleaved with the reference it is compared with; latencies are medians over the slices; all servers in child processes on 127.0.0.1`,
    `- Versions: Node ${process.version}, idp-emulator ${self}, koa ${koaV}, jose ${joseV}, oidc-provider ${opV}, autocannon ${acV}`,
    `- Machine: ${cpus[0]?.model ?? '?'}, ${cpus.length} cores, ${fmt(os.totalmem() / 1024 ** 3, 1)} GiB, ${os.type()} ${os.release()}; load average before the run ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}`,
  ].join('\n');
}

// `npm run bench -- --scenario live-tokens` runs that scenario alone (bench/live-tokens.js).
const scenarioFlag = process.argv.indexOf('--scenario');
const SCENARIO = scenarioFlag === -1 ? undefined : process.argv[scenarioFlag + 1];

async function liveTokensOnly() {
  if (SCENARIO !== 'live-tokens') throw new Error(`unknown scenario "${SCENARIO}" (known: live-tokens)`);
  ensureBuilt();
  const { runLiveTokens } = await import('./live-tokens.js');
  const { markdown } = await runLiveTokens({ log });
  process.stdout.write(`${markdown}\n`);
  if (!process.env.BENCH_NO_WRITE) {
    await writeFile(here('./RESULTS-live-tokens.md'), `# Live-tokens scenario\n\nWritten by \`npm run bench -- --scenario live-tokens\` (bench/live-tokens.js); see docs/benchmarks.md.\n\n${markdown}\n\n- Date: ${new Date().toISOString()}; Node ${process.version}; ${os.cpus().length} cores; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`);
    log('bench: wrote bench/RESULTS-live-tokens.md');
  }
}

(SCENARIO === undefined ? main() : liveTokensOnly()).then(
  () => process.exit(0),
  (err) => {
    log(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    killAllChildren();
    process.exit(1);
  },
);
