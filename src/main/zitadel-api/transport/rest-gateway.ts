// REST (grpc-gateway) for the served services (reference §1.1–§1.3): path variables, query
// parameters and the JSON body make the request message; the response is proto JSON (zero
// values omitted, int64 as strings); errors are `{code, message, details}`.
import { fromJson, ScalarType, toJson, type DescMessage, type JsonObject, type JsonValue } from '@bufbuild/protobuf';
import { Code } from '@connectrpc/connect';
import { ZitadelApiError } from '../api-error.js';
import { toRestError } from '../error-wire.js';
import { invokeRpc, type ApiEnv, type Rpc } from '../rpc.js';
import type { ServedService } from '../served-services.js';
import { buildRestRoutes, type RestRoute } from './rest-routes.js';
import { type AnyRequest, type AnyResponse, writeJson, writeRestUnimplemented } from './unimplemented-response.js';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

function readBody(req: AnyRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new ZitadelApiError(Code.ResourceExhausted, 'request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Sets `a.b` = value, building objects on the way (path variables may name nested fields). */
function setPath(target: JsonObject, path: string, value: JsonValue): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : (node[part] = {});
  }
  node[parts.at(-1) ?? path] = value;
}

/** Query parameters as JSON, typed by the message's fields (repeated ⇒ array, bool ⇒ boolean). */
function queryToJson(input: DescMessage, query: URLSearchParams, skip: ReadonlySet<string>): JsonObject {
  const out: JsonObject = {};
  for (const name of new Set(query.keys())) {
    if (skip.has(name)) continue;
    const field = input.fields.find((f) => f.name === name || f.jsonName === name);
    const values = query.getAll(name);
    if (!field) continue; // grpc-gateway ignores unknown query parameters too
    const typed = values.map((v): JsonValue => (field.fieldKind === 'scalar' && field.scalar === ScalarType.BOOL ? v === 'true' : v));
    out[field.jsonName] = field.fieldKind === 'list' ? typed : (typed.at(-1) ?? '');
  }
  return out;
}

async function buildRequest(route: RestRoute, match: RegExpExecArray, url: URL, req: AnyRequest): Promise<JsonValue> {
  let message: JsonObject = {};
  if (route.body !== '') {
    const text = await readBody(req);
    let parsed: JsonValue = {};
    try {
      parsed = text.trim() === '' ? {} : (JSON.parse(text) as JsonValue);
    } catch (err) {
      throw new ZitadelApiError(Code.InvalidArgument, err instanceof Error ? err.message : 'invalid JSON');
    }
    if (route.body === '*') {
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ZitadelApiError(Code.InvalidArgument, 'request body must be a JSON object');
      message = parsed;
    } else setPath(message, route.body, parsed);
  } else {
    req.resume();
    message = queryToJson(route.method.input, url.searchParams, new Set(route.pathFields));
  }
  route.pathFields.forEach((field, i) => setPath(message, field, decodeURIComponent(match[i + 1] ?? '')));
  try {
    // Through the descriptor and back: snake_case or camelCase in, canonical proto JSON out.
    const input = route.method.input;
    return toJson(input, fromJson(input, message, { ignoreUnknownFields: true }));
  } catch (err) {
    throw new ZitadelApiError(Code.InvalidArgument, err instanceof Error ? err.message : 'invalid request');
  }
}

export function createRestGateway(services: readonly ServedService[], env: ApiEnv): (req: AnyRequest, res: AnyResponse) => Promise<void> {
  const routes = buildRestRoutes(services);
  return async function handleRest(req: AnyRequest, res: AnyResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://rest.invalid');
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    let route: RestRoute | undefined;
    let match: RegExpExecArray | null = null;
    for (const candidate of routes) {
      if (candidate.httpMethod !== method) continue;
      match = candidate.pattern.exec(url.pathname);
      if (match) {
        route = candidate;
        break;
      }
    }
    if (!route || !match) return writeRestUnimplemented(req, res, `${method} ${url.pathname} is not implemented by the emulator`);
    const rpc: Rpc | undefined = route.served.rpcs.get(route.method.name);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !name.startsWith(':')) headers.set(name, value);
    }
    let request: JsonValue;
    try {
      request = await buildRequest(route, match, url, req);
    } catch (err) {
      const error = err instanceof ZitadelApiError ? err : new ZitadelApiError(Code.InvalidArgument, 'invalid request');
      const { status, body } = toRestError(error);
      return writeJson(res, status, body);
    }
    if (!rpc) return writeRestUnimplemented(req, res, `${route.served.service.typeName}/${route.method.name} is not implemented by the emulator`);
    const outcome = await invokeRpc(rpc, request, {
      protocol: 'rest',
      httpMethod: method,
      path: url.pathname,
      headers,
      service: route.served.service.typeName,
      rpc: route.method.name,
    }, env);
    if (!outcome.ok) {
      const { status, body } = toRestError(outcome.error);
      return writeJson(res, status, body);
    }
    const output = route.method.output;
    writeJson(res, 200, toJson(output, fromJson(output, outcome.response as JsonValue, { ignoreUnknownFields: true })));
  };
}
