// A button's async action: busy while it runs, its error shown next to it.
import { useCallback, useState } from 'react';
import { ConflictError, FieldErrors, messageOf } from '../api/errors';
import { useConsole } from './ConsoleContext';

export function useAction() {
  const { setConflict, reloadStore } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string[]>>({});

  const run = useCallback(
    async <R,>(fn: () => Promise<R>): Promise<R | undefined> => {
      setBusy(true);
      setError(undefined);
      setFields({});
      try {
        const result = await fn();
        await reloadStore();
        return result;
      } catch (err) {
        if (err instanceof ConflictError) {
          setConflict(true);
          setError('The store changed elsewhere: reload, then try again.');
        } else if (err instanceof FieldErrors) {
          setFields(err.fields);
          setError(err.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; '));
        } else setError(messageOf(err));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [reloadStore, setConflict],
  );
  return { busy, error, fields, run, clearError: () => setError(undefined) };
}
