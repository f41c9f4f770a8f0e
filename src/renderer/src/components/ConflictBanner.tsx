// After a 409: the store changed elsewhere. Reloading refreshes the data; forms keep what was typed.
import { useConsole } from '../state/ConsoleContext';

export function ConflictBanner() {
  const { conflict, reloadAfterConflict } = useConsole();
  if (!conflict) return null;
  return (
    <div className="banner warn" role="alert">
      <span>The store changed (edited elsewhere) — reload to see the current data. What you typed is kept; save again to apply it.</span>
      <button
        type="button"
        className="small"
        onClick={() => {
          void reloadAfterConflict();
        }}
      >
        Reload
      </button>
    </div>
  );
}
