// The instance's token signing keys (reference §8): RS256 with numeric kids, kept in the store
// so tokens stay valid across restarts. One key is active; rotation adds a new active key and
// keeps the old ones published in the JWKS until they are deleted.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { IdGenerator } from '../../store/ids.js';
import type { SigningKeyEntry } from '../../store/schema.js';
import type { Store, StoreChangeSource } from '../../store/store.js';
import { takeRsaKey } from './key-pool.js';

export const SIGNING_ALG = 'RS256';

export interface Signer {
  kid: string;
  alg: typeof SIGNING_ALG;
  privateKey: KeyObject;
}

export interface PublicJwk {
  use: 'sig';
  kty: string;
  kid: string;
  alg: string;
  n: string;
  e: string;
}

interface KeyCache {
  revision: number;
  signer: Signer | undefined;
  verifiers: Map<string, KeyObject>;
  jwksBody: string;
}

export class SigningKeys {
  #store: Store;
  #newId: IdGenerator;
  #now: () => Date;
  #cache: KeyCache | undefined;
  /** The first key while it is being made (ensure); settled once it is in the store. */
  #first: Promise<unknown> = Promise.resolve();
  #firstPending = false;

  constructor(store: Store, newId: IdGenerator, now: () => Date) {
    this.#store = store;
    this.#newId = newId;
    this.#now = now;
    let known = store.data.signingKeys;
    // A reload without keys (a seed checked out over the running store, issue 12 item 6) keeps
    // the keys in use, as a start would add one: tokens already issued stay verifiable.
    store.onChange((data, source) => {
      if (data.signingKeys.length > 0) known = data.signingKeys;
      else if (source !== 'file') return;
      else if (known.length > 0) {
        const keep = known;
        store.update((draft) => void (draft.signingKeys = structuredClone(keep)));
      } else if (!this.#firstPending) this.ensure();
    });
  }

  /**
   * Creates the first key when the store has none (first run, or a hand-written seed) — in the
   * background, so starting an emulator never waits for RSA key generation (DESIGN §6: another
   * in-process emulator per test file starts in milliseconds). Whatever signs or publishes keys
   * waits for it through ready(); a failure is reported to `onError` and retried on the next use.
   */
  ensure(onError: (err: unknown) => void = () => undefined): void {
    if (this.#store.data.signingKeys.length > 0) return;
    this.#firstPending = true;
    this.#first = this.rotate().then(
      () => {
        this.#firstPending = false;
      },
      (err: unknown) => {
        this.#firstPending = false;
        onError(err);
      },
    );
  }

  /** Resolves when the first key's generation (if any) has finished, whether or not it succeeded. */
  async settled(): Promise<void> {
    await this.#first;
  }

  /** Resolves once the first key exists (at once when the store had keys). */
  async ready(): Promise<void> {
    await this.#first;
    if (this.#store.data.signingKeys.length === 0) {
      this.ensure();
      await this.#first;
    }
  }

  /** The key that signs new tokens, once there is one. */
  async readySigner(): Promise<Signer> {
    await this.ready();
    return this.signer();
  }

  /** Adds a new active key; the previous ones stay published. Returns the new kid. */
  async rotate(source?: StoreChangeSource): Promise<string> {
    const pem = await takeRsaKey();
    const entry: SigningKeyEntry = { id: this.#newId(), ...pem, active: true, createdAt: this.#now().toISOString() };
    this.#store.update((draft) => {
      for (const key of draft.signingKeys) key.active = false;
      draft.signingKeys.push(entry);
    }, source);
    return entry.id;
  }

  /** Removes every key but `kid` from the store, so they leave the JWKS at once. */
  retireAllBut(kid: string, source?: StoreChangeSource): void {
    this.#store.update((draft) => {
      draft.signingKeys = draft.signingKeys.filter((k) => k.id === kid);
    }, source);
  }

  activate(kid: string, source?: StoreChangeSource): void {
    this.#store.update((draft) => {
      if (!draft.signingKeys.some((k) => k.id === kid)) throw new Error(`no signing key ${kid}`);
      for (const key of draft.signingKeys) key.active = key.id === kid;
    }, source);
  }

  /** The key that signs new tokens. */
  signer(): Signer {
    const signer = this.#current().signer;
    if (!signer) throw new Error('the store has no active signing key');
    return signer;
  }

  /** Public key for a kid, for verifying tokens this emulator issued. */
  verifier(kid: string): KeyObject | undefined {
    return this.#current().verifiers.get(kid);
  }

  /** The serialised JWKS document, built once per store revision. Throws while the first key is being made (await ready()). */
  jwksBody(): string {
    if (this.#firstPending) throw new Error('the first signing key is still being generated');
    return this.#current().jwksBody;
  }

  #current(): KeyCache {
    const revision = this.#store.revision;
    if (this.#cache?.revision === revision) return this.#cache;
    this.#cache = buildCache(this.#store.data.signingKeys, revision);
    return this.#cache;
  }
}

function buildCache(entries: readonly SigningKeyEntry[], revision: number): KeyCache {
  const verifiers = new Map<string, KeyObject>();
  const keys: PublicJwk[] = [];
  let signer: Signer | undefined;
  for (const entry of entries) {
    const publicKey = createPublicKey(entry.publicKey);
    verifiers.set(entry.id, publicKey);
    const jwk = publicKey.export({ format: 'jwk' });
    keys.push({ use: 'sig', kty: 'RSA', kid: entry.id, alg: SIGNING_ALG, n: String(jwk.n), e: String(jwk.e) });
    if (entry.active) signer = { kid: entry.id, alg: SIGNING_ALG, privateKey: createPrivateKey(entry.privateKey) };
  }
  return { revision, signer, verifiers, jwksBody: JSON.stringify({ keys }) };
}
