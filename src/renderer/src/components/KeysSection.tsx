// Keys of an app or a service user: add (a key pair is generated; its key JSON downloads),
// download the key JSON again, delete.
import { useState } from 'react';
import type { AddKeyResultDto } from '../../../common/admin-api';
import type { KeyEntry } from '../lib/types';
import { useConsole } from '../state/ConsoleContext';
import { useAction } from '../state/useAction';
import { DeleteButton } from './DeleteButton';

function saveJson(data: unknown, fileName: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function KeysSection(props: {
  keys: KeyEntry[];
  addPath: string;
  keyPath: (id: string) => string;
  keyFilePath: (id: string) => string;
  what: string;
}) {
  const { client } = useConsole();
  const action = useAction();
  const [justAdded, setJustAdded] = useState<string>();
  return (
    <fieldset className="keys">
      <legend>Keys</legend>
      <p className="hint">{props.what}</p>
      {props.keys.length === 0 ? (
        <p className="hint">No keys yet.</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">key id</th>
              <th scope="col">expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.keys.map((k) => (
              <tr key={k.id} className={k.id === justAdded ? 'new' : undefined}>
                <td className="mono">{k.id}</td>
                <td>{k.expirationDate.startsWith('9999') ? 'never' : new Date(k.expirationDate).toLocaleString()}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="small"
                    aria-label={`Download key JSON ${k.id}`}
                    onClick={() => void action.run(() => client.download(props.keyFilePath(k.id), `${k.id}.json`))}
                  >
                    download key JSON
                  </button>
                  <DeleteButton label="Delete" busy={action.busy} onConfirm={() => void action.run(() => client.delete(props.keyPath(k.id)))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            void action.run(() => client.post<AddKeyResultDto>(props.addPath, {})).then((r) => {
              if (!r) return;
              setJustAdded(r.key.id);
              if (r.keyFile) saveJson(r.keyFile, `${r.key.id}.json`);
            })
          }
        >
          + Add key
        </button>
        <span className="hint">a new key pair downloads its key JSON at once</span>
        {action.error && (
          <span className="error" role="alert">
            {action.error}
          </span>
        )}
      </div>
    </fieldset>
  );
}
