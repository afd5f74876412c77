/**
 * The API's error catalogue: every error a route can answer with has a stable code, an HTTP status and a
 * message. Services and routes throw these; one handler (plugins/errors.ts) renders them as
 * `{"detail": message, "code": code}`. Clients may branch on `code`; the message is for people.
 *
 * @example
 *   throw apiError('MATCH_NOT_FOUND', `match ${id} is not in the feature file`);
 */
export const ERROR_CATALOGUE = {
  BAD_REQUEST: { status: 400, message: 'the request could not be read' },
  STAGE_NOT_SERVED: { status: 400, message: 'no model version holds this stage' },
  UNAUTHORIZED: { status: 401, message: 'missing or invalid X-API-Key header' },
  CROSS_SITE_WRITE: {
    status: 403,
    message: 'the queue view takes changes from its own page or a tool, never from another site',
  },
  MATCH_NOT_FOUND: { status: 404, message: 'match not found' },
  TASK_NOT_FOUND: { status: 404, message: 'unknown or expired task id' },
  ROUTE_NOT_FOUND: { status: 404, message: 'no such route' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'the route does not take this method; see Allow' },
  QUEUE_VIEW_UNAVAILABLE: {
    status: 404,
    message: 'the queue view needs a BullMQ queue (set REDIS_URL); the in-process queue has none to show',
  },
  REQUEST_TIMEOUT: {
    status: 408,
    message: 'the request did not arrive in time (its head within 10 s, the whole within 30 s)',
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'request body larger than 1 MiB' },
  URI_TOO_LONG: { status: 414, message: 'the URL is too long' },
  VALIDATION_FAILED: { status: 422, message: 'request validation failed' },
  RATE_LIMITED: { status: 429, message: 'too many requests; retry after the Retry-After seconds' },
  HEADERS_TOO_LARGE: { status: 431, message: 'the request headers are too large' },
  TASK_FAILED: { status: 500, message: 'the prediction task failed' },
  INTERNAL: { status: 500, message: 'internal server error' },
  NO_WORKER_ALIVE: { status: 503, message: 'no worker is listening on the ml queue' },
  FEATURES_NOT_LOADED: { status: 503, message: 'the feature file is not loaded yet' },
  QUEUE_UNAVAILABLE: { status: 503, message: 'the task queue (Redis) does not answer; retry shortly' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'the database does not answer; retry shortly' },
  BUSY: {
    status: 503,
    message: 'other large answers are being prepared, one at a time; retry shortly',
  },
  SHUTTING_DOWN: { status: 503, message: 'the server is shutting down; retry on another instance' },
  CONNECTION_SPENT: {
    status: 503,
    message:
      'this connection has carried all the requests it takes and closes; send the request again on a new one',
  },
  INFERENCE_TIMEOUT: { status: 504, message: 'the worker did not answer in time' },
} as const satisfies Record<string, { readonly status: number; readonly message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** An error the API answers with: its code fixes the status; `detail` is what the client reads. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string = ERROR_CATALOGUE[code].message,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.status = ERROR_CATALOGUE[code].status;
  }
}

export function apiError(code: ErrorCode, detail?: string, cause?: unknown): ApiError {
  return new ApiError(code, detail, cause === undefined ? undefined : { cause });
}

/** One schema problem, as Ajv reports it: the keyword that failed, where, and its parameters (`limit`, `format`…). */
export interface SchemaIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message?: string | undefined;
  readonly params: Record<string, unknown>;
}

/**
 * A check the schema cannot express, failed: thrown like a schema failure, so the error handler answers it as it
 * answers Ajv's (422, FastAPI-style issues).
 */
export function schemaFailure(
  validationContext: 'querystring' | 'params' | 'body',
  validation: readonly SchemaIssue[],
): Error {
  return Object.assign(new Error('schema check failed'), { validation, validationContext });
}
