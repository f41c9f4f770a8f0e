// Doctor checks on requested scopes (reference §1.2, §2): ZITADEL drops unknown scopes and role
// scopes naming no role of the app's project without a word, and takes any project id in an
// aud scope into the audience, existing or not.
import type { Project } from '../store/schema.js';
import type { StoreIndex } from '../store/store-index.js';
import type { ActivityScope } from '../activity/request-activity.js';
import { readAudProjectOfScope, readRoleKeyOfScope, ZITADEL_PROJECT_ALIAS } from '../oidc/claims/scopes.js';
import { recordFinding } from './findings.js';

export function checkScopes(
  scope: ActivityScope,
  index: StoreIndex,
  requested: readonly string[],
  kept: readonly string[],
  project: Project | undefined,
): void {
  if (!scope.activity) return;
  for (const s of requested) {
    if (kept.includes(s)) continue;
    if (readRoleKeyOfScope(s) !== undefined) {
      recordFinding(scope, 'unknown-role-scope', `role scope "${s}" names no role of project "${project?.name ?? '?'}"; ZITADEL drops it silently`);
    } else {
      recordFinding(scope, 'unknown-scope', `scope "${s}" is not one ZITADEL knows; it was dropped silently`);
    }
  }
  for (const s of kept) {
    const projectId = readAudProjectOfScope(s);
    if (projectId === undefined || projectId === ZITADEL_PROJECT_ALIAS || index.projectsById.has(projectId)) continue;
    recordFinding(
      scope,
      'unknown-audience-project',
      `scope "${s}" names project ${projectId}, which does not exist; ZITADEL puts the id in the audience anyway, but no API of that project can introspect the token`,
    );
  }
}
