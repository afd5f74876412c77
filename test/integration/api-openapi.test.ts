/**
 * The served OpenAPI document is one a client generator accepts, and it tells the truth about access: valid
 * OpenAPI 3.0 (checked by a standard validator), a unique operationId on every operation, a security
 * requirement on every operation that the server enforces as written, a documented 422 whose schema the real
 * 422 answers satisfy, and the errors (400, 413, 414, 429, 503) any route of its kind can answer.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, type ApiFixture, createApiFixture } from '../unit/api/fixture.ts';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  responses: Record<
    string,
    { content?: Record<string, { schema: object }>; headers?: Record<string, object> }
  >;
}
type Paths = Record<string, Record<string, Operation>>;

const MONITORING_KEY = 'monitor-key-123';
let f: ApiFixture;
let doc: { openapi: string; paths: Paths; components: { schemas: Record<string, object> } };
let operations: { method: string; path: string; operation: Operation }[];

beforeAll(async () => {
  f = await createApiFixture({ monitoringApiKey: MONITORING_KEY });
  doc = (await f.app.inject({ url: '/openapi.json' })).json();
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
  );
});
afterAll(async () => {
  await f?.close();
});

/** A concrete URL for a documented path: ids that exist in the fixture's artifacts. */
const urlOf = (path: string) => path.replace('{match_id}', '1000').replace('{task_id}', 'no-such-task');

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.0', async () => {
    expect(doc.openapi).toMatch(/^3\.0\./);
    // The validator dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    expect(operations.length).toBeGreaterThan(20);
  });

  it('names every operation once', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.filter((id) => id === undefined)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says who may call each operation, and the server agrees', async () => {
    for (const { method, path, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.security, where).toBeDefined();
      const schemes = (operation.security ?? []).flatMap(Object.keys);
      const expected = path.startsWith('/predict/')
        ? ['apiKey']
        : path.startsWith('/monitoring/')
          ? ['monitoringKey']
          : [];
      expect(schemes, where).toEqual(expected);
      const url = urlOf(path);
      const anonymous = await f.app.inject({ method: method.toUpperCase() as 'GET', url });
      if (schemes.length > 0) expect(anonymous.statusCode, where).toBe(401);
      else expect(anonymous.statusCode, where).not.toBe(401);
      if (schemes.includes('monitoringKey')) {
        const headers = { 'x-api-key': MONITORING_KEY };
        const keyed = await f.app.inject({ method: method.toUpperCase() as 'GET', url, headers });
        expect(keyed.statusCode, where).not.toBe(401);
      }
    }
  });

  it('documents the 422 every operation gives, in the shape it is given', async () => {
    const ajv = new Ajv({ strict: false });
    for (const { method, path, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      const documented = operation.responses['422']?.content?.['application/json']?.schema;
      expect(documented, where).toBeDefined();
      const key = path.startsWith('/monitoring/') ? MONITORING_KEY : API_KEY;
      const res = await f.app.inject({
        method: method.toUpperCase() as 'GET',
        url: `${urlOf(path)}?no_such_parameter=1`,
        headers: { 'x-api-key': key },
      });
      expect(res.statusCode, where).toBe(422);
      const validate = ajv.compile({ ...(documented as object), components: doc.components });
      expect(validate(res.json()), `${where}: ${JSON.stringify(validate.errors)}`).toBe(true);
      // A POST without its body is refused for the body first.
      const loc = method === 'post' ? ['body'] : ['query', 'no_such_parameter'];
      expect(res.json(), where).toMatchObject({ code: 'VALIDATION_FAILED', detail: [{ loc }] });
    }
  });

  it('declares the errors any operation of its kind can answer, and the server answers them', async () => {
    for (const { method, path, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      const declared = Object.keys(operation.responses);
      expect(declared, where).toEqual(expect.arrayContaining(['400', '503']));
      if (path.includes('{')) expect(declared, where).toContain('414');
      if (method === 'post') expect(declared, where).toContain('413');
      if (path.startsWith('/predict/')) expect(declared, where).toContain('429');
    }
    // Each one, answered in the declared shape ({detail, code}).
    const headers = { 'x-api-key': API_KEY };
    const answers = [
      await f.app.inject({ url: '/predict/precomputed/%zz', headers }),
      await f.app.inject({ url: `/predict/precomputed/${'1'.repeat(201)}`, headers }),
      await f.app.inject({
        method: 'POST',
        url: '/predict/async/',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: `{"match_id": 1000, "pad": "${'x'.repeat(1024 * 1024)}"}`,
      }),
    ];
    expect(answers.map((res) => [res.statusCode, Object.keys(res.json())])).toEqual([
      [400, ['detail', 'code']],
      [414, ['detail', 'code']],
      [413, ['detail', 'code']],
    ]);
  });

  it('names the shared error bodies once, by reference, and the Retry-After of every 429 and 503', () => {
    for (const { method, path, operation } of operations)
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const where = `${method.toUpperCase()} ${path} ${status}`;
        const schema = response.content?.['application/json']?.schema;
        // Only /readyz's 503 has a body of its own (the checks that failed).
        if (path === '/readyz') continue;
        const body = status === '422' ? 'ValidationErrorBody' : 'ErrorBody';
        expect(schema, where).toEqual({ $ref: `#/components/schemas/${body}` });
        if (status === '429' || status === '503')
          expect(Object.keys(response.headers ?? {}), where).toEqual(['Retry-After']);
      }
  });

  it('types every time of an answer alike, as a date-time (a bare day as a date)', () => {
    // A generator that maps date-time to a date type must not give a date on one route and text on another.
    const times: string[] = [];
    const untyped: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        const schema = value as { type?: unknown; format?: unknown; description?: unknown };
        const time =
          /(_at|^at|^kickoff|^last_heartbeat|time_?utc)$/i.test(key) ||
          String(schema?.description).startsWith('ISO 8601');
        if (time && schema?.type === 'string')
          (schema.format === 'date-time' ? times : untyped).push(`${where}.${key}`);
        walk(value, `${where}.${key}`);
      }
    };
    for (const { method, path, operation } of operations)
      walk(operation.responses['200']?.content, `${method.toUpperCase()} ${path}`);
    expect(untyped).toEqual([]);
    const record = operations.find((o) => o.operation.operationId === 'getTrackRecord')?.operation;
    const series = record?.responses['200']?.content?.['application/json']?.schema as {
      properties: { series: { items: { properties: { date: object } } } };
    };
    expect(series.properties.series.items.properties.date, 'series[].date, a bare day').toMatchObject({
      format: 'date',
    });
    // The five that were plain text, and one of the many that always said ISO 8601.
    const typed = times.map((where) =>
      where.replace(/\.(content|application\/json|schema|properties|items)/g, ''),
    );
    expect(typed).toEqual(
      expect.arrayContaining([
        'GET /livescores/.startTimeUtc',
        'GET /predict/model/info.created_at',
        'GET /predict/model/history.at',
        'GET /monitoring/celery/workers.workers.last_heartbeat',
        'GET /monitoring/sources.sources.last_attempt_at',
        'GET /predict/history/{match_id}.predictions.logged_at',
      ]),
    );
  });

  it('lists the three outcome names wherever a predicted_label is answered', () => {
    const labels: unknown[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'predicted_label') labels.push((value as { enum?: unknown }).enum);
        walk(value);
      }
    };
    for (const { operation } of operations) walk(operation.responses['200']?.content);
    // listPredictions, getPrecomputedPrediction, listCards, predictMatch, getTaskStatus
    expect(labels).toHaveLength(5);
    for (const names of labels) expect(names).toEqual(['home_win', 'draw', 'away_win']);
  });

  it('types every enum, so a client generator makes a string union of it rather than "any"', () => {
    const untyped: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const schema = node as { enum?: unknown[]; type?: unknown };
      // `enum: [null]` is how OpenAPI 3.0 spells a value that is always null.
      const names = Array.isArray(schema.enum) && !(schema.enum.length === 1 && schema.enum[0] === null);
      if (names && (schema.type !== 'string' || !schema.enum?.every((v) => typeof v === 'string')))
        untyped.push(where);
      for (const [key, value] of Object.entries(node)) walk(value, `${where}/${key}`);
    };
    walk(doc.paths, '#/paths');
    walk(doc.components, '#/components');
    expect(untyped).toEqual([]);
    // The stage of a live prediction, in its query and in the async body: 24 enums were bare before.
    const stage = operations.find((o) => o.operation.operationId === 'getModelInfo')?.operation;
    expect(stage?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'stage', schema: expect.objectContaining({ type: 'string' }) }),
      ]),
    );
  });

  it('documents the conditional GET of the bulk routes, and the server answers it so', async () => {
    const conditional = operations.filter(({ operation }) => operation.responses['304'] !== undefined);
    expect(conditional.map(({ path }) => path).sort()).toEqual([
      '/predict/cards/',
      '/predict/odds/',
      '/predict/predictions/',
      '/predict/region-roi/',
    ]);
    const headers = { 'x-api-key': API_KEY };
    for (const { path, operation } of conditional) {
      expect(operation.parameters?.filter((p) => p.in === 'header').map((p) => p.name)).toEqual([
        'if-none-match',
      ]);
      expect(Object.keys(operation.responses['200']?.headers ?? {})).toEqual(['ETag', 'Vary']);
      const first = await f.app.inject({ url: path, headers });
      const etag = first.headers.etag as string;
      expect(etag, path).toMatch(/^"/);
      const again = await f.app.inject({ url: path, headers: { ...headers, 'if-none-match': etag } });
      expect([again.statusCode, again.headers.etag], path).toEqual([304, etag]);
    }
  });
});
