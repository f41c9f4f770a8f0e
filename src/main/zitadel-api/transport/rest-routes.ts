// grpc-gateway's REST paths, read from the `google.api.http` annotations of the published
// service descriptors (issue 18 §2), so the routes cannot drift from ZITADEL's.
import { getOption, hasOption, type DescMethodUnary } from '@bufbuild/protobuf';
import { http } from '@zitadel/proto/google/api/annotations_pb.js';
import type { HttpRule } from '@zitadel/proto/google/api/http_pb.js';
import type { ServedService } from '../served-services.js';

export interface RestRoute {
  httpMethod: string;
  pattern: RegExp;
  /** Field paths captured from the path, in order, e.g. `user_id`. */
  pathFields: string[];
  /** `*` (whole body), a field name, or '' (no body: fields come from the query). */
  body: string;
  method: DescMethodUnary;
  served: ServedService;
  template: string;
}

function compile(template: string): { pattern: RegExp; pathFields: string[] } {
  const pathFields: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const variable = /^\{([^}=]+)(?:=([^}]+))?\}$/.exec(part);
      if (!variable) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      pathFields.push(variable[1] ?? '');
      return variable[2]?.includes('**') ? '(.+)' : '([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), pathFields };
}

function bindingsOf(rule: HttpRule): HttpRule[] {
  return [rule, ...rule.additionalBindings];
}

export function buildRestRoutes(services: readonly ServedService[]): RestRoute[] {
  const routes: RestRoute[] = [];
  for (const served of services) {
    for (const method of served.service.methods) {
      if (method.methodKind !== 'unary' || !hasOption(method, http)) continue;
      for (const binding of bindingsOf(getOption(method, http))) {
        const { case: verb, value } = binding.pattern;
        if (verb === undefined || verb === 'custom' || typeof value !== 'string') continue;
        routes.push({
          httpMethod: verb.toUpperCase(),
          ...compile(`${served.restPrefix}${value}`),
          body: binding.body,
          method: method as DescMethodUnary,
          served,
          template: `${served.restPrefix}${value}`,
        });
      }
    }
  }
  // Literal segments beat variables (`/v2/users/human` before `/v2/users/{user_id}`), as in grpc-gateway.
  return routes.sort((a, b) => a.pathFields.length - b.pathFields.length);
}
