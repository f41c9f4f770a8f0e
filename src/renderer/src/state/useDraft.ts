// An edit form's draft of one entity: typed input survives store reloads and refused saves;
// the draft remembers the revision it is based on (sent as If-Match), and moves that forward
// when the store changes elsewhere without touching this entity.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ConflictError, FieldErrors, messageOf } from '../api/errors';
import { useConsole } from './ConsoleContext';

export type Errors = Record<string, string[]>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface Draft<T> {
  draft: T | undefined;
  setDraft: (update: (draft: T) => T) => void;
  dirty: boolean;
  errors: Errors;
  message?: string;
  saving: boolean;
  /** Runs the write with the draft's base revision; keeps the draft on refusal. */
  save: (write: (draft: T, baseRevision: number) => Promise<unknown>) => Promise<boolean>;
  revert: () => void;
}

export function useDraft<T>(source: T | undefined, key: string): Draft<T> {
  const { revision, setConflict, reloadStore, reloadTick } = useConsole();
  const [draft, setDraftState] = useState<T | undefined>(source);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string>();
  const [saving, setSaving] = useState(false);
  const base = useRef<{ key: string; value: T | undefined; revision: number }>({ key, value: source, revision });
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const revisionRef = useRef(revision);
  revisionRef.current = revision;

  useEffect(() => {
    const b = base.current;
    const dirty = !same(draftRef.current, b.value);
    if (b.key !== key || !dirty) {
      base.current = { key, value: source, revision };
      if (b.key !== key || !same(draftRef.current, source)) setDraftState(source);
      if (b.key !== key) {
        setErrors({});
        setMessage(undefined);
      }
    } else if (same(source, b.value)) {
      base.current = { ...b, revision };
    }
  }, [key, source, revision]);

  // After "Reload" on the conflict banner: the typed input stays and is now based on the current data.
  useEffect(() => {
    if (reloadTick > 0) base.current = { ...base.current, value: sourceRef.current, revision: revisionRef.current };
  }, [reloadTick]);

  const setDraft = useCallback((update: (d: T) => T) => {
    setDraftState((d) => (d === undefined ? d : update(d)));
  }, []);

  const save = useCallback(
    async (write: (d: T, baseRevision: number) => Promise<unknown>) => {
      const current = draftRef.current;
      if (current === undefined) return false;
      setSaving(true);
      setMessage(undefined);
      try {
        await write(current, base.current.revision);
        setErrors({});
        setConflict(false);
        base.current = { ...base.current, value: current };
        await reloadStore();
        return true;
      } catch (err) {
        if (err instanceof FieldErrors) {
          setErrors(err.fields);
          setMessage(err.problems.length === 1 ? 'Not saved: 1 problem.' : `Not saved: ${err.problems.length} problems.`);
        } else if (err instanceof ConflictError) {
          setConflict(true);
          setMessage('Not saved: the store changed elsewhere. Your input is kept.');
        } else {
          setMessage(`Not saved: ${messageOf(err)}`);
        }
        return false;
      } finally {
        setSaving(false);
      }
    },
    [reloadStore, setConflict],
  );

  const revert = useCallback(() => {
    base.current = { ...base.current, value: source, revision };
    setDraftState(source);
    setErrors({});
    setMessage(undefined);
  }, [source, revision]);

  return { draft, setDraft, dirty: !same(draft, base.current.value), errors, message, saving, save, revert };
}

/** Messages for one field, or for every field under a prefix when `deep` is set. */
export function errorsFor(errors: Errors, field: string): string[] | undefined {
  return errors[field];
}

export function errorsUnder(errors: Errors, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([f]) => f === prefix || f.startsWith(`${prefix}.`) || f.startsWith(`${prefix}[`))
    .flatMap(([f, msgs]) => msgs.map((m) => (f === prefix ? m : `${f.slice(prefix.length).replace(/^\./, '')}: ${m}`)));
}
