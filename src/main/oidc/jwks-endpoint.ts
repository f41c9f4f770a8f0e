// GET /oauth/v2/keys: the public signing keys (RFC 7517 §5), cached by clients for five
// minutes like ZITADEL's (reference §1, §8).
import type { Route } from './route-table.js';

export const jwksRoute: Route = {
  path: '/oauth/v2/keys',
  methods: ['GET'],
  discoveryField: 'jwks_uri',
  handle(ctx, { keys }) {
    ctx.set('Cache-Control', 'max-age=300, must-revalidate');
    ctx.type = 'application/json';
    ctx.body = keys.jwksBody();
  },
};
