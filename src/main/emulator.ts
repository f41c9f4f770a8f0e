// startEmulator(): the one composition root (DESIGN §1), used by the CLI, Electron and tests.
// Opens the store, makes sure a signing key exists, builds the routes and starts listening.
import { randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addAppKey,
  addPersonalAccessToken,
  addServiceUserKey,
  type AddedAppKey,
  type AddedPersonalAccessToken,
  type AddedServiceUserKey,
} from './credentials/manage-credentials.js';
import packageJson from '../../package.json' with { type: 'json' };
import { ActivityLog } from './activity/activity-log.js';
import { closeActionSandbox } from './actions/complement-token.js';
import { createAdminApi } from './admin/create-admin-api.js';
import type { BrowserSessionCookie, StorageState } from './bridge/browser-session.js';
import { createFaultMiddleware } from './bridge/fault-middleware.js';
import type { Fault, FaultInput } from './bridge/faults.js';
import type { MintTokensRequest } from './bridge/mint-tokens.js';
import type { EmulatorSnapshot } from './bridge/snapshots.js';
import { TestBridge, type RotateSigningKeyOptions } from './bridge/test-bridge.js';
import { parseInstant, VirtualClock, type EmulatorClock } from './bridge/virtual-clock.js';
import type { TokenResponse } from './oidc/tokens/issue-tokens.js';
import { StoreChangeFeed } from './admin/store-change-feed.js';
import { watchStoreFile } from './admin/store-file-watcher.js';
import type { HttpsInfoDto } from '../common/admin-api.js';
import { startHttps, type ServedHttps } from './tls/serve-https.js';
import { IssuerSites } from './domains/issuer-sites.js';
import { parseDomain, type DomainSpec } from './domains/domain-spec.js';
import { sendUnknownInstance } from './domains/unknown-instance.js';
import { createApp } from './http/create-app.js';
import type { Logger } from './http/logger.js';
import { listen } from './http/listen.js';
import { describeExposedHost } from './http/exposed-host.js';
import { CONSOLE_PATH } from './http/serve-console.js';
import { SigningKeys } from './oidc/keys/signing-keys.js';
import type { Clock } from './oidc/clock.js';
import type { ProviderDeps } from './oidc/provider-deps.js';
import { buildRoutes } from './oidc/routes.js';
import { DEFAULT_MAX_LIVE_TOKENS, RuntimeState, type SaveStats } from './oidc/state/runtime-state.js';
import { statePathFor } from './oidc/state/state-file.js';
import { answersWithoutState } from './oidc/state/state-free-paths.js';
import { buildDemoSeed } from './store/demo-seed.js';
import { createIdGenerator, type IdGenerator } from './store/ids.js';
import { filePersistence, memoryPersistence } from './store/persistence.js';
import type { StoreInput } from './store/schema.js';
import { openStore, type Store } from './store/store.js';
import { describeUnwritableStore } from './store/check-writable.js';
import { lockStoreFile, type StoreLock } from './store/store-lock.js';
import { validateStore } from './store/parse-store.js';
import { createZitadelApi } from './zitadel-api/zitadel-api.js';

export interface EmulatorOptions {
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default "localhost" (127.0.0.1 and ::1). "0.0.0.0" opts in to every interface. */
  host?: string;
  /** Default http://localhost:<port> (or the host given). */
  issuer?: string;
  /** A JSON store file; created with the demo seed when missing. */
  storePath?: string;
  /** An in-memory store seeded with this data (validated like a file). */
  store?: StoreInput;
  /** Guards the admin API; a random one per launch when not given. */
  adminToken?: string;
  /** The real time the virtual clock runs on (default Date.now). */
  clock?: Clock;
  /** Start with the virtual clock set to this instant (it keeps running from there). */
  clockAt?: Date | string;
  newId?: IdGenerator;
  /** Silences the per-request log line (errors are still logged). Default true for the library. */
  quiet?: boolean;
  /** Prints the relying-party doctor's findings in the log (they are always in Activity). */
  doctor?: boolean;
  log?: Logger;
  /** Where the built console lives; default out/renderer of this package. */
  consoleDir?: string;
  /** Serve HTTPS with a certificate from the per-user local CA (docs/https.md). */
  https?: boolean;
  /** With https: also serve plain HTTP on this port (0 picks one), as the same issuers. */
  httpPort?: number;
  /** Where the local CA lives; default $XDG_CONFIG_HOME/idp-emulator or ~/.config/idp-emulator. */
  configDir?: string;
  /** Instance domains, `host[:port]`: each is an issuer of its own (also `instance.domains` in the store). */
  domains?: string[];
  /**
   * Live token sets (OIDC sessions) kept at most, default 1,000,000; beyond it the oldest
   * service-user tokens are retired, with a note on the Activity page (README, runtime state).
   */
  maxLiveTokens?: number;
  /**
   * Observes runtime-state saves: 'started' takes the pending changes, 'written' has them on
   * disk, with the longest time the save held the event loop in one go.
   */
  onRuntimeStateSave?: (phase: 'started' | 'written', stats?: SaveStats) => void;
}

export interface EmulatorFaults {
  /** Arms a fault; returns its id. */
  add(fault: FaultInput): string;
  list(): Fault[];
  /** False when no armed fault has this id. */
  remove(id: string): boolean;
  clear(): void;
}

export interface CredentialOptions {
  /** ISO date-time or YYYY-MM-DD; default 9999-12-31T23:59:59Z. */
  expirationDate?: string;
  /** Register this PEM public key instead of generating a key pair (no key file then). */
  publicKey?: string;
}

export interface Emulator {
  issuer: string;
  port: number;
  consoleUrl: string;
  adminToken: string;
  store: Store;
  keys: SigningKeys;
  /** The recent protocol requests the console's Activity page shows. */
  activity: ActivityLog;
  /** The main issuer, then one per configured domain (the store's are read at call time). */
  issuers(): string[];
  /** With https: the local CA (its PEM for clients to trust), the certificate and how to trust it. */
  https?: HttpsInfoDto;
  /** With httpPort: the port plain HTTP is served on. */
  httpPort?: number;
  /** A new RSA key for a service user, with its key JSON (`type: serviceaccount`). */
  addServiceUserKey(userNameOrId: string, options?: CredentialOptions): Promise<AddedServiceUserKey>;
  /** A new RSA key for a private_key_jwt app, with its key JSON (`type: application`). */
  addAppKey(appNameOrClientId: string, options?: CredentialOptions): Promise<AddedAppKey>;
  addPersonalAccessToken(userNameOrId: string, options?: Pick<CredentialOptions, 'expirationDate'>): AddedPersonalAccessToken;
  /**
   * Adds a new active signing key and returns its kid. Earlier keys stay published, unless
   * `retirePrevious` removes them from the JWKS at once (tokens they signed stop verifying).
   */
  rotateSigningKey(options?: RotateSigningKeyOptions): Promise<string>;
  /** The token response of a completed code flow for this user and app, without a browser. */
  mintTokens(request: MintTokensRequest): Promise<TokenResponse>;
  /** The emulator's virtual clock: everything time-based follows it. */
  clock: EmulatorClock;
  /** Armed faults: errors, delays, dropped connections and tampered tokens on the next requests. */
  faults: EmulatorFaults;
  /** The store, runtime state and clock now, for restore(). */
  snapshot(): EmulatorSnapshot;
  restore(snapshot: EmulatorSnapshot): void;
  /** Back to the store it started with; earlier tokens inactive; real time; no faults. */
  reset(): void;
  /** A cookie that makes a browser logged in as this user (single sign-on, no login page). */
  browserSession(options: { user: string }): BrowserSessionCookie;
  /** Playwright's storageState with that cookie. */
  storageState(options: { user: string }): StorageState;
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };
/** Expired codes, requests and sessions are dropped this often, off the request path. */
const SWEEP_INTERVAL_MS = 60_000;

export function defaultIssuer(host: string, port: number, protocol: 'http' | 'https' = 'http'): string {
  const wildcard = host === '0.0.0.0' || host === '::' || host === 'localhost';
  const name = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `${protocol}://${name}:${port}`;
}

function parseDomains(values: readonly string[] | undefined): DomainSpec[] {
  return (values ?? []).map((value) => {
    const parsed = parseDomain(value);
    if (typeof parsed === 'string') throw new EmulatorOptionsError(parsed);
    return parsed;
  });
}

/** An option startEmulator cannot work with (the CLI reports it and exits 2). */
export class EmulatorOptionsError extends Error {
  override name = 'EmulatorOptionsError';
}

function normaliseIssuer(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new EmulatorOptionsError(`issuer "${issuer}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new EmulatorOptionsError(`issuer "${issuer}" must be http or https`);
  if (url.search || url.hash) throw new EmulatorOptionsError(`issuer "${issuer}" must not have a query or fragment`);
  return url.href.replace(/\/+$/, '');
}

/** Found once per process: another emulator's start then needs no file system call (DESIGN §6). */
let consoleDirLookup: Promise<string> | undefined;

function findConsoleDir(): Promise<string> {
  consoleDirLookup ??= lookUpConsoleDir();
  return consoleDirLookup;
}

async function lookUpConsoleDir(): Promise<string> {
  // Works from the sources (src/main) and from the build (out/main): walk up to package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    try {
      await access(join(dir, 'package.json'));
      return join(dir, 'out', 'renderer');
    } catch {
      dir = dirname(dir);
    }
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

async function openConfiguredStore(options: EmulatorOptions, newId: IdGenerator, clock: Clock, log: Logger): Promise<Store> {
  if (options.store && options.storePath) throw new EmulatorOptionsError('pass either store or storePath, not both');
  // A StoreSaveError already says "could not save <file>: <reason>".
  const onWriteError = (err: unknown): void => log(err instanceof Error ? err.message : `could not save the store: ${String(err)}`);
  const seed = (): Promise<StoreInput> => buildDemoSeed({ newId, now: new Date(clock.now()) });
  if (options.storePath) return openStore(filePersistence(options.storePath), seed, onWriteError);
  const persistence = memoryPersistence();
  if (options.store) await persistence.write(validateStore(options.store));
  return openStore(persistence, seed, onWriteError);
}

/** One process per store file (issue 12 item 3); a read-only folder is warned about, not locked. */
async function lockConfiguredStore(storePath: string | undefined, log: Logger): Promise<StoreLock | undefined> {
  if (storePath === undefined) return undefined;
  const warning = await describeUnwritableStore(storePath);
  if (warning) log(warning);
  try {
    return await lockStoreFile(storePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') return undefined;
    if (code === 'ENOENT') throw new EmulatorOptionsError(`cannot use the store file ${storePath}: its folder ${dirname(resolve(storePath))} does not exist`);
    throw err;
  }
}

function checkMaxLiveTokens(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_LIVE_TOKENS;
  if (!Number.isSafeInteger(value) || value < 1) throw new EmulatorOptionsError(`maxLiveTokens must be a whole number of at least 1, got ${value}`);
  return value;
}

async function openEverything(options: EmulatorOptions, env: { newId: IdGenerator; clock: Clock; log: Logger }) {
  const lock = await lockConfiguredStore(options.storePath, env.log);
  try {
    return { ...(await openStoreAndState(options, env)), lock };
  } catch (err) {
    await lock?.release();
    throw err;
  }
}

async function openStoreAndState(options: EmulatorOptions, env: { newId: IdGenerator; clock: Clock; log: Logger }) {
  const { newId, clock, log } = env;
  const [store, consoleDir] = await Promise.all([openConfiguredStore(options, newId, clock, log), options.consoleDir ?? findConsoleDir()]);
  const keys = new SigningKeys(store, newId, () => new Date(clock.now()));
  const state = new RuntimeState({
    ...(options.storePath !== undefined && { path: statePathFor(options.storePath) }),
    now: () => clock.now(),
    warn: log,
    onError: (err) => log(`could not save the runtime state: ${err instanceof Error ? err.message : String(err)}`),
    maxLiveTokens: checkMaxLiveTokens(options.maxLiveTokens),
    isServiceUser: (userId) => store.index.usersById.get(userId)?.machine !== undefined,
    ...(options.onRuntimeStateSave && { onSave: options.onRuntimeStateSave }),
  });
  keys.ensure((err) => log(`could not create a signing key: ${err instanceof Error ? err.message : String(err)}`));
  // A store file holds its key when start resolves; an in-memory seed (one emulator per test
  // file) gets it in the background, so that start never waits for RSA key generation.
  if (options.storePath !== undefined) await keys.ready();
  // The runtime state streams in while discovery and JWKS already answer; the other requests
  // wait for it (answersWithoutState), so a large state does not delay the start (issue 14).
  const stateLoaded = state.load().catch((err: unknown) => log(`could not load the runtime state: ${err instanceof Error ? err.message : String(err)}`));
  return { store, keys, state, consoleDir, stateLoaded };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? 'localhost';
  const clock = new VirtualClock(options.clock ?? systemClock);
  if (options.clockAt !== undefined) {
    try {
      clock.set(parseInstant(options.clockAt));
    } catch (err) {
      throw new EmulatorOptionsError(err instanceof Error ? err.message : String(err));
    }
  }
  const newId = options.newId ?? createIdGenerator(() => clock.now());
  const log = options.log ?? ((line: string) => console.log(line));
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const configuredIssuer = options.issuer === undefined ? undefined : normaliseIssuer(options.issuer);
  const domains = parseDomains(options.domains);
  const protocol = options.https ? 'https' : 'http';
  if (options.httpPort !== undefined && !options.https) throw new EmulatorOptionsError('httpPort needs https: without it the port already serves http');

  // Bind first: a busy port must fail before a missing store file is created with demo data.
  // The app needs the issuer, which may depend on the port the OS picks, so until it is built
  // requests get a 503 (none can arrive before startEmulator resolves on a fresh port anyway).
  let handler: RequestListener | undefined;
  const listener: RequestListener = (req, res) => {
    if (handler) return void handler(req, res);
    res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"error":"temporarily_unavailable"}');
  };
  // The certificate first covers the --domain names; the store's are added once it is open.
  const served: ServedHttps | undefined = options.https
    ? await startHttps({
        listener,
        host,
        port: options.port ?? 8080,
        names: domains.map((d) => d.host),
        log,
        ...(options.configDir !== undefined && { configDir: options.configDir }),
        ...(options.httpPort !== undefined && { httpPort: options.httpPort }),
      })
    : undefined;
  const listening = served?.listening ?? (await listen(listener, host, options.port ?? 8080));
  let opened;
  try {
    opened = await openEverything(options, { newId, clock, log });
  } catch (err) {
    await (served?.close() ?? listening.close());
    throw err;
  }
  const { store, keys, state, consoleDir, stateLoaded, lock } = opened;
  const exposed = describeExposedHost(host, listening.port);
  if (exposed) log(exposed);
  let stateReady = false;
  void stateLoaded.then(() => (stateReady = true));
  const sweeper = setInterval(() => stateReady && state.sweep(clock.now()), SWEEP_INTERVAL_MS);
  sweeper.unref();
  const issuer = configuredIssuer ?? defaultIssuer(host, listening.port, protocol);
  const deps: ProviderDeps = { issuer, store, keys, clock, newId, state };
  const activity = new ActivityLog();
  const storePath = options.storePath === undefined ? undefined : resolve(options.storePath);
  const changes = new StoreChangeFeed(store);
  const bridge = new TestBridge(deps, activity, clock);
  const admin = createAdminApi({ deps, activity, adminToken, version: packageJson.version, changes, log, bridge, issuers: () => sites.issuers(), ...(served && { https: () => served.info() }), ...(storePath !== undefined && { storePath }) });
  const sites: IssuerSites = new IssuerSites({
    mainIssuer: issuer,
    protocol,
    port: listening.port,
    domains,
    store,
    build: (siteIssuer) => {
      // Each domain answers as its own issuer, with routes and discovery built for it.
      const siteDeps: ProviderDeps = siteIssuer === issuer ? deps : { ...deps, issuer: siteIssuer, mainIssuer: issuer };
      const routes = buildRoutes(siteDeps);
      const faults = createFaultMiddleware(bridge.faults, routes, siteDeps);
      return createApp({ routes, deps: siteDeps, consoleDir, log, quiet: options.quiet ?? true, doctor: options.doctor ?? false, activity, admin, faults }).callback();
    },
  });
  sites.handler(issuer); // built now, as before: the first request does not pay for it
  const externalDomain = new URL(issuer).hostname;
  const route: RequestListener = (req, res) => {
    // RFC 9112 §3.2: no Host is a 400, answered as JSON by the main issuer's app (require-host.ts).
    if (!req.headers.host) return void sites.handler(issuer)(req, res);
    const siteIssuer = sites.issuerFor(req.headers.host);
    if (siteIssuer !== undefined) return void sites.handler(siteIssuer)(req, res);
    // The admin API keeps its own answer to a foreign Host (its loopback guard, DESIGN §7).
    if (req.url?.startsWith('/_emulator/')) return void sites.handler(issuer)(req, res);
    sendUnknownInstance(req, res, 'encrypted' in req.socket ? 'https' : 'http', externalDomain);
    // Never reaches the request log of an issuer: say here why it was refused.
    if (!(options.quiet ?? true)) log(`${req.method ?? ''} ${req.url?.split('?')[0] ?? ''} 404 Host "${req.headers.host ?? ''}" is no instance domain (--domain)`);
  };
  // ZITADEL's own API (issue 18) shares the port; it looks tokens up, so it waits for the state.
  const zitadelApi = createZitadelApi({ deps, activity, log });
  handler = (req, res) => {
    if (zitadelApi.handles(req)) return stateReady ? zitadelApi.handle(req, res) : void stateLoaded.then(() => zitadelApi.handle(req, res));
    if (stateReady || answersWithoutState(req.url)) return route(req, res);
    void stateLoaded.then(() => route(req, res));
  };
  // The store's domains join the certificate before the first request can ask for them.
  const stopRenewing = await served?.renewFor(() => sites.hostNames(), store);
  // Hand edits of the store file are picked up while running (issue 6); refused ones reach the console.
  const watcher = storePath === undefined ? undefined : watchStoreFile({ store, path: storePath, log, onInvalid: (error) => changes.reportFileError(error) });

  const emulator: Emulator = {
    issuer,
    port: listening.port,
    consoleUrl: `${issuer}${CONSOLE_PATH}/#token=${adminToken}`,
    adminToken,
    store,
    keys,
    activity,
    issuers: () => sites.issuers(),
    ...(served?.httpPort !== undefined && { httpPort: served.httpPort }),
    addServiceUserKey: (user, opts = {}) => addServiceUserKey(store, user, { ...opts, newId, now: new Date(clock.now()) }),
    addAppKey: (app, opts = {}) => addAppKey(store, app, { ...opts, newId, now: new Date(clock.now()) }),
    addPersonalAccessToken: (user, opts = {}) => addPersonalAccessToken(store, user, { ...opts, newId, now: new Date(clock.now()) }),
    rotateSigningKey: (opts) => bridge.rotateSigningKey(opts),
    mintTokens: (request) => bridge.mintTokens(request),
    clock,
    faults: {
      add: (fault) => bridge.faults.add(fault),
      list: () => bridge.faults.list(),
      remove: (id) => bridge.faults.remove(id),
      clear: () => bridge.faults.clear(),
    },
    snapshot: () => bridge.snapshot(),
    restore: (snapshot) => bridge.restore(snapshot),
    reset: () => bridge.reset(),
    browserSession: ({ user }) => bridge.browserSession(user),
    storageState: ({ user }) => bridge.storageState(user),
    async close() {
      clearInterval(sweeper);
      watcher?.close();
      changes.close();
      stopRenewing?.();
      await (served?.close() ?? listening.close());
      await stateLoaded;
      await keys.settled();
      // Unsaved store changes make close() reject (the CLI then exits non-zero); the lock goes either way.
      try {
        await Promise.all([store.flush(), state.close(), closeActionSandbox(store)]);
      } finally {
        await lock?.release();
      }
    },
  };
  // A getter: the certificate's names and expiry change when it is renewed.
  if (served) Object.defineProperty(emulator, 'https', { enumerable: true, get: () => served.info() });
  return emulator;
}
