/**
 * Query and path values arrive as text, and Ajv's coercion reads more text as numbers than a client means:
 * "Infinity", "1e400", " ", "0x412", "1e3". These checks run before validation and refuse, as the 422 of a schema
 * failure (pydantic's names), what coercion would misread; they are the only place that knows how text becomes a
 * value.
 */
import type { FastifyInstance, FastifyReply, preValidationHookHandler } from 'fastify';

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

/** The first value of `values` with a text issue, and where it is; null when there is none. */
function textIssueIn(values: unknown, where: Part): { loc: [string, string]; issue: TextIssue } | null {
  if (typeof values !== 'object' || values === null) return null;
  const record = values as Record<string, unknown>;
  for (const name in record) {
    const value = record[name];
    const issue = Array.isArray(value)
      ? (value.map(textIssue).find((one) => one !== null) ?? null)
      : textIssue(value);
    if (issue !== null) return { loc: [where, name], issue };
  }
  return null;
}

const refuse = (reply: FastifyReply, loc: [string, string], issue: TextIssue) =>
  reply.code(422).send({ detail: [{ loc, msg: issue.msg, type: issue.type }], code: 'VALIDATION_FAILED' });

/** A field of a route's query or path schema, as these checks need it. */
interface TextField {
  readonly name: string;
  readonly where: Part;
  /** Integers are written in decimal: Number() would also read hex, binary, octal and exponents. */
  readonly integer: boolean;
  /** A list may repeat; any other field given twice is refused by name, not by a type error about arrays. */
  readonly list: boolean;
}

function textFields(schema: unknown, where: Part): TextField[] {
  if (typeof schema !== 'object' || schema === null || !('properties' in schema)) return [];
  const properties = schema.properties as Record<string, { readonly type?: unknown }>;
  return Object.entries(properties).map(([name, property]) => ({
    name,
    where,
    integer: property.type === 'integer',
    list: property.type === 'array',
  }));
}

const DECIMAL_INTEGER = /^\s*[+-]?\d+\s*$/;

/** The route's own check of its fields (see TextField), or null when it has none to check. */
function fieldCheck(fields: readonly TextField[]): preValidationHookHandler | null {
  const checked = fields.filter((field) => field.integer || !field.list);
  if (checked.length === 0) return null;
  return (request, reply, done) => {
    for (const field of checked) {
      const values = (field.where === 'query' ? request.query : request.params) as Record<string, unknown>;
      const value = values[field.name];
      const issue = Array.isArray(value)
        ? field.list
          ? null
          : REPEATED
        : field.integer && typeof value === 'string' && !DECIMAL_INTEGER.test(value)
          ? NOT_DECIMAL
          : null;
      if (issue !== null) return void refuse(reply, [field.where, field.name], issue);
    }
    done();
  };
}

/** Installs both checks: on every request, and on each route with fields to check. Call before routes register. */
export function installTextValueChecks(app: FastifyInstance): void {
  // A callback hook without allocations: it runs on every request, the precomputed reads included.
  app.addHook('preValidation', (request, reply, done) => {
    const bad = textIssueIn(request.query, 'query') ?? textIssueIn(request.params, 'path');
    if (bad === null) return done();
    void refuse(reply, bad.loc, bad.issue);
  });
  app.addHook('onRoute', (route) => {
    const check = fieldCheck([
      ...textFields(route.schema?.querystring, 'query'),
      ...textFields(route.schema?.params, 'path'),
    ]);
    if (check !== null) route.preValidation = [...[route.preValidation ?? []].flat(), check];
  });
}
