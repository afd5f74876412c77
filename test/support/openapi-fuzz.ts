/**
 * Hostile requests generated from a served OpenAPI document (fast-check, seeded): every operation, its path,
 * query, body and headers each either well-formed or mutated (wrong types, huge, negative and non-finite
 * numbers, unicode, empty, repeated parameters, invalid JSON, deep nesting, wrong content types, missing, wrong
 * and huge keys, prototype-pollution bodies, foreign origins, preflights and forged X-Forwarded-For). Used by test/integration/api-fuzz.test.ts and bench/fuzz.ts.
 */
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { Value } from 'typebox/value';
import type { SecuritySettings } from '../../src/api/plugins/security.ts';
import { ErrorBody, ValidationErrorBody } from '../../src/api/schemas/common.ts';

interface Schema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly properties?: Record<string, Schema>;
  readonly anyOf?: readonly Schema[];
}
interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly schema?: Schema;
}
interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { content: Record<string, { schema: Schema }> };
}
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
}

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Values no route expects: every route must answer them with a 4xx, never a 5xx. */
const HOSTILE_TEXT = fc.constantFrom(
  '',
  ' ',
  'Infinity',
  '-Infinity',
  'NaN',
  '1e400',
  '-1e400',
  '1e308',
  '-1',
  '-0',
  '0x10',
  '9007199254740993',
  '99999999999999999999999999',
  '1.5',
  'true',
  'null',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '%00',
  '%zz',
  '%C0%AF',
  "' OR 1=1 --",
  '../../etc/passwd',
  '\u0000',
  '😀🏟️',
  'ü'.repeat(300),
  'x'.repeat(5000),
  '2026-02-30',
  '2026-13-01T25:61:00Z',
  'champion',
  'CHAMPION',
);

const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
);

/** A value for one parameter: well-formed for its schema most of the time, hostile otherwise. */
function valueFor(schema: Schema | undefined): fc.Arbitrary<string> {
  const good: fc.Arbitrary<string>[] = [];
  if (schema?.enum) good.push(fc.constantFrom(...schema.enum.map(String)));
  if (schema?.anyOf) good.push(fc.constantFrom(...schema.anyOf.flatMap((s) => (s.enum ?? []).map(String))));
  if (schema?.type === 'integer' || schema?.type === 'number')
    good.push(
      fc
        .integer({ min: Math.max(schema.minimum ?? -1e6, -1e9), max: Math.min(schema.maximum ?? 1e6, 1e9) })
        .map(String),
    );
  if (schema?.type === 'boolean') good.push(fc.constantFrom('true', 'false', '1', '0'));
  good.push(fc.string({ maxLength: 12 }));
  return fc.oneof(...good, HOSTILE_TEXT, numberText, fc.string({ unit: 'binary', maxLength: 40 }));
}

const enc = (text: string) => encodeURIComponent(text);

/** A query string: some of the documented parameters, unknown and repeated ones, polluting names. */
function queryFor(params: readonly Parameter[]): fc.Arbitrary<string> {
  const entry = fc.oneof(
    ...params.map((p) => valueFor(p.schema).map((v) => `${enc(p.name)}=${enc(v)}`)),
    HOSTILE_TEXT.map((v) => `${enc(v)}=1`),
    fc.constantFrom(
      '__proto__[x]=1',
      'constructor[prototype][x]=1',
      'a[b][c]=1',
      '=',
      '&&',
      'limit',
      '%zz=1',
    ),
  );
  return fc.array(entry, { maxLength: 6 }).map((parts) => (parts.length === 0 ? '' : `?${parts.join('&')}`));
}

/** A JSON body: a well-formed object with mutated fields, or something that is not one at all. */
function bodyFor(schema: Schema | undefined): fc.Arbitrary<string> {
  const fields = Object.entries(schema?.properties ?? {});
  const object = fc
    .tuple(...fields.map(([, s]) => fc.oneof(valueFor(s).map(parseLoosely), fc.anything())))
    .map((values) => JSON.stringify(Object.fromEntries(fields.map(([name], i) => [name, values[i]]))));
  return fc.oneof(
    object,
    fc.json(),
    fc.constantFrom(
      '',
      '{',
      '{"match_id":',
      'null',
      '[]',
      '"text"',
      '{"__proto__":{"polluted":true},"match_id":1}',
      '{"constructor":{"prototype":{"polluted":true}},"match_id":1}',
      '{"match_id":1e400}',
      '{"match_id":1,"match_id":2}',
      '{"match_id":"1","stage":["champion"]}',
      `{"match_id":${deep(5000)}}`,
      deep(100_000),
      '\uFEFF{"match_id":1}',
      '{"match_id":1}\u0000',
    ),
  );
}

function parseLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The origin the protected app (FUZZED_PROTECTIONS) allows. */
export const FUZZ_ALLOWED_ORIGIN = 'https://app.example.com';

/**
 * Every protection on, for a second fuzzed app: rate limits (high enough that most requests pass, low enough that
 * some answer 429), CORS for one origin, X-Forwarded-For trusted.
 */
export const FUZZED_PROTECTIONS = {
  rateLimitPerMinute: 20_000,
  rateLimitPerIpPerMinute: 30_000,
  authFailuresPerIpPerMinute: 100,
  corsOrigins: [FUZZ_ALLOWED_ORIGIN],
  trustProxy: true,
} as const satisfies SecuritySettings;

const CONTENT_TYPES = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
  undefined,
);

/**
 * The headers CORS and the per-address limits read: an origin (allowed, foreign or odd), a preflight's method and
 * headers, a proxy's X-Forwarded-For.
 */
const CROSS_ORIGIN = fc.record(
  {
    origin: fc.oneof(fc.constantFrom(FUZZ_ALLOWED_ORIGIN, 'https://evil.example', 'null', ''), HOSTILE_TEXT),
    'access-control-request-method': fc.constantFrom('GET', 'POST', 'DELETE', 'get', ''),
    'access-control-request-headers': fc.constantFrom('x-api-key', 'x-api-key, content-type', 'x-evil'),
    'x-forwarded-for': fc.oneof(
      fc.constantFrom('10.0.0.1', '1.2.3.4, 10.0.0.1', '::1', 'not an address,,', ''),
      HOSTILE_TEXT,
    ),
  },
  { requiredKeys: [] },
);

/** The headers of a request: the key right, wrong, missing, huge or repeated; sometimes odd extras. */
function headersFor(apiKey: string, contentType: fc.Arbitrary<string | undefined>) {
  const key = fc.oneof(
    { weight: 3, arbitrary: fc.constant<string | string[] | undefined>(apiKey) },
    fc.constantFrom<string | string[] | undefined>(
      undefined,
      '',
      'wrong-key-0123',
      'k'.repeat(255),
      'k'.repeat(8000),
      [apiKey, apiKey],
      `${apiKey} `,
      apiKey.toUpperCase(),
    ),
  );
  return fc
    .tuple(key, contentType, fc.option(HOSTILE_TEXT), fc.option(CROSS_ORIGIN, { freq: 6 }))
    .map(([k, type, requestId, crossOrigin]) => {
      const headers: Record<string, string | string[]> = { ...crossOrigin };
      if (k !== undefined) headers['x-api-key'] = k;
      if (type !== undefined) headers['content-type'] = type;
      if (requestId !== null) headers['x-request-id'] = requestId.slice(0, 4000);
      return headers;
    });
}

/** One arbitrary over every operation of the document (and the /v1 copies, and methods no route has). */
export function requestsFrom(doc: OpenApiDocument, apiKey: string): fc.Arbitrary<InjectOptions> {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  const perOperation = operations.map(({ path, method, op }) => {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const body = op.requestBody?.content['application/json']?.schema;
    return fc
      .record({
        pathValues: fc.tuple(...pathParams.map((p) => valueFor(p.schema))),
        query: queryFor(params.filter((p) => p.in === 'query')),
        prefix: fc.constantFrom('', '', '/v1'),
        method: fc.oneof(
          { weight: 9, arbitrary: fc.constant(method) },
          fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        ),
        payload: body || method === 'POST' ? fc.option(bodyFor(body), { freq: 10 }) : fc.constant(null),
        headers: headersFor(apiKey, body ? CONTENT_TYPES : fc.constant(undefined)),
      })
      .map(({ pathValues, query, prefix, method: m, payload, headers }) => {
        let url = path;
        pathParams.forEach((p, i) => {
          url = url.replace(`{${p.name}}`, enc(pathValues[i] ?? ''));
        });
        return {
          method: m as InjectOptions['method'],
          url: `${prefix}${url}${query}`,
          headers,
          ...(payload === null ? {} : { payload }),
        } satisfies InjectOptions;
      });
  });
  return fc.oneof(...perOperation);
}

/** Why a 4xx body breaks the documented error shape, or null when it holds. */
export function errorShapeProblem(status: number, body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `not JSON: ${body.slice(0, 80)}`;
  }
  if (Value.Check(ErrorBody, parsed)) return null;
  if (status === 422 && Value.Check(ValidationErrorBody, parsed)) return null;
  return `not {detail, code}: ${body.slice(0, 120)}`;
}

/** What is wrong with an answer (a 5xx, a 4xx not in the error shape, a 429 without Retry-After), or null. */
export function answerProblem(
  request: InjectOptions | undefined,
  res: LightMyRequestResponse,
): string | null {
  const what = `${request?.method} ${String(request?.url).slice(0, 120)} → ${res.statusCode}`;
  if (res.statusCode >= 500) return `${what}: ${res.body.slice(0, 200)}`;
  if (res.statusCode === 429 && !res.headers['retry-after']) return `${what}: no Retry-After`;
  const problem = res.statusCode >= 400 ? errorShapeProblem(res.statusCode, res.body) : null;
  return problem ? `${what}: ${problem}` : null;
}
