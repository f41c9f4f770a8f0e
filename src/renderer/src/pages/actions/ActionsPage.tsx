// Actions: Actions v2 targets (with the functions they run for and a test call) and Actions v1
// scripts (with their Complement Token triggers), one list, one form (zitadel-actions.md).
import { useState } from 'react';
import { Empty } from '../../components/Empty';
import { CreateBar, ListPane, PlaceSelect, useCreate } from '../../components/ListPane';
import type { Target, V1Action } from '../../lib/types';
import { useConsole } from '../../state/ConsoleContext';
import { navigate } from '../../state/useHashRoute';
import { ScriptForm } from './ScriptForm';
import { TargetForm } from './TargetForm';

type Kind = 'target' | 'v1';

/** A new v1 action's script: the function the action's name calls, with ZITADEL's arguments. */
export function scriptTemplate(name: string): string {
  const fn = /^[A-Za-z_$][\w$]*$/.test(name) ? name : 'renameMe';
  return `function ${fn}(ctx, api) {\n  // api.v1.claims.setClaim('key', 'value');\n}\n`;
}

export function ActionsPage({ selectedId }: { selectedId?: string | undefined }) {
  const { store, client } = useConsole();
  const [kind, setKind] = useState<Kind>('target');
  const [orgId, setOrgId] = useState('');
  const targets = store?.targets ?? [];
  const actions = store?.actions ?? [];
  const orgs = store?.orgs ?? [];
  const chosenOrg = orgId || store?.instance.defaultOrgId || '';
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;
  const create = useCreate<Target | V1Action>(
    (name) =>
      kind === 'target'
        ? client.create<Target>('targets', { name, type: 'call', endpoint: 'http://localhost:4000/actions', timeout: 10 })
        : client.create<V1Action>('actions', { name, orgId: chosenOrg, script: scriptTemplate(name) }),
    (entity) => navigate('actions', entity.id),
  );
  const items = [
    ...targets.map((t) => ({ id: t.id, title: t.name, subtitle: t.endpoint, badge: t.type })),
    ...actions.map((a) => ({ id: a.id, title: a.name, subtitle: `v1 script · ${orgName(a.orgId)}`, badge: 'v1' })),
  ];
  const target = targets.find((t) => t.id === selectedId);
  const action = actions.find((a) => a.id === selectedId);
  const fallbackTarget = !target && !action ? targets[0] : undefined;
  const fallbackAction = !target && !action && !fallbackTarget ? actions[0] : undefined;
  const shownTarget = target ?? fallbackTarget;
  const shownAction = action ?? fallbackAction;
  return (
    <div className="editor">
      <ListPane
        label="Actions"
        items={items}
        selectedId={shownTarget?.id ?? shownAction?.id}
        onSelect={(id) => navigate('actions', id)}
        create={
          <CreateBar label={kind === 'target' ? 'New target name' : 'New v1 action name'} placeholder={kind === 'target' ? 'New target name' : 'New v1 action name'} {...create.bar}>
            <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="target">Actions v2 target</option>
              <option value="v1">Actions v1 script</option>
            </select>
            {kind === 'v1' && <PlaceSelect label="Organization" places={orgs} value={chosenOrg} onChange={setOrgId} />}
          </CreateBar>
        }
        empty={
          <Empty title="No actions">
            Create a target (an HTTP endpoint of yours that adds claims before userinfo and JWT access tokens) or a v1 script.
          </Empty>
        }
      />
      {shownTarget ? (
        <TargetForm target={shownTarget} />
      ) : shownAction ? (
        <ScriptForm action={shownAction} />
      ) : (
        <Empty title="Select a target or script" />
      )}
    </div>
  );
}
