// The admin API client: bearer token, JSON both ways, If-Match with the store revision the
// console last saw, and typed errors (FieldErrors, ConflictError, ApiError).
import { ADMIN_PATHS, type Collection, type WriteResultDto } from '../../../common/admin-api';
import { saveFile } from '../lib/download';
import { ApiError, toApiError } from './errors';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  /** The store revision this write is based on; omitted → no If-Match. */
  ifMatch?: number;
}

export class AdminClient {
  readonly token: string;
  /** The newest store revision seen in any answer. */
  revision = 0;
  /** Called when the token is refused (401). */
  onUnauthorized?: () => void;

  constructor(token: string) {
    this.token = token;
  }

  async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.ifMatch !== undefined) headers['If-Match'] = String(options.ifMatch);
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        cache: 'no-store',
      });
    } catch (err) {
      throw new ApiError(0, 'network', `the emulator did not answer (${err instanceof Error ? err.message : String(err)}) — is it still running?`);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    if (!res.ok) {
      if (res.status === 401) this.onUnauthorized?.();
      throw toApiError(res.status, body, `${method} ${path} answered ${res.status}`);
    }
    if (typeof body === 'object' && body !== null && typeof (body as { revision?: unknown }).revision === 'number') {
      this.revision = Math.max(this.revision, (body as { revision: number }).revision);
    }
    return body as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** A write based on `base` (the revision the edited data was read at), default the newest seen. */
  post<T>(path: string, body: unknown = {}, base: number = this.revision): Promise<T> {
    return this.request<T>('POST', path, { body, ifMatch: base });
  }

  put<T>(path: string, body: unknown, base: number = this.revision): Promise<T> {
    return this.request<T>('PUT', path, { body, ifMatch: base });
  }

  delete<T>(path: string, base: number = this.revision): Promise<T> {
    return this.request<T>('DELETE', path, { ifMatch: base });
  }

  create<T>(collection: Collection, body: unknown): Promise<WriteResultDto<T>> {
    return this.post<WriteResultDto<T>>(ADMIN_PATHS.collection(collection), body);
  }

  update<T>(collection: Collection, id: string, body: unknown, base?: number): Promise<WriteResultDto<T>> {
    return this.put<WriteResultDto<T>>(ADMIN_PATHS.entity(collection, id), body, base);
  }

  remove(collection: Collection, id: string): Promise<unknown> {
    return this.delete(ADMIN_PATHS.entity(collection, id));
  }

  /** Fetches a file with the token and saves it as a download named `fileName`. */
  async download(path: string, fileName: string): Promise<void> {
    const res = await fetch(path, { headers: { Authorization: `Bearer ${this.token}` }, cache: 'no-store' });
    if (!res.ok) {
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      throw toApiError(res.status, body, `download answered ${res.status}`);
    }
    saveFile(new Blob([await res.blob()], { type: 'application/json' }), fileName);
  }

  eventsUrl(): string {
    return `${ADMIN_PATHS.events}?token=${encodeURIComponent(this.token)}`;
  }
}
