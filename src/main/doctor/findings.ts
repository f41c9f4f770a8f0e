// The relying-party doctor's catalogue: every check it can report, its severity and the section
// of docs/doctor.md that explains it. Findings go on the request's Activity entry and never
// change what the emulator answers (ZITADEL answers the same without saying anything).
import type { DoctorFindingDto } from '../../common/admin-api.js';
import type { ActivityScope } from '../activity/request-activity.js';

const CHECKS = {
  'unknown-scope': 'info',
  'unknown-role-scope': 'warn',
  'unknown-audience-project': 'warn',
  'introspection-inactive': 'warn',
  'public-client-without-pkce': 'warn',
  'pkce-plain': 'warn',
  'missing-state': 'warn',
  'missing-nonce': 'info',
  'id-token-hint-other-client': 'warn',
  'redirect-uri-dev-mode': 'warn',
  'token-expired': 'warn',
  'refresh-token-replay': 'warn',
} as const satisfies Record<string, DoctorFindingDto['severity']>;

export type DoctorCheck = keyof typeof CHECKS;

export const DOCTOR_DOCS = 'docs/doctor.md';

export function buildFinding(check: DoctorCheck, message: string): DoctorFindingDto {
  return { severity: CHECKS[check], code: check, message, docs: `${DOCTOR_DOCS}#${check}` };
}

/** Adds a finding to the request's Activity draft (a no-op for requests that are not recorded). */
export function recordFinding(scope: ActivityScope, check: DoctorCheck, message: string): void {
  const draft = scope.activity;
  if (!draft) return;
  (draft.findings ??= []).push(buildFinding(check, message));
}

/** The log line suffix `serve --doctor` prints: one indented line per finding. */
export function formatFindings(findings: readonly DoctorFindingDto[]): string {
  return findings.map((f) => `\n  doctor ${f.severity}: ${f.message} (${f.docs})`).join('');
}
