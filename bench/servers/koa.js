// Child process: the framework ceiling — a bare Koa 3 app answering one fixed, already
// serialised JSON document (the emulator's discovery body, so both send the same bytes).
import { createServer } from 'node:http';
import Koa from 'koa';

const body = process.argv[2] ?? '{"ok":true}';
const app = new Koa();
app.use((ctx) => {
  ctx.type = 'application/json';
  ctx.body = body;
});
const server = createServer(app.callback());
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  process.send({ type: 'ready', url: `http://127.0.0.1:${server.address().port}` });
});
process.on('message', (msg) => {
  if (msg?.type === 'rss') process.send({ type: 'rss', rss: process.memoryUsage().rss });
  if (msg?.type === 'cpu') process.send({ type: 'cpu', usage: process.cpuUsage() });
  if (msg?.type === 'close') process.exit(0);
});
