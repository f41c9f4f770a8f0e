// Requests answered while the runtime state is still loading (issue 14: a restart with a large
// state answers discovery as fast as a fresh start). Everything else waits for the load, so no
// request ever sees a half-loaded state or races it with a change.
import { CONSOLE_PATH } from '../../http/serve-console.js';

const STATE_FREE = new Set(['/.well-known/openid-configuration', '/oauth/v2/keys']);

export function answersWithoutState(url: string | undefined): boolean {
  if (url === undefined) return false;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  // The console's files only: its data comes through the admin API, which waits.
  return STATE_FREE.has(path) || path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`);
}
