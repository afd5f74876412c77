/**
 * One place renders every error: catalogue errors as `{detail, code}`; schema failures, and JSON bodies that do not
 * parse or are empty, as the 422 `{"detail": [{loc, msg, type}]}` form with pydantic's names; Fastify's own 4xx
 * (body too large, bad Content-Length) as catalogue errors; a path no route takes as 404, or 405 when other
 * methods take it; anything else is logged and answered 500 without internals.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import Router from 'find-my-way';
import { isDatabaseUnreachable } from '../../db/db.ts';
import { MODEL_ALIASES } from '../../domain/model-signature.ts';
import { ApiError, apiError, type ErrorCode, type SchemaIssue } from '../errors.ts';
import type { ValidationIssue } from '../schemas/common.ts';
import { FORBIDDEN_JSON_KEY } from './body-parsing.ts';
import { SERVER_LIMITS } from './security.ts';

const LOCATIONS: Record<string, string> = {
  querystring: 'query',
  params: 'path',
  body: 'body',
  headers: 'header',
};

/**
 * Pydantic v2's type and message for a wrong JSON type: `…_type` for a JSON body, `…_parsing` for text (query,
 * path, headers), where the value is a string that did not parse. Clients written against the FastAPI reference
 * branch on these.
 */
const WRONG_TYPE: Record<string, { readonly type: string; readonly text?: string; readonly msg: string }> = {
  integer: {
    type: 'int',
    text: 'unable to parse string as an integer',
    msg: 'Input should be a valid integer',
  },
  number: {
    type: 'float',
    text: 'unable to parse string as a number',
    msg: 'Input should be a valid number',
  },
  boolean: { type: 'bool', text: 'unable to interpret input', msg: 'Input should be a valid boolean' },
  string: { type: 'string', msg: 'Input should be a valid string' },
  array: { type: 'list', msg: 'Input should be a valid list' },
  object: { type: 'dict', msg: 'Input should be a valid dictionary' },
};

/** "'a', 'b' or 'c'", as pydantic lists the allowed literals. */
function literals(values: readonly unknown[]): string {
  const quoted = values.map((v) => `'${String(v)}'`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : (quoted[0] ?? '');
}

/** pydantic's issue for a body that is no JSON object (text, or a JSON array or number). */
const NO_OBJECT_BODY = {
  type: 'model_attributes_type',
  msg: 'Input should be a valid dictionary or object to extract fields from',
} as const;

/** One Ajv failure as pydantic v2 would name and word it. */
function pydanticIssue(
  issue: SchemaIssue,
  context: string | undefined,
  atRoot: boolean,
  constants: readonly unknown[],
): { msg: string; type: string } {
  const limit = String(issue.params.limit);
  switch (issue.keyword) {
    case 'required':
      return { type: 'missing', msg: 'Field required' };
    case 'additionalProperties':
      return { type: 'extra_forbidden', msg: 'Extra inputs are not permitted' };
    case 'type': {
      const wrong = WRONG_TYPE[String(issue.params.type)];
      if (!wrong) break;
      if (wrong.type === 'dict' && context === 'body' && atRoot) return NO_OBJECT_BODY;
      return context !== 'body' && wrong.text
        ? { type: `${wrong.type}_parsing`, msg: `${wrong.msg}, ${wrong.text}` }
        : { type: `${wrong.type}_type`, msg: wrong.msg };
    }
    case 'maximum':
      return { type: 'less_than_equal', msg: `Input should be less than or equal to ${limit}` };
    case 'minimum':
      return { type: 'greater_than_equal', msg: `Input should be greater than or equal to ${limit}` };
    case 'exclusiveMaximum':
      return { type: 'less_than', msg: `Input should be less than ${limit}` };
    case 'exclusiveMinimum':
      return { type: 'greater_than', msg: `Input should be greater than ${limit}` };
    case 'enum':
      return {
        type: 'literal_error',
        msg: `Input should be ${literals(issue.params.allowedValues as unknown[])}`,
      };
    case 'const':
    case 'anyOf':
      return { type: 'literal_error', msg: `Input should be ${literals(constants)}` };
    case 'pattern':
      return {
        type: 'string_pattern_mismatch',
        msg: `String should match pattern '${String(issue.params.pattern)}'`,
      };
    case 'format':
      return {
        type: 'string_pattern_mismatch',
        msg: `String should be a valid ${String(issue.params.format)}`,
      };
    case 'minLength':
      return {
        type: 'string_too_short',
        msg: `String should have at least ${limit} character${limit === '1' ? '' : 's'}`,
      };
    case 'maxLength':
      return { type: 'string_too_long', msg: `String should have at most ${limit} characters` };
  }
  return { type: issue.keyword, msg: issue.message ? `Input ${issue.message}` : 'Invalid input' };
}

/** Turns Ajv's errors into FastAPI-style 422 issues. */
export function toValidationIssues(
  context: string | undefined,
  issues: readonly SchemaIssue[],
): ValidationIssue[] {
  const where = LOCATIONS[context ?? ''] ?? context ?? 'request';
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  // A union of literals fails once per branch, each naming one constant: the line names them all.
  const constants = new Map<string, unknown[]>();
  for (const issue of issues)
    if (issue.keyword === 'const')
      constants.set(issue.instancePath, [
        ...(constants.get(issue.instancePath) ?? []),
        issue.params.allowedValue,
      ]);
  for (const issue of issues) {
    const path = issue.instancePath.split('/').filter((p) => p !== '');
    if (issue.keyword === 'required') path.push(String(issue.params.missingProperty));
    if (issue.keyword === 'additionalProperties') path.push(String(issue.params.additionalProperty));
    const loc = [where, ...path.map((p) => (/^\d+$/.test(p) && context === 'body' ? Number(p) : p))];
    const { msg, type } = pydanticIssue(
      issue,
      context,
      path.length === 0,
      constants.get(issue.instancePath) ?? [],
    );
    const entry = { loc, msg, type };
    const key = JSON.stringify(entry.loc) + entry.type;
    // anyOf failures repeat one location per branch; one line per location is enough.
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  // A value of the wrong type is not also a wrong name (`"stage": null` is a string_type, as pydantic says once).
  const mistyped = new Set(
    out.filter((e) => /_(type|parsing)$/.test(e.type)).map((e) => JSON.stringify(e.loc)),
  );
  return out.filter((e) => e.type !== 'literal_error' || !mistyped.has(JSON.stringify(e.loc)));
}

/** Any thrown error: Fastify's carry a code and a status, others may. */
type AnyError = Error & Partial<Pick<FastifyError, 'code' | 'statusCode'>>;

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

/**
 * A JSON body that does not parse, or is empty, is a validation failure in the FastAPI reference (422 with
 * `json_invalid` or a missing body), not a 400.
 */
const NO_BODY: ValidationIssue = { loc: ['body'], msg: 'Field required', type: 'missing' };
const UNREADABLE_JSON: Record<string, ValidationIssue> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' },
  // A Content-Type that is no media type at all (`;`, `a/b/c`): the body is read as no JSON, as for `text/plain`.
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { loc: ['body'], ...NO_OBJECT_BODY },
  FST_ERR_CTP_EMPTY_JSON_BODY: NO_BODY,
  [FORBIDDEN_JSON_KEY]: {
    loc: ['body'],
    msg: 'JSON keys "__proto__" and "constructor" (with "prototype" inside) are not accepted',
    type: 'json_invalid',
  },
};

function asApiError(error: AnyError): ApiError | null {
  if (error instanceof ApiError) return error;
  // An outage, not a fault of this request: retryable, and logged (with the driver's error) as every 5xx is.
  if (isDatabaseUnreachable(error)) return apiError('DATABASE_UNAVAILABLE', undefined, error);
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return apiError(mapped, error.message);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    if (error.statusCode === 413) return apiError('PAYLOAD_TOO_LARGE', error.message);
    return apiError('BAD_REQUEST', error.message);
  }
  return null;
}

const RETRY_AFTER_SECONDS = '5';

function stageOf(input: unknown): unknown {
  return typeof input === 'object' && input !== null && 'stage' in input ? input.stage : undefined;
}

/** The parts of a request an error answer may name (the stage it asked for, whether a body came). */
interface RequestInput {
  readonly query?: unknown;
  readonly body?: unknown;
}

/**
 * The issues a 422 lists. The reference reads `stage` as any text and refuses an unknown name (400) only once the
 * rest of the request is valid, so among other faults a stage given as text is no fault of its own.
 */
export function issuesBesideStage(
  detail: readonly ValidationIssue[],
  input: RequestInput,
): ValidationIssue[] {
  return detail.filter((issue) => stageNameRefused(issue, input) === undefined);
}

/** The stage name `issue` refuses (a text no alias holds, in the query or the body), or undefined. */
function stageNameRefused(issue: ValidationIssue, input: RequestInput): string | undefined {
  if (issue.loc.at(-1) !== 'stage' || issue.type !== 'literal_error') return undefined;
  const part = issue.loc[0] === 'body' ? input.body : issue.loc[0] === 'query' ? input.query : undefined;
  const given = stageOf(part);
  return typeof given === 'string' ? given : undefined;
}

/** What an error is answered with, and what a 5xx logs. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: { readonly detail: string | readonly ValidationIssue[]; readonly code: string };
  /** The error a 5xx logs (a known error's cause when it has one) and the log line's message. */
  readonly logged: unknown;
  readonly message: string;
}

/**
 * The documented answer to `error`: a failed schema check or an unreadable JSON body is a 422 (an unknown stage a
 * 400), a known error (ours, or a Fastify client error) its own status, anything else a 500 that shows nothing of
 * the error. Also the queue view's (Bull Board sets an error handler of its own on its routes).
 */
export function errorAnswer(error: AnyError, input: RequestInput = {}): ErrorAnswer {
  const failed = error as AnyError & Partial<Pick<FastifyError, 'validation' | 'validationContext'>>;
  if (failed.validation) {
    const detail =
      failed.validationContext === 'body' && input.body == null
        ? [NO_BODY]
        : toValidationIssues(failed.validationContext, failed.validation as SchemaIssue[]);
    // The reference contract answers an unknown stage with 400, naming what is served, once the rest of the
    // request is valid (other faults come first, as 422, without it); on a route that takes no stage, `stage` is
    // an unknown parameter like any other (422), and a stage that is no text (`"stage": null`, `5`) is of the
    // wrong type (422).
    const listed = issuesBesideStage(detail, input);
    if (listed.length === 0 && detail.length > 0) {
      const given = stageNameRefused(detail[0] as ValidationIssue, input);
      const message = `unknown stage ${JSON.stringify(given)}: expected one of ${MODEL_ALIASES.join(', ')}`;
      return { status: 400, body: { detail: message, code: 'STAGE_NOT_SERVED' }, logged: error, message };
    }
    return {
      status: 422,
      body: { detail: listed, code: 'VALIDATION_FAILED' },
      logged: error,
      message: 'invalid input',
    };
  }
  const unreadable = error.code ? UNREADABLE_JSON[error.code] : undefined;
  if (unreadable)
    return {
      status: 422,
      body: { detail: [unreadable], code: 'VALIDATION_FAILED' },
      logged: error,
      message: 'unreadable body',
    };
  const known = asApiError(error);
  if (known)
    return {
      status: known.status,
      body: { detail: known.detail, code: known.code },
      logged: known.cause ?? known,
      message: known.detail,
    };
  return {
    status: 500,
    body: { detail: 'internal server error', code: 'INTERNAL' },
    logged: error,
    message: 'unhandled error',
  };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const answer = errorAnswer(error, request);
    // A 503 to a client already gone (its queued answer dropped because it left) is read by nobody and asks
    // nothing of an operator: no error line for each request a client drops.
    const unread = answer.status === 503 && reply.raw.destroyed;
    if (answer.status >= 500)
      request.log[unread ? 'debug' : 'error'](
        { request_id: request.id, err: answer.logged, code: answer.body.code },
        answer.message,
      );
    // A 503 is temporary by definition: say when to come back.
    if (answer.status === 503) void reply.header('retry-after', RETRY_AFTER_SECONDS);
    return reply.code(answer.status).send(answer.body);
  });

  answerUnrouted(app);
}

/**
 * A request no route takes: 405 with `Allow` when the path has routes for other methods only (as the FastAPI reference
 * answers), else 404. A second router holds every route's path and method to answer that; it is asked only here.
 * OPTIONS is left out: CORS, when on, answers preflights on every path.
 */
function answerUnrouted(app: FastifyInstance): void {
  const paths = Router({ ignoreTrailingSlash: true, maxParamLength: SERVER_LIMITS.maxParamLength });
  const methods = new Set<Router.HTTPMethod>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat() as Router.HTTPMethod[])
      if (method !== 'OPTIONS') {
        paths.on(method, route.url, () => {});
        methods.add(method);
      }
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = [...methods].filter((method) => paths.find(method, path) !== null);
    // A route of this very method that answered "not found" (a missing file under a static prefix) is a 404.
    if (allowed.length === 0 || allowed.includes(request.method as Router.HTTPMethod))
      return reply.code(404).send({ detail: `no route ${request.method} ${path}`, code: 'ROUTE_NOT_FOUND' });
    const allow = allowed.join(', ');
    return reply
      .code(405)
      .header('allow', allow)
      .send({
        detail: `${request.method} is not allowed on ${path}; allowed: ${allow}`,
        code: 'METHOD_NOT_ALLOWED',
      });
  });
}
