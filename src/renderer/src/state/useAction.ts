// A button's async action: busy while it runs, its error shown next to it.
import { useCallback, useState } from 'react';
import { ApiError, ConflictError, FieldErrors, messageOf } from '../api/errors';
import { useConsole } from './ConsoleContext';

export function useAction() {
  const { setConflict, reloadStore, reloadOverview } = useConsole();
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
        } else {
          setError(messageOf(err));
          // The change is in memory only: the overview now says so, and the frame shows it.
          if (err instanceof ApiError && err.code === 'not_saved') void reloadOverview();
        }
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [reloadStore, reloadOverview, setConflict],
  );
  const isUnder = (f: string, field: string) => f === field || f.startsWith(`${field}[`) || f.startsWith(`${field}.`);
  /** The refused write's messages for `field` and its sub-paths (`roleKeys` → `roleKeys[1]`), to show under that control. */
  const problems = (field: string): string[] => Object.entries(fields).flatMap(([f, messages]) => (isUnder(f, field) ? messages : []));
  /** The error without the problems shown under `placed` controls; undefined when nothing is left. */
  const rest = (...placed: string[]): string | undefined => {
    if (Object.keys(fields).length === 0) return error;
    const left = Object.entries(fields).flatMap(([f, messages]) => (placed.some((p) => isUnder(f, p)) ? [] : messages.map((m) => (f ? `${f}: ${m}` : m))));
    return left.length ? left.join('; ') : undefined;
  };
  return { busy, error, fields, problems, rest, run, clearError: () => setError(undefined) };
}
