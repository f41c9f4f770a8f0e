// `state` is echoed into a Location header. A 60 KB state made a header clients cannot read
// (Node's HTTP client stops at 16 KiB of headers), after the work was done: it is refused up
// front as invalid_request instead (issue 12 item 13). ZITADEL sets no limit.
import type { Params } from '../http/read-params.js';
import { invalidRequest } from './errors.js';

/** Percent-encoded length, as it lands in the Location header: room for it, a code and a long redirect URI under 16 KiB. */
export const MAX_STATE_LENGTH = 12 * 1024;

export function readStateParam(params: Params): string | undefined {
  const state = params.get('state');
  if (state !== undefined && encodeURIComponent(state).length > MAX_STATE_LENGTH) {
    throw invalidRequest(`state is longer than ${MAX_STATE_LENGTH} characters once URL-encoded`);
  }
  return state;
}
