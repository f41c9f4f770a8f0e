// Turns a console's POST / PUT body into the entity to store: generated ids, client ids and
// secrets for new entities; for replacements, the id from the path and the private keys and
// tokens the console never sees (GET answers leave private keys out).
import type { Collection } from '../../common/admin-api.js';
import type { IdGenerator } from '../store/ids.js';
import { generateSecret } from '../store/ids.js';
import { badRequest } from './admin-errors.js';
import { isJsonObject } from './read-json-body.js';

type Json = Record<string, unknown>;

export interface PrepareOptions {
  newId: IdGenerator;
  /** Milliseconds since the epoch. */
  now: number;
}

/** Apps that authenticate with a secret get one (ZITADEL generates it when the app is created). */
function needsSecret(app: Json): boolean {
  if (isJsonObject(app.oidc)) return app.oidc.authMethod === undefined || app.oidc.authMethod === 'basic' || app.oidc.authMethod === 'post';
  if (isJsonObject(app.api)) return app.api.authMethod === undefined || app.api.authMethod === 'basic';
  return false;
}

export function prepareNewEntity(collection: Collection, body: Json, { newId, now }: PrepareOptions): Json {
  const entity: Json = { ...body };
  if (entity.id === undefined) entity.id = newId();
  if (collection === 'apps') {
    if (entity.clientId === undefined) entity.clientId = newId();
    if (entity.clientSecret === undefined && needsSecret(entity)) entity.clientSecret = generateSecret();
  }
  if (collection === 'users') entity.updatedAt = Math.floor(now / 1000);
  // ZITADEL generates a target's signing key: 36 letters and digits (zitadel-actions.md §2.1).
  if (collection === 'targets' && entity.signingKey === undefined) entity.signingKey = generateSecret(36);
  return entity;
}

/**
 * Keys sent back without their private key keep the stored one; a body without the list keeps
 * the stored list (keys are added and removed through their own routes).
 */
function restoreKeys(sent: unknown, stored: readonly { id: string; privateKey?: string }[]): unknown {
  if (sent === undefined) return stored;
  if (!Array.isArray(sent)) return sent;
  return sent.map((key: unknown) => {
    if (!isJsonObject(key) || key.privateKey !== undefined) return key;
    const match = stored.find((s) => s.id === key.id);
    return match?.privateKey === undefined ? key : { ...key, privateKey: match.privateKey };
  });
}

export function prepareReplacement(collection: Collection, id: string, body: Json, stored: Json, { now }: PrepareOptions): Json {
  if (body.id !== undefined && body.id !== id) throw badRequest(`the body's id "${String(body.id)}" does not match the path's id "${id}"`);
  const entity: Json = { ...body, id };
  if (collection === 'targets' && entity.signingKey === undefined) entity.signingKey = stored.signingKey;
  if (collection === 'apps') {
    entity.keys = restoreKeys(entity.keys, (stored.keys as { id: string; privateKey?: string }[] | undefined) ?? []);
  }
  if (collection === 'users') {
    entity.updatedAt = Math.floor(now / 1000);
    const storedMachine = isJsonObject(stored.machine) ? stored.machine : undefined;
    if (isJsonObject(entity.machine) && storedMachine) {
      const machine: Json = { ...entity.machine };
      machine.keys = restoreKeys(machine.keys, (storedMachine.keys as { id: string; privateKey?: string }[] | undefined) ?? []);
      if (machine.personalAccessTokens === undefined) machine.personalAccessTokens = storedMachine.personalAccessTokens;
      entity.machine = machine;
    }
  }
  return entity;
}
