// The left half of an editing page: a keyboard-navigable list (↑/↓) and, on top, creating a new
// item with one name and one button.
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { WriteResultDto } from '../../../common/admin-api';
import { useAction } from '../state/useAction';
import { Problems } from './Problems';

export interface ListItem {
  id: string;
  title: string;
  subtitle?: string;
  badge?: string;
}

export function ListPane(props: {
  label: string;
  items: ListItem[];
  selectedId?: string | undefined;
  onSelect: (id: string) => void;
  create?: ReactNode;
  empty?: ReactNode;
  tabs?: ReactNode;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const index = props.items.findIndex((i) => i.id === props.selectedId);
    const next = props.items[Math.min(props.items.length - 1, Math.max(0, index + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      props.onSelect(next.id);
      requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus());
    }
  };
  return (
    <aside className="list-pane" aria-label={props.label}>
      {props.tabs}
      {props.create}
      {props.items.length === 0 ? (
        props.empty
      ) : (
        <ul role="listbox" aria-label={props.label} ref={listRef} onKeyDown={onKey}>
          {props.items.map((item) => (
            <li
              key={item.id}
              role="option"
              tabIndex={item.id === props.selectedId || (!props.selectedId && item === props.items[0]) ? 0 : -1}
              aria-selected={item.id === props.selectedId}
              onClick={() => props.onSelect(item.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  props.onSelect(item.id);
                }
              }}
            >
              <span className="title">{item.title}</span>
              {item.badge && <span className="badge">{item.badge}</span>}
              {item.subtitle && <span className="subtitle">{item.subtitle}</span>}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

/** One name and a button; Enter submits. Server errors for `field` show under the input. */
export function CreateBar(props: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (v: string) => void;
  onSubmit: () => void;
  busy?: boolean;
  errors?: string[] | undefined;
  disabled?: boolean;
  children?: ReactNode;
  button?: string;
}) {
  return (
    <form
      className="create"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        if (props.value.trim()) props.onSubmit();
      }}
    >
      {props.children}
      <div className="create-row">
        <input
          aria-label={props.label}
          placeholder={props.placeholder}
          value={props.value}
          disabled={props.disabled}
          aria-invalid={props.errors?.length ? true : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
        <button type="submit" className="primary" disabled={props.busy || props.disabled || !props.value.trim()}>
          {props.button ?? 'Create'}
        </button>
      </div>
      <Problems messages={props.errors} />
    </form>
  );
}

/**
 * The state of a CreateBar: the name typed, the create call, then `onCreated` with the new
 * entity. Server problems of `nameField` (else the error) go under the name.
 */
export function useCreate<T>(create: (name: string) => Promise<WriteResultDto<T>>, onCreated: (entity: T) => void, nameField = 'name') {
  const [name, setName] = useState('');
  const action = useAction();
  return {
    action,
    bar: {
      value: name,
      onChange: (v: string) => {
        setName(v);
        action.clearError();
      },
      busy: action.busy,
      // The name's own problems alone go under it without their field; anything else as the error says it.
      errors: Object.keys(action.fields).length === 1 && action.fields[nameField] ? action.fields[nameField] : action.error ? [action.error] : undefined,
      onSubmit: () =>
        void action.run(() => create(name.trim())).then((r) => {
          if (!r) return;
          setName('');
          onCreated(r.entity);
        }),
    },
  };
}

/** Where a new item goes ("in Acme"); shown only when there is a choice. */
export function PlaceSelect(props: { label: string; places: readonly { id: string; name: string }[]; value: string; onChange: (id: string) => void }) {
  if (props.places.length < 2) return null;
  return (
    <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {props.places.map((p) => (
        <option key={p.id} value={p.id}>
          in {p.name}
        </option>
      ))}
    </select>
  );
}
