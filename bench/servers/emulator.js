// Child process: the emulator with the bench seed on 127.0.0.1:<free port>. Talks to the
// parent over IPC: "ready" with the issuer; answers "rss"; exits on "close".
import { readFile } from 'node:fs/promises';

// BENCH_LIB points at another build of the library (A/B comparisons of a change); default the built one.
const { startEmulator } = await import(process.env.BENCH_LIB ?? '../../out/main/lib.js');

const store = JSON.parse(await readFile(process.argv[2], 'utf8'));
const emulator = await startEmulator({ port: 0, host: '127.0.0.1', store, quiet: true });
process.on('message', (msg) => {
  if (msg?.type === 'rss') process.send({ type: 'rss', rss: process.memoryUsage().rss });
  if (msg?.type === 'cpu') process.send({ type: 'cpu', usage: process.cpuUsage() });
  if (msg?.type === 'close') emulator.close().finally(() => process.exit(0));
});
process.send({ type: 'ready', url: emulator.issuer });
