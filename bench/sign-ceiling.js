// Child process: the signing ceiling — sequential jose RS256 compact signatures with one
// 2048-bit key (the size the emulator generates), on one core. On {type:'sign', seconds} it
// signs for that long (bounded in count too) and answers with the rate, so the parent can
// interleave it with the emulator's JWT scenario.
import { generateKeyPairSync } from 'node:crypto';
import { CompactSign } from 'jose';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const payload = new TextEncoder().encode(
  JSON.stringify({ iss: 'http://127.0.0.1:1', sub: '123456789012345678', aud: ['a', 'b'], exp: 2e9, iat: 1.7e9, jti: 'V2_1-at_2', client_id: 'bench-jwt', scope: 'x' }),
);
const sign = () => new CompactSign(payload).setProtectedHeader({ alg: 'RS256', kid: '1', typ: 'JWT' }).sign(privateKey);
for (let i = 0; i < 50; i += 1) await sign(); // warm-up (also converts the key once)
const MAX = 1_000_000;

process.on('message', async (msg) => {
  if (msg?.type === 'close') process.exit(0);
  if (msg?.type !== 'sign') return;
  const start = performance.now();
  let count = 0;
  while (count < MAX && performance.now() - start < msg.seconds * 1000) {
    await sign();
    count += 1;
  }
  const seconds = (performance.now() - start) / 1000;
  process.send({ type: 'signed', count, seconds });
});
process.send({ type: 'ready' });
