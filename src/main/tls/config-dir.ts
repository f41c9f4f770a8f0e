// Where the emulator keeps per-user files (the local certificate authority): the XDG base
// directory spec's $XDG_CONFIG_HOME, else ~/.config; %APPDATA% on Windows.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CONFIG_DIR_NAME = 'idp-emulator';

/** The config directory (and so the local CA) cannot be read or written. */
export class LocalCaError extends Error {
  override name = 'LocalCaError';
}

export function resolveConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  // XDG: a relative $XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && xdg.startsWith('/')) return join(xdg, CONFIG_DIR_NAME);
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, CONFIG_DIR_NAME);
  return join(env.HOME || homedir(), '.config', CONFIG_DIR_NAME);
}
