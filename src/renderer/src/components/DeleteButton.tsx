// Delete with a confirmation step (the second click within a few seconds deletes).
import { useEffect, useState } from 'react';

export function DeleteButton({ label = 'Delete', onConfirm, busy }: { label?: string; onConfirm: () => void; busy?: boolean }) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const t = setTimeout(() => setArmed(false), 4000);
    return () => clearTimeout(t);
  }, [armed]);
  return (
    <button
      type="button"
      className={`danger${armed ? ' armed' : ''}`}
      disabled={busy}
      onClick={() => {
        if (armed) {
          setArmed(false);
          onConfirm();
        } else setArmed(true);
      }}
    >
      {armed ? `Click again to ${label.toLowerCase()}` : label}
    </button>
  );
}
