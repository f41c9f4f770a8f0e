// The zitadel.user.v2.UserService methods the emulator serves (reference §5); the others answer
// `unimplemented`.
import type { Rpc } from '../rpc.js';
import { addHumanUser } from './add-human-user.js';
import { createUser } from './create-user.js';
import { deactivateUser } from './deactivate-user.js';
import { deleteUser } from './delete-user.js';
import { deleteUserMetadata } from './delete-user-metadata.js';
import { getUserById } from './get-user-by-id.js';
import { listUserMetadata } from './list-user-metadata.js';
import { listUsers } from './list-users.js';
import { reactivateUser } from './reactivate-user.js';
import { setPassword } from './set-password.js';
import { setUserMetadata } from './set-user-metadata.js';
import { updateHumanUser } from './update-human-user.js';

export const USER_V2_RPCS: readonly Rpc[] = [
  createUser,
  addHumanUser,
  getUserById,
  listUsers,
  updateHumanUser,
  deactivateUser,
  reactivateUser,
  deleteUser,
  setPassword,
  setUserMetadata,
  listUserMetadata,
  deleteUserMetadata,
];
