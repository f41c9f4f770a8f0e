// GET /oauth/v2/keys: the public signing keys (RFC 7517 §5), cached by clients for five
// minutes like ZITADEL's (reference §1, §8).
import type { Route } from './route-table.js';

const HEADERS = { 'Cache-Control': 'max-age=300, must-revalidate', 'Content-Type': 'application/json; charset=utf-8' };

export const jwksRoute: Route = {
  path: '/oauth/v2/keys',
  methods: ['GET'],
  discoveryField: 'jwks_uri',
  async handle(ctx, { keys }) {
    await keys.ready();
    // Content-Type as Koa's `ctx.type = 'application/json'` sets it, without its MIME lookup per request.
    ctx.set(HEADERS);
    ctx.body = keys.jwksBody();
  },
  fixedResponse: ({ keys }) => ({ headers: HEADERS, body: keys.jwksBody() }),
};
