import { useState } from 'react';
import { copyText } from '../lib/urls';

export function CopyButton({ text, label = 'copy', title }: { text: string; label?: string; title?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="small"
      title={title ?? `Copy ${label === 'copy' ? 'to clipboard' : label}`}
      onClick={() => {
        void copyText(text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1200);
        });
      }}
    >
      {done ? 'copied ✓' : label}
    </button>
  );
}
