/**
 * Query and path values arrive as text, and Ajv's coercion reads more text as numbers than a client means:
 * "Infinity", "1e400", " ", "0x412", "1e3". These checks run before validation and refuse, as the 422 of a schema
 * failure (pydantic's names), what coercion would misread, and read a boolean in every spelling FastAPI takes
 * (`1`, `yes`, `True`…), where coercion knows two; they are the only place that knows how text becomes a value.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preValidationHookHandler } from 'fastify';
import type { ValidationIssue } from '../schemas/common.ts';
import { issuesBesideStage, toValidationIssues } from './errors.ts';

interface TextIssue {
  readonly msg: string;
  readonly type: string;
}
const NON_FINITE: TextIssue = { msg: 'Input should be a finite number', type: 'finite_number' };
const BLANK: TextIssue = { msg: 'Input should not be blank', type: 'blank' };
const NUL: TextIssue = { msg: 'Input should not contain a NUL character', type: 'nul_character' };
const NOT_DECIMAL: TextIssue = {
  msg: 'Input should be a valid integer, unable to parse string as an integer',
  type: 'int_parsing',
};
const REPEATED: TextIssue = { msg: 'Input should be given once, not repeated', type: 'repeated_parameter' };
const NOT_BOOLEAN: TextIssue = {
  msg: 'Input should be a valid boolean, unable to interpret input',
  type: 'bool_parsing',
};

/**
 * How a boolean may be written in a query, as FastAPI reads it (any case): a client ported from the reference
 * sends what its language writes, Python's `True` among them, where Ajv's coercion knows only "true" and "false".
 */
const BOOLEAN_TEXT: ReadonlyMap<string, 'true' | 'false'> = new Map([
  ...['1', 'on', 't', 'true', 'y', 'yes'].map((text) => [text, 'true'] as const),
  ...['0', 'off', 'f', 'false', 'n', 'no'].map((text) => [text, 'false'] as const),
]);

type Part = 'query' | 'path';

/**
 * What is wrong with any query or path value that Ajv's coercion would let through, or null: a number that is not
 * finite (Ajv turns "Infinity" or "1e400" into a number that passes an integer check, and a route would then page
 * through everything, or fail), only spaces (Ajv reads " " as 0, so `/predict/precomputed/%20` was match 0), or
 * a NUL character (`%00`), which no PostgreSQL text can hold: a league filter carrying one failed in the query.
 */
function textIssue(value: unknown): TextIssue | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : NON_FINITE;
  if (typeof value !== 'string' || value === '') return null;
  if (value.includes('\u0000')) return NUL;
  const text = value.trim();
  if (text === '') return BLANK;
  return /^[+-]?(infinity|nan)$/i.test(text) ||
    (/^[+-]?[\d.]+(e[+-]?\d+)?$/i.test(text) && !Number.isFinite(Number(text)))
    ? NON_FINITE
    : null;
}

/** One value's issue and where it is. */
interface Located extends TextIssue {
  readonly loc: [Part, string];
}

/** A value's text issue; of a repeated one, its first. */
const valueIssue = (value: unknown): TextIssue | null =>
  Array.isArray(value) ? (value.map(textIssue).find((one) => one !== null) ?? null) : textIssue(value);

/** Whether any value of `values` has a text issue: the test every request takes, without allocations. */
function anyTextIssue(values: unknown): boolean {
  if (typeof values !== 'object' || values === null) return false;
  const record = values as Record<string, unknown>;
  for (const name in record) if (valueIssue(record[name]) !== null) return true;
  return false;
}

/** Every value of `values` with a text issue, and where it is. */
function textIssuesIn(values: unknown, where: Part): Located[] {
  if (typeof values !== 'object' || values === null) return [];
  return Object.entries(values as Record<string, unknown>).flatMap(([name, value]) => {
    const issue = valueIssue(value);
    return issue === null ? [] : [{ loc: [where, name] as [Part, string], ...issue }];
  });
}

/** A field of a route's query or path schema, as these checks need it. */
interface TextField {
  readonly name: string;
  readonly where: Part;
  /** Integers are written in decimal (DECIMAL_INTEGER), then given to the schema as digits only. */
  readonly integer: boolean;
  /** A list may repeat; any other field given twice is refused by name, not by a type error about arrays. */
  readonly list: boolean;
  /** Booleans are read in FastAPI's spellings (BOOLEAN_TEXT), then given to the schema as "true" or "false". */
  readonly boolean: boolean;
}

function textFields(schema: unknown, where: Part): TextField[] {
  if (typeof schema !== 'object' || schema === null || !('properties' in schema)) return [];
  const properties = schema.properties as Record<string, { readonly type?: unknown }>;
  return Object.entries(properties).map(([name, property]) => ({
    name,
    where,
    integer: property.type === 'integer',
    list: property.type === 'array',
    boolean: property.type === 'boolean',
  }));
}

/**
 * An integer as pydantic reads text: decimal digits, optionally signed, with single underscores between digits
 * (Python's `1_000`) and a fraction of zeros only (`5.0`, `5.`, which Python clients write for a float that holds
 * an integer). Number() would also read hex, binary, octal and exponents.
 */
const DECIMAL_INTEGER = /^\s*([+-]?\d+(?:_\d+)*)(?:\.0*)?\s*$/;

/** The fields a route checks itself: integers (decimal only) and every field that is no list (given once). */
function checkedFields(schema: { readonly querystring?: unknown; readonly params?: unknown } | undefined) {
  return [...textFields(schema?.querystring, 'query'), ...textFields(schema?.params, 'path')].filter(
    (field) => field.integer || !field.list,
  );
}

/** What is wrong with one checked field's value, or null. */
function fieldIssue(request: FastifyRequest, field: TextField): TextIssue | null {
  const values = (field.where === 'query' ? request.query : request.params) as Record<string, unknown>;
  const value = values[field.name];
  if (Array.isArray(value)) return field.list ? null : REPEATED;
  if (typeof value !== 'string') return null;
  if (field.integer) {
    // A test, not an exec: this runs on every request with an integer (the precomputed reads included).
    if (!DECIMAL_INTEGER.test(value)) return NOT_DECIMAL;
    // Past 300 characters a number may no longer be finite; underscores hide it from textIssue's test.
    return value.length > 300 && !Number.isFinite(Number(spelled(field, value) ?? value)) ? NON_FINITE : null;
  }
  return field.boolean && !BOOLEAN_TEXT.has(value.trim().toLowerCase()) ? NOT_BOOLEAN : null;
}

/** A checked value's text as the schema reads it: "true" or "false", digits only; undefined to keep it. */
function spelled(field: TextField, text: string): string | undefined {
  if (field.boolean) return BOOLEAN_TEXT.get(text.trim().toLowerCase());
  // Plain digits, what nearly every request sends, stay as they are.
  if (!field.integer || (!text.includes('_') && !text.includes('.'))) return undefined;
  const digits = DECIMAL_INTEGER.exec(text)?.[1];
  return digits?.replaceAll('_', '');
}

/** Writes each boolean and integer field of `where` in `values` as the schema reads it (spelled). */
function spellValues(values: unknown, fields: readonly TextField[], where: Part): void {
  const record = values as Record<string, unknown>;
  for (const field of fields) {
    if (field.where !== where) continue;
    const value = record[field.name];
    const text = typeof value === 'string' ? spelled(field, value) : undefined;
    if (text !== undefined) record[field.name] = text;
  }
}

/**
 * Every problem of the query and path, as FastAPI lists them all: these checks' (one per value), then the schema's
 * on the values these checks passed. Only on the way to a 422, so its cost does not matter.
 */
function everyIssue(request: FastifyRequest): ValidationIssue[] {
  const fields = checkedFields(request.routeOptions.schema);
  const ours = [
    ...textIssuesIn(request.query, 'query'),
    ...textIssuesIn(request.params, 'path'),
    ...fields.flatMap((field) => {
      const issue = fieldIssue(request, field);
      return issue === null ? [] : [{ loc: [field.where, field.name] as [Part, string], ...issue }];
    }),
  ];
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const { loc, msg, type } of ours) {
    if (seen.has(loc.join('/'))) continue;
    seen.add(loc.join('/'));
    issues.push({ loc, msg, type });
  }
  for (const [part, values] of [
    ['querystring', request.query],
    ['params', request.params],
  ] as const) {
    const validate = request.getValidationFunction(part);
    // A copy: Ajv's coercion writes the values it reads. Booleans and integers as the route would pass them on.
    const copy = { ...(values as object) };
    spellValues(copy, fields, part === 'params' ? 'path' : 'query');
    if (validate === undefined || validate(copy)) continue;
    for (const issue of toValidationIssues(part, validate.errors ?? []))
      if (!seen.has(issue.loc.slice(0, 2).join('/'))) issues.push(issue);
  }
  return issues;
}

const refuse = (request: FastifyRequest, reply: FastifyReply) =>
  reply
    .code(422)
    .send({ detail: issuesBesideStage(everyIssue(request), request), code: 'VALIDATION_FAILED' });

/** The route's own check of its fields (see TextField), or null when it has none to check. */
function fieldCheck(fields: readonly TextField[]): preValidationHookHandler | null {
  if (fields.length === 0) return null;
  const spelledFields = fields.filter((field) => field.boolean || field.integer);
  return (request, reply, done) => {
    for (const field of fields) if (fieldIssue(request, field) !== null) return void refuse(request, reply);
    spellValues(request.query, spelledFields, 'query');
    spellValues(request.params, spelledFields, 'path');
    done();
  };
}

/** Installs both checks: on every request, and on each route with fields to check. Call before routes register. */
export function installTextValueChecks(app: FastifyInstance): void {
  // A callback hook without allocations: it runs on every request, the precomputed reads included.
  app.addHook('preValidation', (request, reply, done) => {
    if (!anyTextIssue(request.query) && !anyTextIssue(request.params)) return done();
    void refuse(request, reply);
  });
  app.addHook('onRoute', (route) => {
    const check = fieldCheck(checkedFields(route.schema));
    if (check !== null) route.preValidation = [...[route.preValidation ?? []].flat(), check];
  });
}
