// An editable list of URIs (redirect / post-logout), checked for URL shape as you type; server
// problems for `<field>[i]` show under row i.
import { useState } from 'react';
import type { Errors } from '../state/useDraft';
import { isUrl } from '../lib/urls';
import { Problems } from './Problems';

export function UriList(props: { legend: string; field: string; value: string[]; onChange: (v: string[]) => void; errors: Errors; placeholder?: string; hint?: string }) {
  const [touched, setTouched] = useState<Set<number>>(new Set());
  const set = (i: number, v: string) => {
    setTouched((t) => new Set(t).add(i));
    props.onChange(props.value.map((u, j) => (j === i ? v : u)));
  };
  const listErrors = props.errors[props.field];
  return (
    <fieldset className="uris">
      <legend>{props.legend}</legend>
      {props.value.length === 0 && <p className="hint">{props.hint ?? 'None.'}</p>}
      {props.value.map((uri, i) => {
        const local = touched.has(i) && !isUrl(uri) ? 'not a valid URL (e.g. http://localhost:3000/callback)' : undefined;
        const messages = [...(local ? [local] : []), ...(props.errors[`${props.field}[${i}]`] ?? [])];
        return (
          <div key={i} className={`uri-row${messages.length ? ' invalid' : ''}`}>
            <input
              aria-label={`${props.legend} ${i + 1}`}
              className="mono"
              value={uri}
              placeholder={props.placeholder}
              aria-invalid={messages.length ? true : undefined}
              onChange={(e) => set(i, e.target.value)}
            />
            <button type="button" className="small" aria-label={`Remove ${props.legend} ${i + 1}`} onClick={() => props.onChange(props.value.filter((_, j) => j !== i))}>
              remove
            </button>
            <Problems messages={messages} />
          </div>
        );
      })}
      <Problems messages={listErrors} />
      <button type="button" className="small" onClick={() => props.onChange([...props.value, ''])}>
        + add
      </button>
    </fieldset>
  );
}
