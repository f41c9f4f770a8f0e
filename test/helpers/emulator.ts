// Starting the emulator in tests: always on a random port on 127.0.0.1, quiet, and with a
// helper that asserts startEmulator was refused with a StoreError.
import { expect } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/main/emulator.js';
import { StoreError } from '../../src/main/store/store-error.js';

export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, host: '127.0.0.1', quiet: true, log: () => undefined, ...options });
}

/** Starts an emulator on `storePath`, expects it to be refused, and returns the StoreError. */
export async function expectStoreRefused(storePath: string): Promise<StoreError> {
  let emulator: Emulator | undefined;
  try {
    emulator = await startTestEmulator({ storePath });
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  await emulator.close();
  throw new Error(`startEmulator accepted ${storePath}`);
}

export interface PublicJwk {
  use: string;
  kty: string;
  kid: string;
  alg: string;
  n: string;
  e: string;
}

function isJwks(value: unknown): value is { keys: PublicJwk[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys);
}

export async function fetchJwks(issuer: string): Promise<{ keys: PublicJwk[] }> {
  const res = await fetch(`${issuer}/oauth/v2/keys`);
  expect(res.status).toBe(200);
  const body: unknown = await res.json();
  if (!isJwks(body)) throw new Error(`not a JWKS: ${JSON.stringify(body)}`);
  return body;
}
