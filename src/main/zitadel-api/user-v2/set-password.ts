// SetPassword — POST /v2/users/{user_id}/password (reference §5.7). With `currentPassword` the
// old one must match; without verification the caller needs user.write on the user's org.
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import type { User } from '../../store/schema.js';
import { invalidArgument, unimplemented } from '../api-error.js';
import { changeDetails } from '../details.js';
import { defineRpc } from '../rpc.js';
import { checkPasswordPolicy, embeddedViolation, lengthViolation, requiredViolation, throwFirst } from './field-checks.js';
import { requireOnUser } from './find-user.js';

export function checkCurrentPassword(user: User, current: string): void {
  if (user.human?.password !== current) {
    // The emulator does not lock users, so the attempt count stays at one.
    throw invalidArgument('Password is invalid', { id: 'COMMAND-3M0fs', key: 'Errors.User.Password.Invalid', failedAttempts: 1 });
  }
}

export const setPassword = defineRpc({
  method: UserService.method.setPassword,
  async run(req, call) {
    throwFirst(
      lengthViolation('SetPasswordRequest', 'UserId', req.userId, 1, 200),
      req.newPassword === undefined ? requiredViolation('SetPasswordRequest', 'NewPassword') : undefined,
      req.newPassword && embeddedViolationOrUndefined(lengthViolation('Password', 'Password', req.newPassword.password, 1, 200)),
    );
    const user = call.deps.store.index.usersById.get(req.userId ?? '');
    if (!user?.human) throw invalidArgument('Password not found', { id: 'COMMAND-G8dh3', key: 'Errors.User.Password.NotFound' });
    if (req.verificationCode !== undefined) throw unimplemented('verificationCode is not emulated: send currentPassword, or no verification with user.write');
    if (req.currentPassword !== undefined) checkCurrentPassword(user, req.currentPassword);
    else requireOnUser(call, 'user.write', user);
    const password = req.newPassword?.password ?? '';
    if (password === user.human.password) {
      throw invalidArgument('New password cannot be the same as your current password', { id: 'COMMAND-Aesh5', key: 'Errors.User.Password.NotChanged' });
    }
    checkPasswordPolicy(password);
    const now = call.now();
    await call.commit((draft) => {
      const stored = draft.users.find((u) => u.id === user.id);
      if (stored?.human) Object.assign(stored, { updatedAt: Math.floor(now.getTime() / 1000), human: { ...stored.human, password } });
    });
    return { details: changeDetails(call.deps.store, user.orgId, now) };
  },
});

function embeddedViolationOrUndefined(inner: string | undefined): string | undefined {
  return inner === undefined ? undefined : embeddedViolation('SetPasswordRequest', 'NewPassword', inner);
}
