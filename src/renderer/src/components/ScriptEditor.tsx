// A code editor for Actions v1 scripts: a monospaced textarea (Tab indents) whose syntax is
// checked by the emulator as you type (the same check the store applies on save), so an error
// shows, with its line, before anything is saved.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { ADMIN_PATHS, type ScriptCheckResultDto } from '../../../common/admin-api';
import { useConsole } from '../state/ConsoleContext';
import { Problems } from './Problems';

const CHECK_DELAY_MS = 250;

/** The script's syntax error as the emulator reports it; undefined while unchecked or fine. */
export function useScriptCheck(script: string): string | undefined {
  const { client } = useConsole();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      client
        .request<ScriptCheckResultDto>('POST', ADMIN_PATHS.scriptCheck, { body: { script } })
        .then((r) => !cancelled && setError(r.error))
        .catch(() => undefined);
    }, CHECK_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, script]);
  return error;
}

export function ScriptEditor(props: { label: string; value: string; onChange: (value: string) => void; syntaxError?: string | undefined; errors?: string[] | undefined }) {
  const id = useId();
  const messages = [...(props.syntaxError ? [props.syntaxError] : []), ...(props.errors ?? [])];
  // Esc releases the keyboard: the next Tab moves focus on instead of indenting.
  const released = useRef(false);
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const wasReleased = released.current;
    released.current = e.key === 'Escape';
    if (e.key !== 'Tab' || e.shiftKey || wasReleased) return;
    e.preventDefault();
    const el = e.currentTarget;
    const { selectionStart, selectionEnd, value } = el;
    props.onChange(`${value.slice(0, selectionStart)}  ${value.slice(selectionEnd)}`);
    requestAnimationFrame(() => el.setSelectionRange(selectionStart + 2, selectionStart + 2));
  };
  const lines = props.value.split('\n').length;
  return (
    <div className={`field${messages.length ? ' invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        className="mono script"
        value={props.value}
        rows={Math.min(30, Math.max(8, lines + 1))}
        spellCheck={false}
        aria-invalid={messages.length > 0 || undefined}
        aria-describedby={messages.length ? `${id}-err` : `${id}-hint`}
        onKeyDown={onKeyDown}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {messages.length === 0 && (
        <div className="hint" id={`${id}-hint`}>
          Syntax OK · {lines} lines · Tab indents (Esc, then Tab, leaves the editor)
        </div>
      )}
      <Problems messages={messages} id={`${id}-err`} />
    </div>
  );
}
