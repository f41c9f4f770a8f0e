// Store entity types as the admin API answers them. Types only: the renderer never bundles
// the zod schemas of src/main.
import type { SigningKeyDto } from '../../../common/admin-api';
import type { App, Group, Instance, Org, Project, ProjectGrant, Role, StoreData, User, UserGrant } from '../../../main/store/schema';

export type { App, Group, Instance, Org, Project, ProjectGrant, Role, User, UserGrant };
export type OidcConfig = NonNullable<App['oidc']>;
export type Human = NonNullable<User['human']>;
export type Machine = NonNullable<User['machine']>;
export type KeyEntry = App['keys'][number];
export type Target = StoreData['targets'][number];
export type Execution = StoreData['executions'][number];
export type V1Action = StoreData['actions'][number];
export type Flow = StoreData['flows'][number];

/** GET store's data: private keys left out, signing keys as SigningKeyDto. */
export type StoreView = Omit<StoreData, 'signingKeys'> & { signingKeys: SigningKeyDto[] };
