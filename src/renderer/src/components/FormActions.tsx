import type { ReactNode } from 'react';
// Save / revert under a form, with the result of the last save next to them.
export function FormActions(props: { dirty: boolean; saving: boolean; message?: string | undefined; onRevert: () => void; extra?: ReactNode }) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={props.saving}>
        {props.saving ? 'Saving…' : 'Save'}
      </button>
      <button type="button" onClick={props.onRevert} disabled={!props.dirty || props.saving}>
        Revert
      </button>
      {props.dirty && !props.message && <span className="hint">unsaved changes</span>}
      {props.message && (
        <span className="error" role="alert">
          {props.message}
        </span>
      )}
      {props.extra}
    </div>
  );
}
