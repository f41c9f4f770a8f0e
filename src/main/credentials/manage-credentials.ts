// Keys and personal access tokens for service users and apps (reference §7): RSA-2048 keys
// generated here (or a public key the user brings), optional expiry that must lie in the
// future, and PATs that never expire unless told to. Shared by the library API, the CLI and
// (later) the console.
import { createPublicKey } from 'node:crypto';
import { generateRsaKey } from '../oidc/keys/generate-rsa-key.js';
import { generateOpaqueToken } from '../oidc/tokens/opaque-token.js';
import type { IdGenerator } from '../store/ids.js';
import type { App, KeyEntry, User } from '../store/schema.js';
import type { Store, StoreChangeSource } from '../store/store.js';
import { buildApplicationKeyFile, buildServiceAccountKeyFile, CredentialError, type ApplicationKeyFile, type ServiceAccountKeyFile } from './key-files.js';

export const NEVER_EXPIRES = '9999-12-31T23:59:59Z';

export interface KeyOptions {
  /** ISO date-time; a date alone means midnight UTC of that day (ZITADEL's console does so). */
  expirationDate?: string;
  /** A PEM public key to register instead of generating a key pair. */
  publicKey?: string;
  newId: IdGenerator;
  now: Date;
  /** Who asks, for the console's change feed (default: not the console). */
  source?: StoreChangeSource;
}

function readExpiration(value: string | undefined, now: Date): string {
  if (value === undefined) return NEVER_EXPIRES;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new CredentialError(`expiration date "${value}" is not a date`);
  if (time <= now.getTime()) throw new CredentialError(`expiration date ${value} is not in the future (Errors.AuthNKey.ExpireBeforeNow)`);
  return new Date(time).toISOString().replace(/\.000Z$/, 'Z');
}

async function buildKey(options: KeyOptions): Promise<KeyEntry> {
  const expirationDate = readExpiration(options.expirationDate, options.now);
  if (options.publicKey === undefined) return { id: options.newId(), ...(await generateRsaKey()), expirationDate };
  let publicKey;
  try {
    publicKey = createPublicKey(options.publicKey);
  } catch {
    throw new CredentialError('the public key is not a PEM public key');
  }
  if (publicKey.asymmetricKeyType !== 'rsa') throw new CredentialError('only RSA public keys are supported (tokens are RS256)');
  return { id: options.newId(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), expirationDate };
}

export function findServiceUser(store: Store, nameOrId: string): User {
  const { usersById, usersByLoginName } = store.index;
  const user = usersById.get(nameOrId) ?? usersByLoginName.get(nameOrId.toLowerCase());
  if (!user?.machine) throw new CredentialError(`no service user "${nameOrId}"`);
  return user;
}

export function findApp(store: Store, nameOrClientId: string): App {
  const { appsByClientId, appsById } = store.index;
  const app = appsByClientId.get(nameOrClientId) ?? appsById.get(nameOrClientId) ?? store.data.apps.find((a) => a.name === nameOrClientId);
  if (!app) throw new CredentialError(`no app "${nameOrClientId}"`);
  return app;
}

export interface AddedServiceUserKey {
  key: KeyEntry;
  /** Absent when a public key was uploaded: then there is nothing secret to hand out. */
  keyFile?: ServiceAccountKeyFile;
}

export async function addServiceUserKey(store: Store, userNameOrId: string, options: KeyOptions): Promise<AddedServiceUserKey> {
  const user = findServiceUser(store, userNameOrId);
  const key = await buildKey(options);
  store.update((draft) => {
    draft.users.find((u) => u.id === user.id)?.machine?.keys.push(key);
  }, options.source);
  return key.privateKey ? { key, keyFile: buildServiceAccountKeyFile(user, key) } : { key };
}

export interface AddedAppKey {
  key: KeyEntry;
  keyFile?: ApplicationKeyFile;
}

/** Keys only make sense for apps that authenticate with private_key_jwt (ZITADEL's console agrees). */
export async function addAppKey(store: Store, appNameOrClientId: string, options: KeyOptions): Promise<AddedAppKey> {
  const app = findApp(store, appNameOrClientId);
  const method = app.oidc?.authMethod ?? app.api?.authMethod;
  if (method !== 'privateKeyJwt') {
    throw new CredentialError(`app "${app.name}" authenticates with "${method}"; set its authMethod to "privateKeyJwt" to use keys`);
  }
  const key = await buildKey(options);
  store.update((draft) => {
    draft.apps.find((a) => a.id === app.id)?.keys.push(key);
  }, options.source);
  return key.privateKey ? { key, keyFile: buildApplicationKeyFile(app, key) } : { key };
}

export function exportServiceUserKeyFile(store: Store, userNameOrId: string, keyId: string): ServiceAccountKeyFile {
  const user = findServiceUser(store, userNameOrId);
  const key = user.machine?.keys.find((k) => k.id === keyId);
  if (!key) throw new CredentialError(`service user "${user.userName}" has no key ${keyId}`);
  return buildServiceAccountKeyFile(user, key);
}

export function exportAppKeyFile(store: Store, appNameOrClientId: string, keyId: string): ApplicationKeyFile {
  const app = findApp(store, appNameOrClientId);
  const key = app.keys.find((k) => k.id === keyId);
  if (!key) throw new CredentialError(`app "${app.name}" has no key ${keyId}`);
  return buildApplicationKeyFile(app, key);
}

export interface AddedPersonalAccessToken {
  id: string;
  token: string;
  expirationDate: string;
}

export function addPersonalAccessToken(
  store: Store,
  userNameOrId: string,
  options: { expirationDate?: string; newId: IdGenerator; now: Date; source?: StoreChangeSource },
): AddedPersonalAccessToken {
  const user = findServiceUser(store, userNameOrId);
  const pat = {
    id: options.newId(),
    token: generateOpaqueToken(),
    expirationDate: readExpiration(options.expirationDate, options.now),
    createdAt: options.now.toISOString(),
  };
  store.update((draft) => {
    draft.users.find((u) => u.id === user.id)?.machine?.personalAccessTokens.push(pat);
  }, options.source);
  return { id: pat.id, token: pat.token, expirationDate: pat.expirationDate };
}
