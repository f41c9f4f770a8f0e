// The Actions v1 sandbox (reference zitadel-actions.md §3): runs in a worker thread, started
// from this function's source text, so a script that loops forever never stalls the server
// and can be stopped. Each run gets a fresh node:vm context holding only `ctx`, `api` and
// `require` for the zitadel/http, zitadel/log and zitadel/uuid modules, with a time limit.
// This function must stay self-contained: it is serialised with toString() and run by itself.
import type * as Crypto from 'node:crypto';
import type * as Vm from 'node:vm';
import type * as WorkerThreads from 'node:worker_threads';
import type { V1Done, V1FetchReply, V1FetchRequest, V1RunRequest, V1RunResult } from './sandbox-protocol.js';

export function runSandboxWorker(nodeRequire: (id: string) => unknown): void {
  const threads = nodeRequire('node:worker_threads') as typeof WorkerThreads;
  const vm = nodeRequire('node:vm') as typeof Vm;
  const crypto = nodeRequire('node:crypto') as typeof Crypto;
  const port = threads.parentPort;
  const data = threads.workerData as { signal: SharedArrayBuffer; replyPort: WorkerThreads.MessagePort };
  const signal = new Int32Array(data.signal);
  let fetchId = 0;

  /** `zitadel/http` fetch is synchronous in ZITADEL (goja): wait for the emulator thread's answer. */
  function fetchSync(request: Omit<V1FetchRequest, 'type' | 'id'>, deadline: number): V1FetchReply {
    fetchId += 1;
    const id = fetchId;
    let seen = Atomics.load(signal, 0);
    port?.postMessage({ type: 'fetch', id, ...request } satisfies V1FetchRequest);
    for (;;) {
      let reply: { message: V1FetchReply } | undefined;
      while ((reply = threads.receiveMessageOnPort(data.replyPort) as { message: V1FetchReply } | undefined)) {
        if (reply.message.id === id) return reply.message;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error('timeout');
      Atomics.wait(signal, 0, seen, remaining);
      seen = Atomics.load(signal, 0);
    }
  }

  function formatUuid(bytes: Buffer): string {
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  }
  function hashUuid(algorithm: 'md5' | 'sha1', version: number, namespace: unknown, name: unknown): string {
    const ns = Buffer.from(String(namespace).replace(/-/g, ''), 'hex');
    if (ns.length !== 16) throw new Error('invalid namespace UUID');
    const bytes = crypto.createHash(algorithm).update(ns).update(String(name)).digest().subarray(0, 16);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | (version << 4);
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    return formatUuid(bytes);
  }
  const clockSeq = crypto.randomBytes(2).readUInt16BE(0) & 0x3fff;
  const nodeId = crypto.randomBytes(6);
  nodeId[0] = (nodeId[0] ?? 0) | 0x01;
  function uuidV1(): string {
    // 100 ns intervals since 1582-10-15 (RFC 9562 §5.1).
    const ticks = BigInt(Date.now()) * 10000n + 122192928000000000n;
    const bytes = Buffer.alloc(16);
    bytes.writeUInt32BE(Number(ticks & 0xffffffffn), 0);
    bytes.writeUInt16BE(Number((ticks >> 32n) & 0xffffn), 4);
    bytes.writeUInt16BE(Number((ticks >> 48n) & 0x0fffn) | 0x1000, 6);
    bytes.writeUInt16BE(clockSeq | 0x8000, 8);
    nodeId.copy(bytes, 10);
    return formatUuid(bytes);
  }

  /** Builds ctx, api and require inside the context, so the script only meets objects of its own realm. */
  const BOOTSTRAP = `(function (inputJson, host) {
    var input = JSON.parse(inputJson);
    var copy = function (v) { return JSON.parse(JSON.stringify(v)); };
    var grants = input.grants === null ? null : input.grants;
    if (grants) grants.grants.forEach(function (g) { g.getOrgMetadata = function () { return copy(input.emptyMetadata); }; });
    var ctx = { v1: {
      claims: input.claims,
      getUser: function () { return copy(input.user); },
      user: { getMetadata: function () { return copy(input.metadata); }, grants: grants },
      org: { getMetadata: function () { return copy(input.orgMetadata); } },
      application: { getClientId: function () { return input.clientId; } }
    } };
    var claims = {
      setClaim: function (key, value) { host.setClaim(String(key), JSON.stringify(value === undefined ? null : value)); },
      appendLogIntoClaims: function (entry) { host.appendLog(String(entry)); }
    };
    var api = { v1: { claims: claims, userinfo: claims, user: {
      setMetadata: function (key, value) {
        if (arguments.length !== 2) throw new TypeError('exactly 2 (key, value) arguments expected');
        host.setMetadata(String(key), JSON.stringify(value === undefined ? null : value));
      }
    } } };
    var fetchKeys = { method: true, headers: true, body: true };
    var modules = {
      'zitadel/http': { fetch: function (url, options) {
        options = options || {};
        Object.keys(options).forEach(function (k) { if (!fetchKeys[k]) throw new TypeError('key is invalid'); });
        var headers = { 'Content-Type': ['application/json'], 'Accept': ['application/json'] };
        if (options.headers) {
          headers = {};
          Object.keys(options.headers).forEach(function (k) {
            var v = options.headers[k];
            headers[k] = Array.isArray(v) ? v.map(String) : String(v).split(',');
          });
        }
        var body = options.body === undefined ? undefined : JSON.stringify(options.body);
        var r = JSON.parse(host.fetch(String(url), String(options.method || 'GET'), JSON.stringify(headers), body === undefined ? '' : body, body !== undefined));
        if (r.error) throw new Error(r.error);
        return { status: r.status, body: r.body, headers: {},
          json: function () { return JSON.parse(r.body); }, text: function () { return r.body; } };
      } },
      'zitadel/log': {
        log: function (m) { host.log('log', String(m)); },
        warn: function (m) { host.log('warn', String(m)); },
        error: function (m) { host.log('error', String(m)); }
      },
      'zitadel/uuid': {
        v1: function () { return host.uuid('v1'); },
        v3: function (ns, name) { return host.uuid('v3', String(ns), String(name)); },
        v4: function () { return host.uuid('v4'); },
        v5: function (ns, name) { return host.uuid('v5', String(ns), String(name)); },
        namespaceDNS: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
        namespaceURL: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
        namespaceOID: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
        namespaceX500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8'
      }
    };
    globalThis.require = function (name) {
      if (!Object.prototype.hasOwnProperty.call(modules, name)) throw new Error('Invalid module ' + JSON.stringify(String(name)));
      return modules[name];
    };
    // V8 puts a console in every context; ZITADEL's goja runtime registers none (reference §3.2).
    delete globalThis.console;
    globalThis.__zitadel_ctx = ctx;
    globalThis.__zitadel_api = api;
  })`;

  function run(request: V1RunRequest): V1RunResult {
    const result: V1RunResult = { claimOps: [], metadata: [], logLines: [] };
    const deadline = Date.now() + request.timeoutMs;
    const host = {
      setClaim: (key: string, value: string) => void result.claimOps.push({ key, value }),
      appendLog: (logEntry: string) => void result.claimOps.push({ logEntry }),
      setMetadata: (key: string, value: string) => void result.metadata.push({ key, value }),
      log: (level: string, message: string) => void result.logLines.push(`${level}: ${message}`),
      uuid: (version: string, ns?: string, name?: string): string => {
        if (version === 'v1') return uuidV1();
        if (version === 'v3') return hashUuid('md5', 3, ns, name);
        if (version === 'v5') return hashUuid('sha1', 5, ns, name);
        return crypto.randomUUID();
      },
      fetch: (url: string, method: string, headers: string, body: string, hasBody: boolean): string => {
        const remaining = deadline - Date.now();
        const reply = fetchSync(
          { url, method, headers: JSON.parse(headers) as Record<string, string[]>, ...(hasBody && { body }), timeoutMs: Math.max(1, remaining) },
          deadline,
        );
        return JSON.stringify(reply);
      },
    };
    const context = vm.createContext({});
    try {
      const emptyMetadata = { count: 0, sequence: 0, timestamp: '0001-01-01T00:00:00Z', metadata: [] };
      const bootstrap = vm.runInContext(BOOTSTRAP, context) as (inputJson: string, h: typeof host) => void;
      bootstrap(JSON.stringify({ ...request.input, emptyMetadata }), host);
      // ZITADEL evaluates the script with at most 5 s, then calls the function with the action's timeout.
      new vm.Script(request.script, { filename: `${request.name}.js` }).runInContext(context, { timeout: Math.max(1, Math.min(5000, deadline - Date.now())) });
      const call = `(function (name) { var fn = globalThis[name]; if (typeof fn !== 'function') throw new Error('function not found'); fn(__zitadel_ctx, __zitadel_api); })(${JSON.stringify(request.name)})`;
      vm.runInContext(call, context, { timeout: Math.max(1, deadline - Date.now()) });
    } catch (err) {
      const message = err instanceof Error || (typeof err === 'object' && err !== null && 'message' in err) ? String((err as { message: unknown }).message) : String(err);
      result.error = /Script execution timed out/.test(message) || message === 'timeout' ? `timeout: the action ran longer than ${request.timeoutMs / 1000} s` : message;
    }
    return result;
  }

  port?.on('message', (request: V1RunRequest) => {
    port.postMessage({ type: 'done', id: request.id, result: run(request) } satisfies V1Done);
  });
}
