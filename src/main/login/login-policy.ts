// Whether a user may finish a given login: active human, in the org an org scope names, and
// passing the project's role and project checks (reference §10 projectRoleCheck, hasProjectCheck).
// Messages are the ones ZITADEL's login page shows.
import type { App, User } from '../store/schema.js';
import type { StoreIndex } from '../store/store-index.js';
import type { AuthRequest } from '../oidc/state/state-types.js';

export const USER_NOT_FOUND = 'User could not be found';
export const USER_INACTIVE = 'User is not active';
const GRANT_REQUIRED = 'Login not possible. The user is required to have at least one grant on the application. Please contact your administrator.';
const PROJECT_REQUIRED = 'Login not possible. The organization of the user must be granted to the project. Please contact your administrator.';

/** The users that can be found for this login: active humans, of the requested org if any. */
export function isLoginCandidate(user: User, request: AuthRequest, index: StoreIndex): boolean {
  if (!user.human) return false;
  if (request.orgId !== undefined && user.orgId !== request.orgId) return false;
  return index.orgsById.get(user.orgId)?.state === 'active';
}

/** Undefined when the user may log in to `app`; otherwise the message for the login page. */
export function checkLoginAllowed(user: User, app: App, index: StoreIndex): string | undefined {
  if (user.state !== 'active') return USER_INACTIVE;
  const project = index.projectsById.get(app.projectId);
  if (!project) return undefined;
  if (project.hasProjectCheck && user.orgId !== project.orgId) {
    // The user's org must own the project or have been granted it.
    const granted = (index.projectGrantsByProjectId.get(project.id) ?? []).some((g) => g.grantedOrgId === user.orgId && g.state === 'active');
    if (!granted) return PROJECT_REQUIRED;
  }
  if (project.projectRoleCheck) {
    const grants = index.grantsByUserId.get(user.id) ?? [];
    if (!grants.some((g) => g.projectId === project.id && g.state === 'active')) return GRANT_REQUIRED;
  }
  return undefined;
}
