// Keys of an app or a service user: add (a key pair is generated; its key JSON downloads),
// download the key JSON again, delete.
import { useState } from 'react';
import { ADMIN_PATHS, type AddKeyResultDto } from '../../../common/admin-api';
import { saveJson } from '../lib/download';
import { expiryText } from '../lib/time';
import type { KeyEntry } from '../lib/types';
import { useConsole } from '../state/ConsoleContext';
import { useAction } from '../state/useAction';
import { DeleteButton } from './DeleteButton';
import { Problems } from './Problems';
import { Grid } from './Grid';

/** Key routes of an app or a service user. */
const KEY_PATHS = {
  app: { add: ADMIN_PATHS.appKeys, key: ADMIN_PATHS.appKey, file: ADMIN_PATHS.appKeyFile },
  user: { add: ADMIN_PATHS.userKeys, key: ADMIN_PATHS.userKey, file: ADMIN_PATHS.userKeyFile },
} as const;

export function KeysSection(props: { keys: KeyEntry[]; owner: keyof typeof KEY_PATHS; ownerId: string; what: string }) {
  const { client } = useConsole();
  const paths = KEY_PATHS[props.owner];
  const action = useAction();
  const [justAdded, setJustAdded] = useState<string>();
  return (
    <fieldset className="keys">
      <legend>Keys</legend>
      <p className="hint">{props.what}</p>
      {props.keys.length === 0 ? (
        <p className="hint">No keys yet.</p>
      ) : (
        <Grid columns={['key id', 'expires']}>
          {props.keys.map((k) => (
            <tr key={k.id} className={k.id === justAdded ? 'new' : undefined}>
              <td className="mono">{k.id}</td>
              <td>{expiryText(k.expirationDate)}</td>
              <td className="row-actions">
                <button
                  type="button"
                  className="small"
                  aria-label={`Download key JSON ${k.id}`}
                  onClick={() => void action.run(() => client.download(paths.file(props.ownerId, k.id), `${k.id}.json`))}
                >
                  download key JSON
                </button>
                <DeleteButton label="Delete" busy={action.busy} onConfirm={() => void action.run(() => client.delete(paths.key(props.ownerId, k.id)))} />
              </td>
            </tr>
          ))}
        </Grid>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            void action.run(() => client.post<AddKeyResultDto>(paths.add(props.ownerId), {})).then((r) => {
              if (!r) return;
              setJustAdded(r.key.id);
              if (r.keyFile) saveJson(r.keyFile, `${r.key.id}.json`);
            })
          }
        >
          + Add key
        </button>
        <span className="hint">a new key pair downloads its key JSON at once</span>
        <Problems inline messages={action.error} />
      </div>
    </fieldset>
  );
}
