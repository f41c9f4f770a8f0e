// A human user: profile, email, phone, password, metadata, grants.
import { DeleteZone } from '../../components/DeleteZone';
import { DraftForm, EntityTitle } from '../../components/DraftForm';
import { StateSelect } from '../../components/EnumSelects';
import { Check, Field, Select } from '../../components/Field';
import { GENDERS } from '../../lib/enums';
import type { Human, User } from '../../lib/types';
import { useConsole } from '../../state/ConsoleContext';
import { errorsUnder, useDraft } from '../../state/useDraft';
import { navigate } from '../../state/useHashRoute';
import { MetadataEditor } from './MetadataEditor';
import { UserGrants } from './UserGrants';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function HumanForm({ user }: { user: User }) {
  const { client, store } = useConsole();
  const d = useDraft<User>(user, user.id);
  const draft = d.draft ?? user;
  const human = draft.human as Human;
  const e = d.errors;
  const set = (patch: Partial<User>) => d.setDraft((u) => ({ ...u, ...patch }));
  const setHuman = (patch: Partial<Human>) => d.setDraft((u) => ({ ...u, human: { ...(u.human as Human), ...patch } }));
  const profile = (patch: Partial<Human['profile']>) => setHuman({ profile: { ...human.profile, ...patch } });
  const org = store?.orgs.find((o) => o.id === user.orgId);
  return (
    <div className="form-col">
      <DraftForm label={`User ${user.userName}`} draft={d} save={(u, rev) => client.update('users', user.id, u, rev)}>
        <EntityTitle name={user.userName} id={user.id}>
          <span className="hint">{org ? `@${org.primaryDomain}` : ''}</span>
        </EntityTitle>
        <div className="row2">
          <Field label="User name" required mono value={draft.userName} onChange={(userName) => set({ userName })} errors={e.userName} hint="what the user types on the login page" />
          <StateSelect value={draft.state} onChange={(state) => set({ state })} />
        </div>
        <fieldset>
          <legend>Profile</legend>
          <div className="row2">
            <Field label="Given name" value={human.profile.givenName} onChange={(givenName) => profile({ givenName })} errors={e['human.profile.givenName']} />
            <Field label="Family name" value={human.profile.familyName} onChange={(familyName) => profile({ familyName })} errors={e['human.profile.familyName']} />
          </div>
          <div className="row2">
            <Field label="Display name" value={human.profile.displayName} onChange={(displayName) => profile({ displayName })} errors={e['human.profile.displayName']} />
            <Field label="Nickname" value={human.profile.nickName} onChange={(nickName) => profile({ nickName })} />
          </div>
          <div className="row2">
            <Field label="Preferred language" value={human.profile.preferredLanguage} placeholder="en" onChange={(preferredLanguage) => profile({ preferredLanguage })} errors={e['human.profile.preferredLanguage']} />
            <Select label="Gender" value={human.profile.gender} options={GENDERS} onChange={(gender) => profile({ gender })} />
          </div>
        </fieldset>
        <fieldset>
          <legend>Contact</legend>
          <div className="row2">
            <Field
              label="Email"
              type="email"
              value={human.email.email}
              onChange={(email) => setHuman({ email: { ...human.email, email } })}
              validate={(v) => (v && !EMAIL.test(v) ? 'not an email address' : undefined)}
              errors={errorsUnder(e, 'human.email')}
            />
            <Check label="Email verified" checked={human.email.isVerified} onChange={(isVerified) => setHuman({ email: { ...human.email, isVerified } })} description="email_verified: false is omitted from tokens" />
          </div>
          <div className="row2">
            <Field label="Phone" type="tel" value={human.phone.phone} placeholder="+41 79 123 45 67" onChange={(phone) => setHuman({ phone: { ...human.phone, phone } })} errors={errorsUnder(e, 'human.phone')} />
            <Check label="Phone verified" checked={human.phone.isVerified} onChange={(isVerified) => setHuman({ phone: { ...human.phone, isVerified } })} />
          </div>
        </fieldset>
        <Field
          label="Password"
          type="text"
          mono
          value={human.password}
          onChange={(password) => setHuman({ password })}
          errors={e['human.password']}
          hint={human.password ? 'stored as typed: these are fake test identities' : 'empty: this user cannot log in with a password'}
        />
        <MetadataEditor value={draft.metadata} onChange={(metadata) => set({ metadata })} errors={errorsUnder(e, 'metadata')} />
      </DraftForm>
      <UserGrants userId={user.id} />
      <DeleteZone label="Delete user" remove={() => client.remove('users', user.id)} onDeleted={() => navigate('users')} />
    </div>
  );
}
