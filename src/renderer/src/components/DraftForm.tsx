// An entity's edit form: submitting saves the draft (If-Match with its base revision), Save /
// Revert close the fields; `footer` holds what follows them inside the form.
import type { ReactNode } from 'react';
import type { Draft } from '../state/useDraft';
import { FormActions } from './FormActions';

export function DraftForm<T>(props: { label: string; draft: Draft<T>; save: (value: T, baseRevision: number) => Promise<unknown>; children: ReactNode; footer?: ReactNode }) {
  const d = props.draft;
  return (
    <form
      className="form"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        void d.save(props.save);
      }}
    >
      {props.children}
      <FormActions dirty={d.dirty} saving={d.saving} message={d.message} onRevert={d.revert} />
      {props.footer}
    </form>
  );
}

/** An entity form's heading: its name, tags, and its id. */
export function EntityTitle({ name, id, children }: { name: string; id: string; children?: ReactNode }) {
  return (
    <h2>
      {name} {children} <code className="hint">{id}</code>
    </h2>
  );
}
