// Runs Actions v1 scripts in the sandbox worker (sandbox-worker.ts), one run at a time, and
// answers the worker's synchronous `zitadel/http` fetches from this thread. A worker that does
// not answer in time (a loop the vm timeout could not stop, an exhausted heap) is terminated
// and replaced for the next run.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { runSandboxWorker } from './sandbox-worker.js';
import type { V1FetchReply, V1FetchRequest, V1Input, V1RunRequest, V1RunResult, V1WorkerMessage } from './sandbox-protocol.js';

/** Extra time the worker gets to report its own timeout before it is terminated. */
const GRACE_MS = 2000;
/** Heap limit of the worker: a script that allocates without end fails instead of the process. */
const HEAP_LIMIT_MB = 64;

interface Running {
  worker: Worker;
  replyPort: MessagePort;
  signal: Int32Array;
}

export class ActionSandbox {
  #running: Running | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #nextId = 0;

  /** Runs `name(ctx, api)` of `script`; never rejects: failures come back as `error`. */
  run(script: string, name: string, timeoutMs: number, input: V1Input): Promise<V1RunResult> {
    const next = this.#queue.then(() => this.#runNow({ type: 'run', id: (this.#nextId += 1), script, name, timeoutMs, input }));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    if (running) {
      running.replyPort.close();
      await running.worker.terminate();
    }
  }

  #start(): Running {
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
    const running = { worker, replyPort: channel.port1, signal: new Int32Array(signal) };
    worker.on('message', (message: V1WorkerMessage) => {
      if (message.type === 'fetch') void this.#answerFetch(running, message);
    });
    return running;
  }

  async #answerFetch(running: Running, request: V1FetchRequest): Promise<void> {
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
    running.replyPort.postMessage(reply);
    Atomics.add(running.signal, 0, 1);
    Atomics.notify(running.signal, 0);
  }

  #runNow(request: V1RunRequest): Promise<V1RunResult> {
    const running = (this.#running ??= this.#start());
    const failed = (error: string): V1RunResult => ({ claimOps: [], metadata: [], logLines: [], error });
    return new Promise<V1RunResult>((resolve) => {
      const replace = (error: string): void => {
        cleanup();
        if (this.#running === running) this.#running = undefined;
        void running.worker.terminate();
        resolve(failed(error));
      };
      const timer = setTimeout(() => replace(`timeout: the action ran longer than ${request.timeoutMs / 1000} s`), request.timeoutMs + GRACE_MS);
      const onMessage = (message: V1WorkerMessage): void => {
        if (message.type !== 'done' || message.id !== request.id) return;
        cleanup();
        resolve(message.result);
      };
      const onError = (err: Error): void => replace(`the sandbox failed: ${err.message}`);
      const onExit = (): void => replace('the sandbox stopped');
      const cleanup = (): void => {
        clearTimeout(timer);
        running.worker.off('message', onMessage);
        running.worker.off('error', onError);
        running.worker.off('exit', onExit);
      };
      running.worker.on('message', onMessage);
      running.worker.on('error', onError);
      running.worker.on('exit', onExit);
      running.worker.postMessage(request);
    });
  }
}
