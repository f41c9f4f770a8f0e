// POST /oauth/v2/token (RFC 6749 §3.2): dispatches on grant_type through the grant registry,
// which is also what discovery advertises (reference §4).
import { readForm } from '../../http/read-params.js';
import { invalidRequest, unsupportedGrantType } from '../errors.js';
import type { Route } from '../route-table.js';
import type { Grant } from './grant.js';

export function tokenRoute(grants: readonly Grant[]): Route {
  const byType = new Map(grants.map((g) => [g.type, g]));
  return {
    path: '/oauth/v2/token',
    methods: ['POST'],
    discoveryField: 'token_endpoint',
    async handle(ctx, deps) {
      const params = await readForm(ctx);
      const type = params.get('grant_type');
      if (type === undefined) throw invalidRequest('grant_type missing');
      const grant = byType.get(type);
      if (!grant) throw unsupportedGrantType(`${type} not supported`);
      const body = await grant.handle({ params, ctx, deps });
      // RFC 6749 §5.1: token responses must not be cached.
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Pragma', 'no-cache');
      ctx.body = body;
    },
  };
}
