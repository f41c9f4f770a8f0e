// Creating an app: a name, the project, a preset like ZITADEL's console, and (for code flows)
// the first redirect URI.
import { useId, useState } from 'react';
import type { App } from '../../lib/types';
import { PRESETS, presetBody } from '../../lib/presets';
import { isUrl } from '../../lib/urls';
import { useConsole } from '../../state/ConsoleContext';
import { CreateBar, PlaceSelect, useCreate } from '../../components/ListPane';
import { Problems } from '../../components/Problems';

export function AppCreate({ onCreated }: { onCreated: (app: App) => void }) {
  const { store, client } = useConsole();
  const id = useId();
  const [projectId, setProjectId] = useState('');
  const [presetId, setPresetId] = useState('code');
  const [redirect, setRedirect] = useState('http://localhost:3000/callback');
  const projects = store?.projects ?? [];
  const chosenProject = projectId || projects[0]?.id || '';
  const preset = PRESETS.find((p) => p.id === presetId) ?? PRESETS[1]!;
  const needsRedirect = preset.kind === 'oidc' && preset.id !== 'device';
  const { action: create, bar } = useCreate((name) => client.create<App>('apps', presetBody(preset, name, chosenProject, needsRedirect ? redirect : '')), onCreated);
  const redirectErrors = [...(redirect.trim() && !isUrl(redirect.trim()) ? ['not a valid URL'] : []), ...create.problems('oidc.redirectUris')];
  const otherErrors = create.rest('oidc.redirectUris');
  if (projects.length === 0) return null;
  return (
    <CreateBar
      label="New app name"
      placeholder="New app name"
      {...bar}
      errors={otherErrors ? [otherErrors] : undefined}
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
      <PlaceSelect label="Project of the new app" places={projects} value={chosenProject} onChange={setProjectId} />
      {needsRedirect && (
        <div className={`field compact${redirectErrors.length ? ' invalid' : ''}`}>
          <label htmlFor={`${id}-r`}>Redirect URI</label>
          <input id={`${id}-r`} className="mono" value={redirect} onChange={(e) => setRedirect(e.target.value)} aria-invalid={redirectErrors.length ? true : undefined} />
          <Problems messages={redirectErrors} />
        </div>
      )}
    </CreateBar>
  );
}
