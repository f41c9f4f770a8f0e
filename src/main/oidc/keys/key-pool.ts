// Spare RSA key pairs, generated in the background, so that starting another emulator in the
// same process (one per test file, DESIGN §6) or rotating a signing key does not wait for key
// generation. Each key is handed out once; taking one starts making its replacement.
import { generateRsaKey, type RsaKeyPem } from './generate-rsa-key.js';

/** Enough for a demo seed (two keys) or two back-to-back starts; each costs ~50 ms of one thread-pool thread. */
const POOL_SIZE = 2;
const spare: Promise<RsaKeyPem>[] = [];

function refill(): void {
  while (spare.length < POOL_SIZE) {
    const key = generateRsaKey();
    // A failure surfaces to whoever takes this key; none is unhandled while it waits.
    key.catch(() => undefined);
    spare.push(key);
  }
}

/** A fresh RSA-2048 key pair, from the pool when one is ready. */
export function takeRsaKey(): Promise<RsaKeyPem> {
  const key = spare.shift() ?? generateRsaKey();
  refill();
  return key;
}
