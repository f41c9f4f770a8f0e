// Child process of crash-restart.test.ts: the built emulator on a store file, issuing
// client_credentials tokens to itself in a bounded loop. Everything it reports goes through one
// IPC channel in order ("save" started/written, "ack" per token answered), so the parent knows
// exactly which tokens were answered before a save started. The parent kills it with SIGKILL.
const { startEmulator } = await import('../../out/main/lib.js');

const [storePath, clientId, secret, scope, total, concurrency, maxLiveTokens] = process.argv.slice(2);
const send = (msg) => new Promise((resolve) => process.send(msg, resolve));
const emulator = await startEmulator({
  port: 0,
  host: '127.0.0.1',
  storePath,
  quiet: true,
  log: (line) => process.send({ type: 'log', line }),
  ...(maxLiveTokens !== '0' && { maxLiveTokens: Number(maxLiveTokens) }),
  onRuntimeStateSave: (phase, stats) => process.send({ type: 'save', phase, rewrite: stats?.rewrite ?? false }),
});
const authorization = `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
let next = 0;
async function worker() {
  while (next < Number(total)) {
    next += 1;
    const res = await fetch(`${emulator.issuer}/oauth/v2/token`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
    });
    const body = await res.json();
    await send(res.status === 200 ? { type: 'ack', token: body.access_token } : { type: 'error', status: res.status, body });
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
await send({ type: 'done' });
