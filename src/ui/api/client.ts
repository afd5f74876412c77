/**
 * The dashboard's only door to the server: the public HTTP API of docs/api.md, same origin, with the API key
 * in `X-API-Key`. Every failure becomes an ApiError whose `kind` the views switch on.
 */
import { DecodeError } from './decode.ts';

export type ApiErrorKind = 'unauthorized' | 'http' | 'network' | 'decode';

/** What an error answer said: its stable `code` (the API's error catalogue) and its `detail`, for people. */
export interface ErrorAnswer {
  readonly code: string | null;
  readonly detail: string | null;
}

const NO_ANSWER: ErrorAnswer = { code: null, detail: null };

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly answer: ErrorAnswer = NO_ANSWER,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function answerOf(body: unknown): ErrorAnswer {
  if (typeof body !== 'object' || body === null) return NO_ANSWER;
  const { code, detail } = body as { code?: unknown; detail?: unknown };
  return {
    code: typeof code === 'string' ? code : null,
    detail:
      detail === undefined || detail === null
        ? null
        : typeof detail === 'string'
          ? detail
          : JSON.stringify(detail),
  };
}

/** A decoded answer with the ETag it came with (null when the route sends none). */
export interface Tagged<T> {
  readonly value: T;
  readonly etag: string | null;
}

export interface ApiClient {
  get<T>(path: string, decode: (json: unknown) => T): Promise<T>;
  /**
   * A conditional GET: with `held` (an earlier answer carrying an ETag) the server may answer 304, and `held`
   * itself comes back, nothing downloaded, parsed or decoded. The bulk routes answer so (docs/api.md).
   */
  getRevalidated<T>(path: string, decode: (json: unknown) => T, held: Tagged<T> | null): Promise<Tagged<T>>;
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
  async function call<T>(
    path: string,
    init: RequestInit,
    decode: (json: unknown) => T,
    held: Tagged<T> | null = null,
  ): Promise<Tagged<T>> {
    // Naming the ETag ourselves also keeps the browser's HTTP cache out of it (Fetch: a request carrying
    // If-None-Match is not served from the cache), so the 304 reaches this code instead of a re-read body.
    const etag = held?.etag ?? null;
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, {
        ...init,
        headers: {
          Accept: 'application/json',
          'X-API-Key': apiKey,
          ...(etag === null ? {} : { 'If-None-Match': etag }),
          ...init.headers,
        },
      });
    } catch (e) {
      throw new ApiError(
        'network',
        `The API did not answer (${e instanceof Error ? e.message : String(e)}).`,
      );
    }
    if (res.status === 304 && held !== null) return held;
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      if (res.ok)
        throw new ApiError('decode', `The API sent something that is not JSON for ${path}.`, res.status);
    }
    const answer = res.ok ? NO_ANSWER : answerOf(body);
    if (res.status === 401 || res.status === 403) {
      throw new ApiError('unauthorized', answer.detail ?? 'The API key was rejected.', res.status, answer);
    }
    if (!res.ok) {
      throw new ApiError('http', `${res.status}: ${answer.detail ?? res.statusText}`, res.status, answer);
    }
    try {
      return { value: decode(body), etag: res.headers.get('etag') };
    } catch (e) {
      if (e instanceof DecodeError) throw new ApiError('decode', e.message, res.status);
      throw e;
    }
  }
  return {
    get: async (path, decode) => (await call(path, { method: 'GET' }, decode)).value,
    getRevalidated: (path, decode, held) => call(path, { method: 'GET' }, decode, held),
    post: async (path, body, decode) =>
      (
        await call(
          path,
          { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } },
          decode,
        )
      ).value,
  };
}

/** How often a query the server asked to repeat (503 `BUSY`) is tried again, and how long apart (its Retry-After). */
export const BUSY_RETRIES = 12;
export const BUSY_RETRY_MS = 5_000;

/**
 * TanStack Query's `retry`: only a costly answer the server prepares one at a time and was too busy to queue
 * (503 `BUSY`: a filtered track record, a large filtered list) is asked for again; any other failure is shown.
 */
export function retryWhenBusy(failures: number, error: unknown): boolean {
  return failures < BUSY_RETRIES && error instanceof ApiError && error.answer.code === 'BUSY';
}
