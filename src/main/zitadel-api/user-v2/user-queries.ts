// The SearchQuery tree of ListUsers (reference §5.3): text methods, and/or/not, at most 20 levels.
import type { TextQueryMethodJson } from '@zitadel/proto/zitadel/object/v2/object_pb.js';
import type { SearchQueryJson } from '@zitadel/proto/zitadel/user/v2/query_pb.js';
import type { User } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { invalidArgument } from '../api-error.js';
import { loginNamesForApi } from './user-json.js';

const MAX_NESTING = 20;

export function matchesText(value: string, wanted: string, method: TextQueryMethodJson | number | undefined): boolean {
  const name = typeof method === 'string' ? method : 'TEXT_QUERY_METHOD_EQUALS';
  const ignoreCase = name.endsWith('_IGNORE_CASE');
  const v = ignoreCase ? value.toLowerCase() : value;
  const w = ignoreCase ? wanted.toLowerCase() : wanted;
  if (name.startsWith('TEXT_QUERY_METHOD_STARTS_WITH')) return v.startsWith(w);
  if (name.startsWith('TEXT_QUERY_METHOD_CONTAINS')) return v.includes(w);
  if (name.startsWith('TEXT_QUERY_METHOD_ENDS_WITH')) return v.endsWith(w);
  return v === w;
}

export function matchesUserQuery(store: Store, user: User, q: SearchQueryJson, depth: number): boolean {
  if (depth > MAX_NESTING) throw invalidArgument('Too many query nesting levels (Max 20)');
  const p = user.human?.profile;
  if (q.userNameQuery) return matchesText(user.userName, q.userNameQuery.userName ?? '', q.userNameQuery.method);
  if (q.firstNameQuery) return matchesText(p?.givenName ?? '', q.firstNameQuery.firstName ?? '', q.firstNameQuery.method);
  if (q.lastNameQuery) return matchesText(p?.familyName ?? '', q.lastNameQuery.lastName ?? '', q.lastNameQuery.method);
  if (q.nickNameQuery) return matchesText(p?.nickName ?? '', q.nickNameQuery.nickName ?? '', q.nickNameQuery.method);
  if (q.displayNameQuery) return matchesText(p?.displayName ?? user.machine?.name ?? '', q.displayNameQuery.displayName ?? '', q.displayNameQuery.method);
  if (q.emailQuery) return matchesText(user.human?.email.email ?? '', q.emailQuery.emailAddress ?? '', q.emailQuery.method);
  if (q.phoneQuery) return matchesText(user.human?.phone.phone ?? '', q.phoneQuery.number ?? '', q.phoneQuery.method);
  if (q.stateQuery) return (user.state === 'active' ? 'USER_STATE_ACTIVE' : 'USER_STATE_INACTIVE') === q.stateQuery.state;
  if (q.typeQuery) return (user.human ? 'TYPE_HUMAN' : 'TYPE_MACHINE') === q.typeQuery.type;
  if (q.loginNameQuery) {
    const { loginName = '', method } = q.loginNameQuery;
    return loginNamesForApi(store, user).some((n) => matchesText(n, loginName, method));
  }
  if (q.inUserIdsQuery) return (q.inUserIdsQuery.userIds ?? []).includes(user.id);
  if (q.inUserEmailsQuery) return (q.inUserEmailsQuery.userEmails ?? []).includes(user.human?.email.email ?? '');
  if (q.organizationIdQuery) return user.orgId === q.organizationIdQuery.organizationId;
  if (q.orQuery) return (q.orQuery.queries ?? []).some((sub) => matchesUserQuery(store, user, sub, depth + 1));
  if (q.andQuery) return (q.andQuery.queries ?? []).every((sub) => matchesUserQuery(store, user, sub, depth + 1));
  if (q.notQuery) return q.notQuery.query === undefined || !matchesUserQuery(store, user, q.notQuery.query, depth + 1);
  return true;
}
