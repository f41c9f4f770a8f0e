// The zitadel.management.v1.ManagementService methods the emulator serves (reference §6).
import type { Rpc } from '../rpc.js';
import { addUserGrant } from './add-user-grant.js';
import { listUserGrants } from './list-user-grants.js';
import { removeUserGrant } from './remove-user-grant.js';
import { updateUserGrant } from './update-user-grant.js';
import {
  bulkRemoveUserMetadataV1,
  bulkSetUserMetadataV1,
  getUserMetadataV1,
  listUserMetadataV1,
  removeUserMetadataV1,
  setUserMetadataV1,
} from './user-metadata-v1.js';

export const MANAGEMENT_RPCS: readonly Rpc[] = [
  addUserGrant,
  listUserGrants,
  updateUserGrant,
  removeUserGrant,
  setUserMetadataV1,
  bulkSetUserMetadataV1,
  getUserMetadataV1,
  listUserMetadataV1,
  removeUserMetadataV1,
  bulkRemoveUserMetadataV1,
];
