// A secret shown once (after create or regenerate), with copy.
import { CopyButton } from './CopyButton';

export function SecretOnce({ title, items, onDismiss }: { title: string; items: [string, string][]; onDismiss: () => void }) {
  return (
    <div className="once" role="status">
      <div className="once-head">
        <strong>{title}</strong>
        <span className="hint">shown once — copy it now</span>
        <button type="button" className="small" onClick={onDismiss}>
          dismiss
        </button>
      </div>
      <table className="kv">
        <tbody>
          {items.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td>
                <code className="break" data-testid={`once-${k}`}>
                  {v}
                </code>{' '}
                <CopyButton text={v} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
