// An Actions v2 target: its settings, the functions whose executions call it (in order), and a
// test call with a sample payload.
import { useState } from 'react';
import { ADMIN_PATHS, type WriteResultDto } from '../../../../common/admin-api';
import { CopyButton } from '../../components/CopyButton';
import { DeleteZone } from '../../components/DeleteZone';
import { DraftForm, EntityTitle } from '../../components/DraftForm';
import { Check, Field, Select } from '../../components/Field';
import { Problems } from '../../components/Problems';
import { EXECUTION_FUNCTIONS, FUNCTION_LABELS, PAYLOAD_TYPE_LABELS, PAYLOAD_TYPES, TARGET_TYPE_LABELS, TARGET_TYPES } from '../../lib/enums';
import type { Execution, Target } from '../../lib/types';
import { useConsole } from '../../state/ConsoleContext';
import { useAction } from '../../state/useAction';
import { useDraft } from '../../state/useDraft';
import { navigate } from '../../state/useHashRoute';
import { TargetTest } from './TargetTest';

export function TargetForm({ target }: { target: Target }) {
  const { client } = useConsole();
  const d = useDraft<Target>(target, target.id);
  const draft = d.draft ?? target;
  const set = (patch: Partial<Target>) => d.setDraft((t) => ({ ...t, ...patch }));
  return (
    <div className="form-col">
      <DraftForm
        label={`Target ${target.name}`}
        draft={d}
        save={(t, rev) => client.update('targets', target.id, t, rev)}
        footer={<DeleteZone label="Delete target" remove={() => client.remove('targets', target.id)} onDeleted={() => navigate('actions')} />}
      >
        <EntityTitle name={target.name} id={target.id} />
        <Field label="Name" required value={draft.name} onChange={(name) => set({ name })} errors={d.errors.name} />
        <Select
          label="Type"
          value={draft.type}
          options={TARGET_TYPES.map((value) => ({ value, label: TARGET_TYPE_LABELS[value] }))}
          onChange={(type) => set({ type, ...(type === 'async' && { interruptOnError: false }) })}
          errors={d.errors.type}
        />
        <Field
          label="Endpoint"
          required
          mono
          value={draft.endpoint}
          onChange={(endpoint) => set({ endpoint })}
          errors={d.errors.endpoint}
          hint="ZITADEL POSTs the payload here. Local servers are allowed (ZITADEL's default deny list would refuse them)."
        />
        <Field
          label="Timeout (seconds)"
          type="number"
          required
          value={String(draft.timeout)}
          onChange={(v) => set({ timeout: Number(v) })}
          validate={(v) => (Number(v) > 0 && Number(v) <= 270 ? undefined : 'more than 0, at most 270')}
          errors={d.errors.timeout}
          hint="ZITADEL's HTTP client gives up after 30 s whatever the target says."
        />
        <Select
          label="Payload type"
          value={draft.payloadType}
          options={PAYLOAD_TYPES.map((value) => ({ value, label: PAYLOAD_TYPE_LABELS[value] }))}
          onChange={(payloadType) => set({ payloadType })}
          errors={d.errors.payloadType}
        />
        {draft.type !== 'async' && (
          <Check
            label="Interrupt on error"
            checked={draft.interruptOnError}
            onChange={(interruptOnError) => set({ interruptOnError })}
            description="a failed call fails the token, userinfo or introspection request; off: the call is skipped"
            errors={d.errors.interruptOnError}
          />
        )}
        <div className="field">
          <label>Signing key</label>
          <div className="create-row">
            <code className="mono break" data-testid="signing-key">
              {target.signingKey}
            </code>
            <CopyButton text={target.signingKey} title="Copy the signing key" />
          </div>
          <div className="hint">Verify the ZITADEL-Signature header with it: t=&lt;unix&gt;,v1=hex(HMAC-SHA256(key, "&lt;unix&gt;." + body)).</div>
        </div>
      </DraftForm>
      <ExecutionsOf target={target} />
      <TargetTest target={target} />
    </div>
  );
}

/** Checkboxes: which function executions call this target, and where in their order. */
function ExecutionsOf({ target }: { target: Target }) {
  const { store, client } = useConsole();
  const action = useAction();
  // The box shows the click at once; the store answers a moment later.
  const [pending, setPending] = useState<Partial<Record<Execution['function'], boolean>>>({});
  const executions = store?.executions ?? [];
  const listOf = (fn: Execution['function']) => executions.find((e) => e.function === fn)?.targets ?? [];
  const toggle = (fn: Execution['function'], on: boolean) => {
    const list = listOf(fn).filter((id) => id !== target.id);
    setPending((p) => ({ ...p, [fn]: on }));
    void action
      .run(() => client.put<WriteResultDto<Execution>>(ADMIN_PATHS.execution(fn), { targets: on ? [...list, target.id] : list }))
      .finally(() => setPending((p) => ({ ...p, [fn]: undefined })));
  };
  // Targets run in list order; this one can move one place earlier.
  const moveEarlier = (fn: Execution['function']) => {
    const list = [...listOf(fn)];
    const at = list.indexOf(target.id);
    if (at <= 0) return;
    [list[at - 1], list[at]] = [target.id, list[at - 1] ?? ''];
    void action.run(() => client.put<WriteResultDto<Execution>>(ADMIN_PATHS.execution(fn), { targets: list }));
  };
  const nameOf = (id: string) => store?.targets.find((t) => t.id === id)?.name ?? id;
  return (
    <fieldset className="multi" aria-label="Runs for">
      <legend>Runs for (executions on functions)</legend>
      {EXECUTION_FUNCTIONS.map((fn) => {
        const list = listOf(fn);
        const at = list.indexOf(target.id);
        return (
          <div key={fn}>
            <label className="inline">
              <input type="checkbox" checked={pending[fn] ?? at >= 0} disabled={action.busy} onChange={(e) => toggle(fn, e.target.checked)} />
              {FUNCTION_LABELS[fn]}
            </label>
            {at >= 0 && list.length > 1 && <span className="hint"> · order: {list.map(nameOf).join(' → ')}</span>}
            {at > 0 && (
              <button type="button" className="small" disabled={action.busy} onClick={() => moveEarlier(fn)} aria-label={`Run earlier in ${fn}`}>
                ↑ earlier
              </button>
            )}
          </div>
        );
      })}
      <Problems messages={action.error} />
    </fieldset>
  );
}
