// Which wire a request speaks, from its Content-Type (gRPC, gRPC-web, else Connect).
import type { ApiCallActivityDto } from '../../../common/admin-api.js';

export type RpcProtocol = Exclude<ApiCallActivityDto['protocol'], 'rest'>;

export function protocolOf(contentType: string | null | undefined): RpcProtocol {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/grpc-web')) return 'grpc-web';
  if (type.startsWith('application/grpc')) return 'grpc';
  return 'connect';
}
