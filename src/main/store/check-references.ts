// Cross-reference rules the schema alone cannot express: unique ids, client ids and login
// names, and that every orgId / projectId / userId / role key names something that exists.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { checkActionReferences } from './check-action-references.js';
import { checkGroupReferences } from './check-group-references.js';
import type { StoreData } from './schema.js';
import type { StoreProblem } from './store-error.js';

export function checkReferences(data: StoreData): StoreProblem[] {
  const problems: StoreProblem[] = [];
  const report = (where: string, message: string): void => {
    problems.push({ where, message });
  };

  // ZITADEL ids are instance-wide snowflakes, so one id namespace covers every entity.
  const ids = new Map<string, string>();
  const claimId = (id: string, where: string): void => {
    const first = ids.get(id);
    if (first) report(`${where}.id`, `id "${id}" is already used by ${first}`);
    else ids.set(id, where);
  };

  const orgs = new Map(data.orgs.map((o) => [o.id, o]));
  const domains = new Map<string, string>();
  data.orgs.forEach((org, i) => {
    claimId(org.id, `orgs[${i}]`);
    const domain = org.primaryDomain.toLowerCase();
    const first = domains.get(domain);
    if (first) report(`orgs[${i}].primaryDomain`, `domain "${org.primaryDomain}" is already the primary domain of ${first}`);
    else domains.set(domain, `orgs[${i}]`);
  });
  if (!orgs.has(data.instance.defaultOrgId)) {
    report('instance.defaultOrgId', `no org has id "${data.instance.defaultOrgId}"`);
  }

  const projects = new Map(data.projects.map((p) => [p.id, p]));
  data.projects.forEach((project, i) => {
    claimId(project.id, `projects[${i}]`);
    if (!orgs.has(project.orgId)) report(`projects[${i}].orgId`, `no org has id "${project.orgId}"`);
    const keys = new Set<string>();
    project.roles.forEach((role, r) => {
      if (keys.has(role.key)) report(`projects[${i}].roles[${r}].key`, `role key "${role.key}" is already defined in this project`);
      keys.add(role.key);
    });
  });

  const clientIds = new Map<string, string>();
  data.apps.forEach((app, i) => {
    claimId(app.id, `apps[${i}]`);
    if (!projects.has(app.projectId)) report(`apps[${i}].projectId`, `no project has id "${app.projectId}"`);
    const first = clientIds.get(app.clientId);
    if (first) report(`apps[${i}].clientId`, `clientId "${app.clientId}" is already used by ${first}`);
    else clientIds.set(app.clientId, `apps[${i}]`);
    app.keys.forEach((key, k) => claimId(key.id, `apps[${i}].keys[${k}]`));
  });

  // Without userLoginMustBeDomain the login name is the bare user name, so ZITADEL keeps user
  // names unique across the instance (reference §3.5); with it, unique within each org.
  const instanceWide = !data.instance.domainPolicy.userLoginMustBeDomain;
  const userNames = new Map<string, string>();
  const patTokens = new Map<string, string>();
  const users = new Map(data.users.map((u) => [u.id, u]));
  data.users.forEach((user, i) => {
    claimId(user.id, `users[${i}]`);
    const org = orgs.get(user.orgId);
    if (!org) report(`users[${i}].orgId`, `no org has id "${user.orgId}"`);
    const nameKey = instanceWide ? user.userName.toLowerCase() : `${user.orgId}/${user.userName.toLowerCase()}`;
    const first = userNames.get(nameKey);
    if (first) {
      const scope = instanceWide ? 'in this instance' : `in org ${org?.name ?? user.orgId}`;
      report(`users[${i}].userName`, `user name "${user.userName}" is already used ${scope} by ${first}`);
    } else userNames.set(nameKey, `users[${i}]`);
    user.machine?.keys.forEach((key, k) => claimId(key.id, `users[${i}].machine.keys[${k}]`));
    user.machine?.personalAccessTokens.forEach((pat, k) => {
      const where = `users[${i}].machine.personalAccessTokens[${k}]`;
      claimId(pat.id, where);
      const first = patTokens.get(pat.token);
      if (first) report(`${where}.token`, `this token is already used by ${first}`);
      else patTokens.set(pat.token, where);
    });
  });

  const projectGrants = new Map(data.projectGrants.map((g) => [g.id, g]));
  data.projectGrants.forEach((grant, i) => {
    const where = `projectGrants[${i}]`;
    claimId(grant.id, where);
    const project = projects.get(grant.projectId);
    if (!project) return report(`${where}.projectId`, `no project has id "${grant.projectId}"`);
    if (!orgs.has(grant.grantedOrgId)) report(`${where}.grantedOrgId`, `no org has id "${grant.grantedOrgId}"`);
    else if (grant.grantedOrgId === project.orgId) report(`${where}.grantedOrgId`, `project "${project.name}" already belongs to this org`);
    const roleKeys = new Set(project.roles.map((r) => r.key));
    grant.roleKeys.forEach((key, k) => {
      if (!roleKeys.has(key)) report(`${where}.roleKeys[${k}]`, `project "${project.name}" has no role "${key}"`);
    });
  });

  data.userGrants.forEach((grant, i) => {
    claimId(grant.id, `userGrants[${i}]`);
    if (!users.has(grant.userId)) report(`userGrants[${i}].userId`, `no user has id "${grant.userId}"`);
    const project = projects.get(grant.projectId);
    if (!project) {
      report(`userGrants[${i}].projectId`, `no project has id "${grant.projectId}"`);
      return;
    }
    // Through a project grant, only the roles shared with the granted org may be given.
    const projectGrant = grant.projectGrantId === undefined ? undefined : projectGrants.get(grant.projectGrantId);
    if (grant.projectGrantId !== undefined && projectGrant?.projectId !== grant.projectId) {
      report(`userGrants[${i}].projectGrantId`, `no project grant "${grant.projectGrantId}" of project "${project.name}"`);
      return;
    }
    const roleKeys = new Set(projectGrant ? projectGrant.roleKeys : project.roles.map((r) => r.key));
    grant.roleKeys.forEach((key, k) => {
      if (roleKeys.has(key)) return;
      const message = projectGrant
        ? `project grant "${projectGrant.id}" does not share role "${key}"`
        : `project "${project.name}" has no role "${key}"`;
      report(`userGrants[${i}].roleKeys[${k}]`, message);
    });
  });

  checkGroupReferences(data, { claimId, report });

  const active = data.signingKeys.filter((k) => k.active).length;
  if (data.signingKeys.length > 0 && active !== 1) {
    report('signingKeys', `exactly one signing key must be active, found ${active}`);
  }
  data.signingKeys.forEach((key, i) => {
    claimId(key.id, `signingKeys[${i}]`);
    checkRsaPem('public', key.publicKey, `signingKeys[${i}].publicKey`, report);
    checkRsaPem('private', key.privateKey, `signingKeys[${i}].privateKey`, report);
  });
  checkActionReferences(data, { report, claimId });

  return problems;
}

/** PEMs already read successfully: validation runs on every store change, parsing costs ~0.2 ms. */
const readablePems = new Set<string>();

/**
 * An unreadable signing key used to load fine and then fail every JWKS request with a 500;
 * it is refused with the file instead (DESIGN §4: say where and what is wrong).
 */
function checkRsaPem(kind: 'public' | 'private', pem: string, where: string, report: (where: string, message: string) => void): void {
  if (readablePems.has(pem)) return;
  let type: string | undefined;
  try {
    type = (kind === 'public' ? createPublicKey(pem) : createPrivateKey(pem)).asymmetricKeyType;
  } catch {
    return report(where, `not a readable ${kind} key in PEM format`);
  }
  if (type !== 'rsa') return report(where, `must be an RSA key (RS256), found ${type ?? 'unknown'}`);
  readablePems.add(pem);
}
