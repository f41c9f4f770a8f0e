// What the admin API shows of stored entities: everything but private keys, which only leave
// the emulator as downloadable key files (reference §7).
import type { KeyDto, SigningKeyDto } from '../../common/admin-api.js';
import type { App, KeyEntry, SigningKeyEntry, StoreData, User } from '../store/schema.js';

export type PublicKeyEntry = Omit<KeyEntry, 'privateKey'>;

export function redactKey({ privateKey: _privateKey, ...key }: KeyEntry): PublicKeyEntry {
  return key;
}

export function toKeyDto(key: KeyEntry): KeyDto {
  return { id: key.id, expirationDate: key.expirationDate, hasPrivateKey: key.privateKey !== undefined, publicKey: key.publicKey };
}

export function toSigningKeyDto(key: SigningKeyEntry): SigningKeyDto {
  return { id: key.id, publicKey: key.publicKey, active: key.active, ...(key.createdAt !== undefined && { createdAt: key.createdAt }) };
}

export function redactApp(app: App): Omit<App, 'keys'> & { keys: PublicKeyEntry[] } {
  return { ...app, keys: app.keys.map(redactKey) };
}

export function redactUser(user: User): unknown {
  if (!user.machine) return user;
  return { ...user, machine: { ...user.machine, keys: user.machine.keys.map(redactKey) } };
}

/** Any entity of a collection, redacted where it holds keys. */
export function redactEntity(collection: string, entity: unknown): unknown {
  if (collection === 'apps') return redactApp(entity as App);
  if (collection === 'users') return redactUser(entity as User);
  return entity;
}

export function redactStore(data: StoreData): Record<string, unknown> {
  return {
    ...data,
    apps: data.apps.map(redactApp),
    users: data.users.map(redactUser),
    signingKeys: data.signingKeys.map(toSigningKeyDto),
  };
}
