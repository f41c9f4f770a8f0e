// Runs Actions v1 scripts in sandbox workers (sandbox-worker.ts) and answers their synchronous
// `zitadel/http` fetches from this thread. Up to MAX_WORKERS scripts run at once, as ZITADEL
// runs concurrent requests' actions side by side; a worker that does not answer in time (a loop
// the vm timeout could not stop, an exhausted heap) is terminated and replaced.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { runSandboxWorker } from './sandbox-worker.js';
import type { V1FetchReply, V1FetchRequest, V1Input, V1RunRequest, V1RunResult, V1WorkerMessage } from './sandbox-protocol.js';

/** Extra time the worker gets to report its own timeout before it is terminated. */
const GRACE_MS = 2000;
/** Heap limit of a worker: a script that allocates without end fails instead of the process. */
const HEAP_LIMIT_MB = 64;
/** Scripts running at the same time; more wait for a free worker. */
const MAX_WORKERS = 4;

interface SandboxWorker {
  worker: Worker;
  replyPort: MessagePort;
  signal: Int32Array;
}

export class ActionSandbox {
  readonly #all = new Set<SandboxWorker>();
  readonly #idle: SandboxWorker[] = [];
  readonly #waiting: ((worker: SandboxWorker) => void)[] = [];
  #nextId = 0;
  #closed = false;

  /** Runs `name(ctx, api)` of `script`; never rejects: failures come back as `error`. */
  async run(script: string, name: string, timeoutMs: number, input: V1Input): Promise<V1RunResult> {
    const worker = await this.#acquire();
    const { result, healthy } = await this.#runOn(worker, { type: 'run', id: (this.#nextId += 1), script, name, timeoutMs, input });
    this.#release(worker, healthy);
    return result;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#all];
    this.#all.clear();
    this.#idle.length = 0;
    await Promise.all(all.map((w) => this.#stop(w)));
  }

  #acquire(): Promise<SandboxWorker> {
    const idle = this.#idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.#all.size < MAX_WORKERS) return Promise.resolve(this.#start());
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(worker: SandboxWorker, healthy: boolean): void {
    if (!healthy || this.#closed) {
      this.#all.delete(worker);
      void this.#stop(worker);
      const next = this.#waiting.shift();
      if (next && !this.#closed) next(this.#start());
      return;
    }
    const next = this.#waiting.shift();
    if (next) next(worker);
    else this.#idle.push(worker);
  }

  async #stop(worker: SandboxWorker): Promise<void> {
    worker.replyPort.close();
    await worker.worker.terminate();
  }

  #start(): SandboxWorker {
    const channel = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const worker = new Worker(`(${runSandboxWorker.toString()})(require)`, {
      eval: true,
      workerData: { signal, replyPort: channel.port2 },
      transferList: [channel.port2],
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
    });
    worker.unref();
    channel.port1.unref();
    const started = { worker, replyPort: channel.port1, signal: new Int32Array(signal) };
    worker.on('message', (message: V1WorkerMessage) => {
      if (message.type === 'fetch') void this.#answerFetch(started, message);
    });
    this.#all.add(started);
    return started;
  }

  async #answerFetch(worker: SandboxWorker, request: V1FetchRequest): Promise<void> {
    let reply: V1FetchReply;
    try {
      const headers = new Headers();
      for (const [name, values] of Object.entries(request.headers)) for (const value of values) headers.append(name, value.trim());
      const response = await fetch(request.url, {
        method: request.method,
        headers,
        ...(request.body !== undefined && { body: request.body }),
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      reply = { id: request.id, status: response.status, body: await response.text() };
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      reply = { id: request.id, error: `${err instanceof Error ? err.message : String(err)}${cause}` };
    }
    worker.replyPort.postMessage(reply);
    Atomics.add(worker.signal, 0, 1);
    Atomics.notify(worker.signal, 0);
  }

  #runOn(sandbox: SandboxWorker, request: V1RunRequest): Promise<{ result: V1RunResult; healthy: boolean }> {
    const { worker } = sandbox;
    const failed = (error: string): V1RunResult => ({ claimOps: [], metadata: [], logLines: [], error });
    return new Promise((resolve) => {
      const give = (result: V1RunResult, healthy: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve({ result, healthy });
      };
      const timer = setTimeout(() => give(failed(`timeout: the action ran longer than ${request.timeoutMs / 1000} s`), false), request.timeoutMs + GRACE_MS);
      const onMessage = (message: V1WorkerMessage): void => {
        if (message.type === 'done' && message.id === request.id) give(message.result, true);
      };
      const onError = (err: Error): void => give(failed(`the sandbox failed: ${err.message}`), false);
      const onExit = (): void => give(failed('the sandbox stopped'), false);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(request);
    });
  }
}
