// ZITADEL's administrator role names (reference zitadel-user-api §2.3), shared by the store
// schema and the console (which must not bundle zod): IAM_* on the instance, ORG_* on an org.
export const INSTANCE_MEMBER_ROLES = ['IAM_OWNER', 'IAM_OWNER_VIEWER', 'IAM_ORG_MANAGER', 'IAM_USER_MANAGER'] as const;
export const ORG_MEMBER_ROLES = [
  'ORG_OWNER',
  'ORG_OWNER_VIEWER',
  'ORG_USER_MANAGER',
  'ORG_USER_PERMISSION_EDITOR',
  'ORG_PROJECT_PERMISSION_EDITOR',
] as const;
