// A personal access token belongs to no app, so ZITADEL gives it the roles of whichever
// client's project uses it: one role scope per project role, at introspection and when the
// client exchanges it (access_token.go assertClientScopesForPAT).
import type { Project } from '../../store/schema.js';
import { SCOPE_PROJECT_ROLE_PREFIX } from '../claims/scopes.js';

export function addClientProjectRoleScopes(scopes: readonly string[], project: Project | undefined): string[] {
  return [...scopes, ...(project?.roles ?? []).map((r) => `${SCOPE_PROJECT_ROLE_PREFIX}${r.key}`)];
}
