// An Actions v1 script: name (the function called), timeout, allowedToFail, state, the script
// in the editor (syntax checked before saving), and the Complement Token triggers running it.
import { useState } from 'react';
import { ADMIN_PATHS, type WriteResultDto } from '../../../../common/admin-api';
import { DeleteZone } from '../../components/DeleteZone';
import { DraftForm, EntityTitle } from '../../components/DraftForm';
import { StateSelect } from '../../components/EnumSelects';
import { Check, Field } from '../../components/Field';
import { Problems } from '../../components/Problems';
import { ScriptEditor, useScriptCheck } from '../../components/ScriptEditor';
import { FLOW_TRIGGERS, TRIGGER_LABELS } from '../../lib/enums';
import type { Flow, V1Action } from '../../lib/types';
import { useConsole } from '../../state/ConsoleContext';
import { useAction } from '../../state/useAction';
import { useDraft } from '../../state/useDraft';
import { navigate } from '../../state/useHashRoute';

export function ScriptForm({ action }: { action: V1Action }) {
  const { client, store } = useConsole();
  const d = useDraft<V1Action>(action, action.id);
  const draft = d.draft ?? action;
  const set = (patch: Partial<V1Action>) => d.setDraft((a) => ({ ...a, ...patch }));
  const syntaxError = useScriptCheck(draft.script);
  const functionMissing = !new RegExp(`function\\s+${draft.name.replace(/[^\w$]/g, '\\$&')}\\s*\\(`).test(draft.script);
  const org = store?.orgs.find((o) => o.id === action.orgId);
  return (
    <div className="form-col">
      <DraftForm
        label={`Script ${action.name}`}
        draft={d}
        save={(a, rev) => client.update('actions', action.id, a, rev)}
        footer={<DeleteZone label="Delete script" remove={() => client.remove('actions', action.id)} onDeleted={() => navigate('actions')} />}
      >
        <EntityTitle name={action.name} id={action.id}>
          <span className="badge">v1 · {org?.name ?? action.orgId}</span>
        </EntityTitle>
        <Field
          label="Name"
          required
          mono
          value={draft.name}
          onChange={(name) => set({ name })}
          errors={d.errors.name}
          hint="ZITADEL calls the script's function of exactly this name as name(ctx, api)."
        />
        <Field
          label="Timeout (seconds)"
          type="number"
          value={String(draft.timeout)}
          onChange={(v) => set({ timeout: Number(v) })}
          validate={(v) => (Number(v) >= 0 && Number(v) <= 20 ? undefined : '0 to 20 (0 means 20)')}
          errors={d.errors.timeout}
          hint="0 (or 20) means ZITADEL's maximum of 20 s; a script still running then is stopped."
        />
        <Check
          label="Allowed to fail"
          checked={draft.allowedToFail}
          onChange={(allowedToFail) => set({ allowedToFail })}
          description="an error or timeout keeps the claims set so far; off: the request fails with server_error"
          errors={d.errors.allowedToFail}
        />
        <StateSelect value={draft.state} onChange={(state) => set({ state })} errors={d.errors.state} />
        <ScriptEditor label="Script" value={draft.script} onChange={(script) => set({ script })} syntaxError={syntaxError} errors={d.errors.script} />
        {!syntaxError && functionMissing && <div className="hint">⚠ No function named "{draft.name}": the action would fail with "function not found".</div>}
      </DraftForm>
      <TriggersOf action={action} flows={store?.flows ?? []} actions={store?.actions ?? []} />
    </div>
  );
}

/** Checkboxes: which Complement Token triggers of the action's org run it. */
function TriggersOf({ action, flows, actions }: { action: V1Action; flows: Flow[]; actions: V1Action[] }) {
  const { client } = useConsole();
  const run = useAction();
  // The box shows the click at once; the store answers a moment later.
  const [pending, setPending] = useState<Partial<Record<Flow['trigger'], boolean>>>({});
  const listOf = (trigger: Flow['trigger']) => flows.find((f) => f.orgId === action.orgId && f.trigger === trigger)?.actionIds ?? [];
  const toggle = (trigger: Flow['trigger'], on: boolean) => {
    const list = listOf(trigger).filter((id) => id !== action.id);
    setPending((p) => ({ ...p, [trigger]: on }));
    void run
      .run(() => client.put<WriteResultDto<Flow>>(ADMIN_PATHS.flow(action.orgId, trigger), { actionIds: on ? [...list, action.id] : list }))
      .finally(() => setPending((p) => ({ ...p, [trigger]: undefined })));
  };
  // Actions run in the flow's order; this one can move one place earlier.
  const moveEarlier = (trigger: Flow['trigger']) => {
    const list = [...listOf(trigger)];
    const at = list.indexOf(action.id);
    if (at <= 0) return;
    [list[at - 1], list[at]] = [action.id, list[at - 1] ?? ''];
    void run.run(() => client.put<WriteResultDto<Flow>>(ADMIN_PATHS.flow(action.orgId, trigger), { actionIds: list }));
  };
  const nameOf = (id: string) => actions.find((a) => a.id === id)?.name ?? id;
  return (
    <fieldset className="multi" aria-label="Triggers">
      <legend>Complement Token flow</legend>
      {FLOW_TRIGGERS.map((trigger) => {
        const list = listOf(trigger);
        const at = list.indexOf(action.id);
        return (
          <div key={trigger}>
            <label className="inline">
              <input type="checkbox" checked={pending[trigger] ?? at >= 0} disabled={run.busy} onChange={(e) => toggle(trigger, e.target.checked)} />
              {TRIGGER_LABELS[trigger]}
            </label>
            {at >= 0 && list.length > 1 && <span className="hint"> · order: {list.map(nameOf).join(' → ')}</span>}
            {at > 0 && (
              <button type="button" className="small" disabled={run.busy} onClick={() => moveEarlier(trigger)} aria-label={`Run earlier in ${trigger}`}>
                ↑ earlier
              </button>
            )}
          </div>
        );
      })}
      <Problems messages={run.error} />
    </fieldset>
  );
}
