// Secrets, keys and personal access tokens of apps and service users (reference §7): secret
// regeneration (shown once), key pairs with their downloadable key JSON, PATs.
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AddKeyResultDto, KeyDto, PatResultDto, SecretResultDto, WriteResultDto } from '../../common/admin-api.js';
import { buildApplicationKeyFile, buildServiceAccountKeyFile, type ApplicationKeyFile, type ServiceAccountKeyFile } from '../credentials/key-files.js';
import { addAppKey, addPersonalAccessToken, addServiceUserKey, type KeyOptions } from '../credentials/manage-credentials.js';
import { generateSecret } from '../store/ids.js';
import type { App, KeyEntry, User } from '../store/schema.js';
import { loginNamesOf } from '../store/store-index.js';
import type { AdminContext } from './admin-context.js';
import { badRequest, notFound } from './admin-errors.js';
import { readJsonObject } from './read-json-body.js';
import { toKeyDto } from './redact-secrets.js';
import { checkRevision, writeStore } from './write-store.js';

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
  return value;
}

function sendKeyFile(ctx: Context, file: { keyId: string }): void {
  ctx.set('Content-Disposition', `attachment; filename="${file.keyId}.json"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json';
  ctx.body = `${JSON.stringify(file, null, 2)}\n`;
}

function findKey(keys: readonly KeyEntry[], keyId: string, owner: string): KeyEntry {
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw notFound(`${owner} has no key "${keyId}"`);
  return key;
}

export function registerCredentialRoutes(router: Router, admin: AdminContext): void {
  const { store, newId, clock } = admin.deps;
  const now = (): Date => new Date(clock.now());

  const appOf = (ctx: Context): App => {
    const id = String(ctx.params.appId);
    const app = store.index.appsById.get(id) ?? store.index.appsByClientId.get(id);
    if (!app) throw notFound(`no app has id "${id}"`);
    return app;
  };
  const serviceUserOf = (ctx: Context): User & { machine: NonNullable<User['machine']> } => {
    const id = String(ctx.params.userId);
    const user = store.index.usersById.get(id);
    if (!user) throw notFound(`no user has id "${id}"`);
    if (!user.machine) throw badRequest(`user "${user.userName}" is a human user; only service users have secrets, keys and tokens`);
    return user as User & { machine: NonNullable<User['machine']> };
  };
  const appIndex = (app: App): number => store.data.apps.findIndex((a) => a.id === app.id);
  const userIndex = (user: User): number => store.data.users.findIndex((u) => u.id === user.id);

  // --- apps ---
  /** POST …/keys: an optional expiry and public key in, AddKeyResultDto (with the key file) out. */
  const addKey = async (
    ctx: Context,
    add: (options: KeyOptions) => Promise<{ key: KeyEntry; keyFile?: ApplicationKeyFile | ServiceAccountKeyFile }>,
  ): Promise<void> => {
    const body = await readJsonObject(ctx, { optional: true });
    checkRevision(ctx, store);
    const expirationDate = optionalString(body, 'expirationDate');
    const publicKey = optionalString(body, 'publicKey');
    const added = await add({
      ...(expirationDate !== undefined && { expirationDate }),
      ...(publicKey !== undefined && { publicKey }),
      newId,
      now: now(),
      source: 'admin',
    });
    const answer: AddKeyResultDto = {
      revision: store.revision,
      key: toKeyDto(added.key),
      ...(added.keyFile && { keyFile: { ...added.keyFile } }),
    };
    ctx.status = 201;
    ctx.body = answer;
  };

  router.post('/apps/:appId/secret', (ctx) => {
    const app = appOf(ctx);
    const method = app.oidc?.authMethod ?? app.api?.authMethod;
    if (method !== 'basic' && method !== 'post') {
      throw badRequest(`app "${app.name}" authenticates with "${method}", which uses no client secret`);
    }
    const clientSecret = generateSecret();
    writeStore(ctx, store, {
      entityPath: `apps[${appIndex(app)}]`,
      change: (draft) => {
        const target = draft.apps.find((a) => a.id === app.id);
        if (target) target.clientSecret = clientSecret;
      },
    });
    const body: SecretResultDto = { revision: store.revision, clientId: app.clientId, clientSecret };
    ctx.body = body;
  });

  router.get('/apps/:appId/keys', (ctx) => {
    ctx.body = appOf(ctx).keys.map(toKeyDto);
  });

  router.post('/apps/:appId/keys', (ctx) => addKey(ctx, (options) => addAppKey(store, appOf(ctx).id, options)));

  router.get('/apps/:appId/keys/:keyId/file', (ctx) => {
    const app = appOf(ctx);
    const key = findKey(app.keys, String(ctx.params.keyId), `app "${app.name}"`);
    if (key.privateKey === undefined) throw badRequest(`key "${key.id}" was uploaded as a public key: there is no key file`);
    sendKeyFile(ctx, buildApplicationKeyFile(app, key));
  });

  router.delete('/apps/:appId/keys/:keyId', (ctx) => {
    const app = appOf(ctx);
    const key = findKey(app.keys, String(ctx.params.keyId), `app "${app.name}"`);
    writeStore(ctx, store, {
      entityPath: `apps[${appIndex(app)}]`,
      change: (draft) => {
        const target = draft.apps.find((a) => a.id === app.id);
        if (target) target.keys = target.keys.filter((k) => k.id !== key.id);
      },
    });
    const answer: WriteResultDto<KeyDto> = { revision: store.revision, entity: toKeyDto(key) };
    ctx.body = answer;
  });

  // --- service users ---
  router.post('/users/:userId/secret', (ctx) => {
    const user = serviceUserOf(ctx);
    const clientSecret = generateSecret();
    writeStore(ctx, store, {
      entityPath: `users[${userIndex(user)}]`,
      change: (draft) => {
        const machine = draft.users.find((u) => u.id === user.id)?.machine;
        if (machine) machine.clientSecret = clientSecret;
      },
    });
    const org = store.index.orgsById.get(user.orgId);
    const [loginName] = loginNamesOf(user, org, store.data.instance.domainPolicy.userLoginMustBeDomain);
    const body: SecretResultDto = { revision: store.revision, clientId: loginName ?? user.userName, clientSecret };
    ctx.body = body;
  });

  router.get('/users/:userId/keys', (ctx) => {
    ctx.body = serviceUserOf(ctx).machine.keys.map(toKeyDto);
  });

  router.post('/users/:userId/keys', (ctx) => addKey(ctx, (options) => addServiceUserKey(store, serviceUserOf(ctx).id, options)));

  router.get('/users/:userId/keys/:keyId/file', (ctx) => {
    const user = serviceUserOf(ctx);
    const key = findKey(user.machine.keys, String(ctx.params.keyId), `user "${user.userName}"`);
    if (key.privateKey === undefined) throw badRequest(`key "${key.id}" was uploaded as a public key: there is no key file`);
    sendKeyFile(ctx, buildServiceAccountKeyFile(user, key));
  });

  router.delete('/users/:userId/keys/:keyId', (ctx) => {
    const user = serviceUserOf(ctx);
    const key = findKey(user.machine.keys, String(ctx.params.keyId), `user "${user.userName}"`);
    writeStore(ctx, store, {
      entityPath: `users[${userIndex(user)}]`,
      change: (draft) => {
        const machine = draft.users.find((u) => u.id === user.id)?.machine;
        if (machine) machine.keys = machine.keys.filter((k) => k.id !== key.id);
      },
    });
    const answer: WriteResultDto<KeyDto> = { revision: store.revision, entity: toKeyDto(key) };
    ctx.body = answer;
  });

  router.get('/users/:userId/pats', (ctx) => {
    ctx.body = serviceUserOf(ctx).machine.personalAccessTokens.map(({ token: _token, ...pat }) => pat);
  });

  router.post('/users/:userId/pats', async (ctx) => {
    const user = serviceUserOf(ctx);
    const body = await readJsonObject(ctx, { optional: true });
    checkRevision(ctx, store);
    const expirationDate = optionalString(body, 'expirationDate');
    const pat = addPersonalAccessToken(store, user.id, { ...(expirationDate !== undefined && { expirationDate }), newId, now: now(), source: 'admin' });
    const answer: PatResultDto = { revision: store.revision, ...pat };
    ctx.status = 201;
    ctx.body = answer;
  });

  router.delete('/users/:userId/pats/:patId', (ctx) => {
    const user = serviceUserOf(ctx);
    const patId = String(ctx.params.patId);
    const pat = user.machine.personalAccessTokens.find((p) => p.id === patId);
    if (!pat) throw notFound(`user "${user.userName}" has no personal access token "${patId}"`);
    writeStore(ctx, store, {
      entityPath: `users[${userIndex(user)}]`,
      change: (draft) => {
        const machine = draft.users.find((u) => u.id === user.id)?.machine;
        if (machine) machine.personalAccessTokens = machine.personalAccessTokens.filter((p) => p.id !== patId);
      },
    });
    const answer: WriteResultDto<{ id: string; expirationDate: string }> = {
      revision: store.revision,
      entity: { id: pat.id, expirationDate: pat.expirationDate },
    };
    ctx.body = answer;
  });
}
