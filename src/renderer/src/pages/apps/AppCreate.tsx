// Creating an app: a name, the project, a preset like ZITADEL's console, and (for code flows)
// the first redirect URI.
import { useId, useState } from 'react';
import type { App } from '../../lib/types';
import { PRESETS, presetBody } from '../../lib/presets';
import { isUrl } from '../../lib/urls';
import { useConsole } from '../../state/ConsoleContext';
import { useAction } from '../../state/useAction';
import { CreateBar } from '../../components/ListPane';

export function AppCreate({ onCreated }: { onCreated: (app: App) => void }) {
  const { store, client } = useConsole();
  const id = useId();
  const [name, setName] = useState('');
  const [projectId, setProjectId] = useState('');
  const [presetId, setPresetId] = useState('code');
  const [redirect, setRedirect] = useState('http://localhost:3000/callback');
  const create = useAction();
  const projects = store?.projects ?? [];
  const chosenProject = projectId || projects[0]?.id || '';
  const preset = PRESETS.find((p) => p.id === presetId) ?? PRESETS[1]!;
  const needsRedirect = preset.kind === 'oidc' && preset.id !== 'device';
  const redirectErrors = [
    ...(redirect.trim() && !isUrl(redirect.trim()) ? ['not a valid URL'] : []),
    ...(create.fields['oidc.redirectUris[0]'] ?? []),
    ...(create.fields['oidc.redirectUris'] ?? []),
  ];
  const otherErrors = Object.entries(create.fields)
    .filter(([f]) => !f.startsWith('oidc.redirectUris'))
    .flatMap(([f, m]) => m.map((x) => (f ? `${f}: ${x}` : x)));
  if (projects.length === 0) return null;
  return (
    <CreateBar
      label="New app name"
      placeholder="New app name"
      value={name}
      onChange={setName}
      busy={create.busy}
      errors={otherErrors.length ? otherErrors : create.error && !redirectErrors.length ? [create.error] : undefined}
      onSubmit={() =>
        void create.run(() => client.create<App>('apps', presetBody(preset, name.trim(), chosenProject, needsRedirect ? redirect : ''))).then((r) => {
          if (r) {
            setName('');
            onCreated(r.entity);
          }
        })
      }
    >
      <div className="presets" role="radiogroup" aria-label="App preset">
        {PRESETS.map((p) => (
          <label key={p.id} className={`preset${p.id === presetId ? ' on' : ''}`} title={p.description}>
            <input type="radio" name={`${id}-preset`} value={p.id} checked={p.id === presetId} onChange={() => setPresetId(p.id)} />
            {p.label}
          </label>
        ))}
      </div>
      <div className="hint preset-desc">{preset.description}</div>
      {projects.length > 1 && (
        <select aria-label="Project of the new app" value={chosenProject} onChange={(e) => setProjectId(e.target.value)}>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              in {p.name}
            </option>
          ))}
        </select>
      )}
      {needsRedirect && (
        <div className={`field compact${redirectErrors.length ? ' invalid' : ''}`}>
          <label htmlFor={`${id}-r`}>Redirect URI</label>
          <input id={`${id}-r`} className="mono" value={redirect} onChange={(e) => setRedirect(e.target.value)} aria-invalid={redirectErrors.length ? true : undefined} />
          {redirectErrors.length > 0 && (
            <div className="error" role="alert">
              {redirectErrors.join(' · ')}
            </div>
          )}
        </div>
      )}
    </CreateBar>
  );
}
