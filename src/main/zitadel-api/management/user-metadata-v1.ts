// Management v1 user metadata (reference §6.1): set, bulk set, get, search, remove, bulk
// remove under /management/v1/users/{id}/metadata. Values are base64 bytes on the wire.
import { ManagementService } from '@zitadel/proto/zitadel/management_pb.js';
import type { MetadataJson } from '@zitadel/proto/zitadel/metadata_pb.js';
import type { User } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { notFound } from '../api-error.js';
import { changeDateOf, creationTimeOf } from '../details.js';
import { defineRpc } from '../rpc.js';
import { lengthViolation, metadataValueToStore, metadataValueToWire, throwFirst } from '../user-v2/field-checks.js';
import { matchesText } from '../user-v2/user-queries.js';
import { requireUserInOrg, userInOrg, writeMetadata } from './org-user.js';

function metadataJson(store: Store, user: User, key: string, value: string): MetadataJson {
  const created = creationTimeOf(user.id);
  const changed = changeDateOf(user);
  return {
    details: {
      sequence: String(store.revision),
      ...(created && { creationDate: created.toISOString() }),
      ...(changed && { changeDate: changed.toISOString() }),
      resourceOwner: user.orgId,
    },
    key,
    value: metadataValueToWire(value),
  };
}

const metadataNotFound = () => notFound('Metadata not found', { id: 'META-ncnw3', key: 'Errors.Metadata.NotFound' });
const keysNotFound = () => notFound('One or more keys do not exist', { id: 'META-2nnds', key: 'Errors.Metadata.NotFound' });

export const setUserMetadataV1 = defineRpc({
  method: ManagementService.method.setUserMetadata,
  async run(req, call) {
    throwFirst(lengthViolation('SetUserMetadataRequest', 'Key', req.key, 1, 200), lengthViolation('SetUserMetadataRequest', 'Value', req.value && metadataValueToStore(req.value), 1, 500000));
    const orgId = call.contextOrgId();
    call.require('user.write', orgId, 'interceptor');
    const user = requireUserInOrg(call, req.id, orgId);
    const now = await writeMetadata(call, user.id, (m) => void (m[req.key ?? ''] = metadataValueToStore(req.value ?? '')));
    return { details: { sequence: String(call.deps.store.revision), creationDate: now.toISOString(), resourceOwner: orgId } };
  },
});

export const bulkSetUserMetadataV1 = defineRpc({
  method: ManagementService.method.bulkSetUserMetadata,
  async run(req, call) {
    const orgId = call.contextOrgId();
    call.require('user.write', orgId, 'interceptor');
    const user = requireUserInOrg(call, req.id, orgId);
    const now = await writeMetadata(call, user.id, (m) => {
      for (const { key = '', value = '' } of req.metadata ?? []) m[key] = metadataValueToStore(value);
    });
    return { details: { sequence: String(call.deps.store.revision), changeDate: now.toISOString(), resourceOwner: orgId } };
  },
});

export const getUserMetadataV1 = defineRpc({
  method: ManagementService.method.getUserMetadata,
  async run(req, call) {
    const orgId = call.contextOrgId();
    call.require('user.read', orgId, 'interceptor');
    const user = userInOrg(call, req.id, orgId);
    const value = user?.metadata[req.key ?? ''];
    if (!user || value === undefined) throw metadataNotFound();
    return { metadata: metadataJson(call.deps.store, user, req.key ?? '', value) };
  },
});

export const listUserMetadataV1 = defineRpc({
  method: ManagementService.method.listUserMetadata,
  async run(req, call) {
    const orgId = call.contextOrgId();
    call.require('user.read', orgId, 'interceptor');
    const user = userInOrg(call, req.id, orgId);
    const queries = req.queries ?? [];
    const entries = user
      ? Object.entries(user.metadata).filter(([key]) => queries.every((q) => !q.keyQuery || matchesText(key, q.keyQuery.key ?? '', q.keyQuery.method)))
      : [];
    const offset = Number(req.query?.offset ?? 0);
    const limit = req.query?.limit ?? 0;
    const store = call.deps.store;
    return {
      details: { totalResult: String(entries.length), processedSequence: String(store.revision), viewTimestamp: call.now().toISOString() },
      result: user ? entries.slice(offset, limit > 0 ? offset + limit : undefined).map(([k, v]) => metadataJson(store, user, k, v)) : [],
    };
  },
});

export const removeUserMetadataV1 = defineRpc({
  method: ManagementService.method.removeUserMetadata,
  async run(req, call) {
    const orgId = call.contextOrgId();
    call.require('user.write', orgId, 'interceptor');
    const user = requireUserInOrg(call, req.id, orgId);
    if (user.metadata[req.key ?? ''] === undefined) throw metadataNotFound();
    const now = await writeMetadata(call, user.id, (m) => void delete m[req.key ?? '']);
    return { details: { sequence: String(call.deps.store.revision), changeDate: now.toISOString(), resourceOwner: orgId } };
  },
});

export const bulkRemoveUserMetadataV1 = defineRpc({
  method: ManagementService.method.bulkRemoveUserMetadata,
  async run(req, call) {
    const orgId = call.contextOrgId();
    call.require('user.write', orgId, 'interceptor');
    const user = requireUserInOrg(call, req.id, orgId);
    const keys = req.keys ?? [];
    if (keys.some((k) => user.metadata[k] === undefined)) throw keysNotFound();
    const now = await writeMetadata(call, user.id, (m) => {
      for (const k of keys) delete m[k];
    });
    return { details: { sequence: String(call.deps.store.revision), changeDate: now.toISOString(), resourceOwner: orgId } };
  },
});
