// ZITADEL's answer to a Host that is none of its instance domains (Z internal/api/http/
// middleware/instance_interceptor.go, internal/query/instance.go InstanceByHost): a plain-text
// 404 from Go's http.Error naming the origin, the external domain and the not-found error.
import type { IncomingMessage, ServerResponse } from 'node:http';

const NOT_FOUND = 'Instance not found. Make sure you got the domain right. Check out https://zitadel.com/docs/apis/introduction#domains';

export function describeUnknownInstance(hostHeader: string | undefined, protocol: 'http' | 'https', externalDomain: string): string {
  const host = hostHeader ?? '';
  // The origin is Go's %s of a *DomainCtx{InstanceHost, PublicHost, Protocol}; no public host here.
  const origin = `&{${host}  ${protocol}}`;
  const cause = host
    ? `ID=QUERY-1kIjX Message=${NOT_FOUND} Parent=(unable to get instance by host: instanceHost ${host}, publicHost : ID=QUERY-1kIjX Message=Errors.IAM.NotFound)`
    : `ID=INST-zWq7X Message=${NOT_FOUND}`;
  return `unable to set instance using origin ${origin} (ExternalDomain is ${externalDomain}): ${cause}`;
}

export function sendUnknownInstance(req: IncomingMessage, res: ServerResponse, protocol: 'http' | 'https', externalDomain: string): void {
  // http.Error: text/plain, nosniff, the message and a newline.
  const body = `${describeUnknownInstance(req.headers.host, protocol, externalDomain)}\n`;
  res.writeHead(404, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
