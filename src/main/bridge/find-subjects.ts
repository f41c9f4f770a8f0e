// How the test bridge finds the user and the app a test names: a user by id, login name or user
// name; an app by client id, id or name. Unknown names throw a BridgeError naming the field.
import type { App, User } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { BridgeError } from './bridge-error.js';

export function findUser(store: Store, nameOrId: string): User {
  const { usersById, usersByLoginName } = store.index;
  const user = usersById.get(nameOrId) ?? usersByLoginName.get(nameOrId.toLowerCase()) ?? store.data.users.find((u) => u.userName === nameOrId);
  if (!user) throw new BridgeError(`no user "${nameOrId}" (give a user name, login name or id)`, 'user');
  return user;
}

export function findOidcApp(store: Store, nameOrClientId: string): App {
  const { appsByClientId, appsById } = store.index;
  const app = appsByClientId.get(nameOrClientId) ?? appsById.get(nameOrClientId) ?? store.data.apps.find((a) => a.name === nameOrClientId);
  if (!app) throw new BridgeError(`no app "${nameOrClientId}" (give a client id or an app name)`, 'client');
  if (!app.oidc) throw new BridgeError(`app "${app.name}" is an API app: only OIDC apps get tokens for a user`, 'client');
  return app;
}
