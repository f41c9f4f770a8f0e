// Save / revert under a form, with the result of the last save next to them. After a refused
// save, the first field with an error scrolls into view.
import { useEffect, useRef, type ReactNode } from 'react';
import { Problems } from './Problems';

export function FormActions(props: { dirty: boolean; saving: boolean; message?: string | undefined; onRevert: () => void; extra?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!props.message) return;
    const invalid = ref.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.scrollIntoView({ block: 'center' });
  }, [props.message]);
  return (
    <div className="actions" ref={ref}>
      <button type="submit" className="primary" disabled={props.saving}>
        {props.saving ? 'Saving…' : 'Save'}
      </button>
      <button type="button" onClick={props.onRevert} disabled={!props.dirty || props.saving}>
        Revert
      </button>
      {props.dirty && !props.message && <span className="hint">unsaved changes</span>}
      <Problems inline messages={props.message} />
      {props.extra}
    </div>
  );
}
