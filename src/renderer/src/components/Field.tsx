// A labelled input with its errors underneath: client-side checks as you type (once touched)
// and the server's field problems.
import { useId, useState, type ReactNode } from 'react';
import { Problems } from './Problems';

export interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[] | undefined;
  /** Client-side check; returns a message when the value is not acceptable. */
  validate?: (value: string) => string | undefined;
  required?: boolean;
  type?: 'text' | 'password' | 'email' | 'tel' | 'number' | 'url';
  placeholder?: string;
  hint?: ReactNode;
  mono?: boolean;
  autoFocus?: boolean;
  readOnly?: boolean;
  name?: string;
  min?: number;
  max?: number;
}

export function Field(props: FieldProps) {
  const id = useId();
  const [touched, setTouched] = useState(false);
  const local = touched ? (props.required && props.value.trim() === '' ? `${props.label} is required` : props.validate?.(props.value)) : undefined;
  const messages = [...(local ? [local] : []), ...(props.errors ?? [])];
  const invalid = messages.length > 0;
  return (
    <div className={`field${invalid ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {props.label}
        {props.required && <span className="req" aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        name={props.name}
        className={props.mono ? 'mono' : undefined}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        required={props.required}
        readOnly={props.readOnly}
        autoFocus={props.autoFocus}
        min={props.min}
        max={props.max}
        spellCheck={false}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-err` : props.hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          setTouched(true);
          props.onChange(e.target.value);
        }}
        onBlur={() => setTouched(true)}
      />
      {props.hint && !invalid && (
        <div className="hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      )}
      <Problems messages={messages} id={`${id}-err`} />
    </div>
  );
}

export function NumberField(props: Omit<FieldProps, 'value' | 'onChange' | 'type'> & { value: number; onChange: (value: number) => void }) {
  const [text, setText] = useState(String(props.value));
  const shown = Number(text) === props.value ? text : String(props.value);
  return (
    <Field
      {...props}
      type="number"
      value={shown}
      validate={(v) => (v.trim() === '' || !Number.isInteger(Number(v)) ? 'a whole number' : props.validate?.(v))}
      onChange={(v) => {
        setText(v);
        if (v.trim() !== '' && Number.isInteger(Number(v))) props.onChange(Number(v));
      }}
    />
  );
}

export function Check(props: { label: string; checked: boolean; onChange: (checked: boolean) => void; description?: ReactNode; errors?: string[] | undefined }) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>
        {props.label}
        {props.description && <span className="hint"> — {props.description}</span>}
      </label>
      <Problems messages={props.errors} />
    </div>
  );
}

export function Select<V extends string>(props: {
  label: string;
  value: V;
  options: readonly V[] | readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  errors?: string[] | undefined;
  hint?: ReactNode;
}) {
  const id = useId();
  const options = props.options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  return (
    <div className={`field${props.errors?.length ? ' invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint && !props.errors?.length && <div className="hint">{props.hint}</div>}
      <Problems messages={props.errors} />
    </div>
  );
}

/** A set of checkboxes for an enum array (response types, grant types, roles). */
export function MultiCheck<V extends string>(props: {
  legend: string;
  options: readonly V[];
  value: readonly V[];
  onChange: (value: V[]) => void;
  errors?: string[] | undefined;
  labels?: Partial<Record<V, string>>;
}) {
  return (
    <fieldset className={`multi${props.errors?.length ? ' invalid' : ''}`}>
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o} className="inline">
          <input
            type="checkbox"
            checked={props.value.includes(o)}
            onChange={(e) => props.onChange(e.target.checked ? [...props.value, o] : props.value.filter((v) => v !== o))}
          />
          {props.labels?.[o] ?? o}
        </label>
      ))}
      <Problems messages={props.errors} />
    </fieldset>
  );
}
