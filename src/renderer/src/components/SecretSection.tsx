// Generating a client secret (an app's, a service user's): the answer is shown once by the caller.
import type { ReactNode } from 'react';
import type { SecretResultDto } from '../../../common/admin-api';
import { useConsole } from '../state/ConsoleContext';
import { useAction } from '../state/useAction';
import { Problems } from './Problems';

export function SecretSection(props: { legend: string; path: string; hasSecret: boolean; onSecret: (secret: SecretResultDto) => void; children?: ReactNode }) {
  const { client } = useConsole();
  const action = useAction();
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div className="actions">
        <button type="button" disabled={action.busy} onClick={() => void action.run(() => client.post<SecretResultDto>(props.path, {})).then((r) => r && props.onSecret(r))}>
          {props.hasSecret ? 'Regenerate secret' : 'Generate secret'}
        </button>
        {props.children}
        <Problems inline messages={action.error} />
      </div>
    </fieldset>
  );
}
