// Child process for the live-tokens scenario: the emulator on a store FILE (so the runtime
// state journal is written) on 127.0.0.1:<free port>, with --expose-gc for steady RSS figures.
// IPC: "ready" with the issuer; answers "rss" (after a full GC), "loop-reset"/"loop" (event-loop
// delay, perf_hooks.monitorEventLoopDelay), "saves" (runtime-state saves seen); "close" stops
// the emulator and answers "closed" with how long emulator.close() took.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const { startEmulator } = await import(process.env.BENCH_LIB ?? '../../out/main/lib.js');

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const saves = { count: 0, rewrites: 0, longestMs: 0, longestStepMs: 0, startedAt: 0 };
const emulator = await startEmulator({
  port: 0,
  host: '127.0.0.1',
  storePath: process.argv[2],
  quiet: true,
  onRuntimeStateSave(phase, stats) {
    if (phase === 'started') saves.startedAt = performance.now();
    else {
      saves.count += 1;
      if (stats?.rewrite) saves.rewrites += 1;
      saves.longestMs = Math.max(saves.longestMs, performance.now() - saves.startedAt);
      saves.longestStepMs = Math.max(saves.longestStepMs, stats?.longestStepMs ?? 0);
    }
  },
});

process.on('message', async (msg) => {
  switch (msg?.type) {
    case 'rss':
      globalThis.gc?.();
      globalThis.gc?.();
      process.send({ type: 'rss', rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed });
      break;
    case 'loop-reset':
      loop.reset();
      process.send({ type: 'loop-reset' });
      break;
    case 'loop':
      process.send({ type: 'loop', maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6 });
      break;
    case 'saves':
      process.send({ type: 'saves', ...saves });
      break;
    case 'close': {
      const started = performance.now();
      await emulator.close();
      process.send({ type: 'closed', ms: performance.now() - started }, () => process.exit(0));
      break;
    }
  }
});
process.send({ type: 'ready', url: emulator.issuer });
