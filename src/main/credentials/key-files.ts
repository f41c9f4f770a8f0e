// The key JSON files ZITADEL hands out (reference §7), byte-for-byte in shape: the private key
// as PKCS#1 PEM; service-user files also carry expirationDate (ZITADEL's code does, its docs
// do not show it).
import type { App, KeyEntry, User } from '../store/schema.js';

export interface ServiceAccountKeyFile {
  type: 'serviceaccount';
  keyId: string;
  key: string;
  expirationDate: string;
  userId: string;
}

export interface ApplicationKeyFile {
  type: 'application';
  keyId: string;
  key: string;
  appId: string;
  clientId: string;
}

export class CredentialError extends Error {
  override name = 'CredentialError';
}

function privateKeyOf(key: KeyEntry): string {
  if (!key.privateKey) throw new CredentialError(`key ${key.id} was uploaded as a public key: there is no private key to export`);
  return key.privateKey;
}

export function buildServiceAccountKeyFile(user: User, key: KeyEntry): ServiceAccountKeyFile {
  return { type: 'serviceaccount', keyId: key.id, key: privateKeyOf(key), expirationDate: key.expirationDate, userId: user.id };
}

export function buildApplicationKeyFile(app: App, key: KeyEntry): ApplicationKeyFile {
  return { type: 'application', keyId: key.id, key: privateKeyOf(key), appId: app.id, clientId: app.clientId };
}
