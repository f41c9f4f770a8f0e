// User metadata as key/value rows (emitted base64url-encoded in the metadata claim).
import { Problems } from '../../components/Problems';

export function MetadataEditor({ value, onChange, errors }: { value: Record<string, string>; onChange: (v: Record<string, string>) => void; errors?: string[] | undefined }) {
  const entries = Object.entries(value);
  const rebuild = (i: number, key: string, val: string) => onChange(Object.fromEntries(entries.map(([k, v], j) => (j === i ? [key, val] : [k, v]))));
  return (
    <fieldset className="metadata">
      <legend>Metadata</legend>
      {entries.length === 0 && <p className="hint">No metadata. Keys and values appear in the metadata claim when the app asks for it.</p>}
      {entries.map(([k, v], i) => (
        <div key={i} className="kv-row">
          <input aria-label={`Metadata key ${i + 1}`} className="mono" value={k} placeholder="key" onChange={(e) => rebuild(i, e.target.value, v)} />
          <input aria-label={`Metadata value ${i + 1}`} value={v} placeholder="value" onChange={(e) => rebuild(i, k, e.target.value)} />
          <button type="button" className="small" onClick={() => onChange(Object.fromEntries(entries.filter((_, j) => j !== i)))}>
            remove
          </button>
        </div>
      ))}
      <Problems messages={errors} />
      <button type="button" className="small" disabled={'' in value} onClick={() => onChange({ ...value, '': '' })}>
        + add
      </button>
    </fieldset>
  );
}
