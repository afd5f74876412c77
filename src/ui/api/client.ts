/**
 * The dashboard's only door to the server: the public HTTP API of DESIGN §9, same origin, with the API key
 * in `X-API-Key`. Every failure becomes an ApiError whose `kind` the views switch on.
 */
import { DecodeError } from './decode.ts';

export type ApiErrorKind = 'unauthorized' | 'http' | 'network' | 'decode';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function detailOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('detail' in body)) return null;
  const detail = (body as { detail: unknown }).detail;
  return typeof detail === 'string' ? detail : JSON.stringify(detail);
}

export interface ApiClient {
  get<T>(path: string, decode: (json: unknown) => T): Promise<T>;
  post<T>(path: string, body: unknown, decode: (json: unknown) => T): Promise<T>;
}

/** One client per key and base: the entry's early cards request and the app share the cards cache. */
const clients = new Map<string, ApiClient>();

export function createApiClient(apiKey: string, baseUrl = ''): ApiClient {
  const id = `${baseUrl}\n${apiKey}`;
  let client = clients.get(id);
  if (client === undefined) {
    client = newApiClient(apiKey, baseUrl);
    clients.set(id, client);
  }
  return client;
}

function newApiClient(apiKey: string, baseUrl: string): ApiClient {
  async function call<T>(path: string, init: RequestInit, decode: (json: unknown) => T): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, {
        ...init,
        headers: { Accept: 'application/json', 'X-API-Key': apiKey, ...init.headers },
      });
    } catch (e) {
      throw new ApiError(
        'network',
        `The API did not answer (${e instanceof Error ? e.message : String(e)}).`,
      );
    }
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      if (res.ok)
        throw new ApiError('decode', `The API sent something that is not JSON for ${path}.`, res.status);
    }
    if (res.status === 401 || res.status === 403) {
      throw new ApiError('unauthorized', detailOf(body) ?? 'The API key was rejected.', res.status);
    }
    if (!res.ok) {
      throw new ApiError('http', `${res.status}: ${detailOf(body) ?? res.statusText}`, res.status);
    }
    try {
      return decode(body);
    } catch (e) {
      if (e instanceof DecodeError) throw new ApiError('decode', e.message, res.status);
      throw e;
    }
  }
  return {
    get: (path, decode) => call(path, { method: 'GET' }, decode),
    post: (path, body, decode) =>
      call(
        path,
        { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } },
        decode,
      ),
  };
}
