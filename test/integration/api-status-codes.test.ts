/**
 * The reference contract's status codes at the edges: an unknown stage is 400 naming the allowed aliases,
 * non-finite numbers and unknown query parameters are 422 on every route, and errors keep the documented `{detail, code}` shape.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_KEY, type ApiFixture, createApiFixture, registerModel } from '../unit/api/fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => {
  await f?.close();
});

const get = (url: string) => f.app.inject({ method: 'GET', url, headers: { 'x-api-key': API_KEY } });

describe('contract status codes', () => {
  it.each([
    '/predict/1000?stage=bogus',
    '/predict/model/info?stage=bogus',
    '/v1/predict/1000?stage=CHAMPION',
  ])('%s is 400 naming the allowed stages', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      detail: expect.stringMatching(/champion, challenger, candidate/),
      code: 'STAGE_NOT_SERVED',
    });
  });

  it.each([
    '/predict/precomputed/1000?stage=champion',
    '/predict/cards/?stage=champion',
    '/livescores/?stage=bogus',
  ])('%s is 422: a route that takes no stage refuses it as any unknown parameter', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      detail: [{ loc: ['query', 'stage'], type: 'extra_forbidden' }],
      code: 'VALIDATION_FAILED',
    });
  });

  it('refuses an unknown query parameter on every documented route, with or without /v1', async () => {
    const doc = (await get('/openapi.json')).json() as { paths: Record<string, object> };
    const paths = Object.keys(doc.paths).map((path) =>
      path.replace('{match_id}', '1000').replace('{task_id}', 'some-task'),
    );
    expect(paths).toEqual(expect.arrayContaining(['/predict/odds/', '/healthcheck/', '/metrics']));
    for (const path of paths)
      for (const url of [`${path}?colour=red`, `/v1${path}?colour=red`]) {
        const res = await f.app.inject({
          method: path === '/predict/async/' ? 'POST' : 'GET',
          url,
          headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
          payload: path === '/predict/async/' ? '{"match_id":1000}' : undefined,
        });
        expect(res.statusCode, url).toBe(422);
        expect(res.json(), url).toMatchObject({
          detail: [{ loc: ['query', 'colour'], type: 'extra_forbidden' }],
          code: 'VALIDATION_FAILED',
        });
      }
  });

  it.each([
    ['PUT', '/predict/cards/', 'GET, HEAD'],
    ['DELETE', '/v1/predict/1000', 'GET'],
    // A HEAD would run a live prediction to send no body.
    ['HEAD', '/predict/1000', 'GET'],
    ['PUT', '/predict/async/', 'GET, POST'],
    ['POST', '/healthcheck', 'GET, HEAD'],
  ])('%s %s is 405 with Allow: %s', async (method, url, allow) => {
    const res = await f.app.inject({ method, url, headers: { 'x-api-key': API_KEY } });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe(allow);
    // A HEAD answer has no body.
    if (method !== 'HEAD') expect(res.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
  });

  it('a well-formed match id that names no match is 404, a negative one too; one that is no integer is 422', async () => {
    for (const url of ['/predict/precomputed/-1', '/predict/history/-7', '/v1/predict/odds/-1']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ code: 'MATCH_NOT_FOUND' });
    }
    const queued = await f.app.inject({
      method: 'POST',
      url: '/predict/async/',
      headers: { 'x-api-key': API_KEY },
      payload: { match_id: -1 },
    });
    expect(queued.statusCode).toBe(404);
    for (const url of ['/predict/precomputed/1.5', '/predict/precomputed/9007199254740992']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(422);
      expect(res.json(), url).toMatchObject({ detail: [{ loc: ['path', 'match_id'] }] });
    }
  });

  it('a path no route takes is still 404, whatever the method', async () => {
    for (const method of ['GET', 'PUT'] as const) {
      const res = await f.app.inject({ method, url: '/predict/nothing/here' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    }
  });

  it('every 503 says when to retry', async () => {
    await registerModel(f.registry);
    const res = await get('/predict/1000');
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('NO_WORKER_ALIVE');
    expect(res.headers['retry-after']).toBe('5');
  });

  it.each([
    ['/predict/1000?stage=bogus&colour=red', 'colour'],
    ['/predict/abc?stage=bogus', 'match_id'],
    ['/predict/abc?stage=champion', 'match_id'],
  ])('%s is 422 naming only %s: the rest of a request is checked before its stage', async (url, field) => {
    const res = await get(url);
    expect(res.statusCode).toBe(422);
    // As FastAPI, which reads the stage as any text: its name is checked (400) once the rest is valid.
    expect(res.json().detail.map((issue: { loc: string[] }) => issue.loc.at(-1))).toEqual([field]);
  });

  it('POST /predict/async/ with an unknown stage is 400 too, and names only the rest when that is wrong', async () => {
    const post = (payload: object) =>
      f.app.inject({ method: 'POST', url: '/predict/async/', headers: { 'x-api-key': API_KEY }, payload });
    const res = await post({ match_id: 1000, stage: 'bogus' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('STAGE_NOT_SERVED');
    const both = await post({ match_id: 'x', stage: 'bogus' });
    expect(both.statusCode).toBe(422);
    expect(both.json().detail.map((issue: { loc: string[] }) => issue.loc)).toEqual([['body', 'match_id']]);
  });

  it.each([null, 5, true, ['champion']])(
    'POST /predict/async/ with a stage of the wrong type (%j) is 422, as any invalid type',
    async (stage) => {
      const res = await f.app.inject({
        method: 'POST',
        url: '/predict/async/',
        headers: { 'x-api-key': API_KEY },
        payload: { match_id: 1000, stage },
      });
      expect(res.statusCode).toBe(422);
      // Once, as a wrong type: not also as an unknown name.
      expect(res.json().detail.map((issue: { loc: string[] }) => issue.loc)).toEqual([['body', 'stage']]);
    },
  );

  it('GET /predict/model/info serves metrics as numbers and params as texts, as MLflow does', async () => {
    const res = await get('/predict/model/info');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      metrics: { log_loss: 1.01 },
      params: { l2: '1', converged: 'true', family: 'logreg', test_from: '2024-07-01' },
    });
    expect(Object.values(res.json().metrics).every((v) => typeof v === 'number')).toBe(true);
    expect(Object.values(res.json().params).every((v) => typeof v === 'string')).toBe(true);
  });

  it.each([
    '/livescores/?month=Infinity',
    '/livescores/?year=-Infinity',
    '/livescores/?limit=1e400',
    '/livescores/?offset=1e308',
    '/livescores/?month=1e309',
    '/livescores/?month=NaN',
    '/predict/cards/?limit=Infinity',
    '/predict/predictions/?offset=Infinity',
    '/predict/predictions/?region_id=1e400',
  ])('%s is 422, never 500 or everything', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.any(Array) });
  });

  const BLANK = ['Input should not be blank', 'blank'] as const;
  const NUL = ['Input should not contain a NUL character', 'nul_character'] as const;
  const NOT_DECIMAL = [
    'Input should be a valid integer, unable to parse string as an integer',
    'int_parsing',
  ] as const;
  const REPEATED = ['Input should be given once, not repeated', 'repeated_parameter'] as const;
  it.each([
    ['/predict/precomputed/%20', 'path', 'match_id', ...BLANK],
    ['/predict/%20%20', 'path', 'match_id', ...BLANK],
    ['/livescores/?offset=%20', 'query', 'offset', ...BLANK],
    ['/predict/cards/?region_id=+', 'query', 'region_id', ...BLANK],
    // No database text can hold a NUL: a league filter carrying one failed in the query (500).
    ['/predict/track-record?league=%00', 'query', 'league', ...NUL],
    ['/v1/predict/track-record/backtest?league=Premier%00League', 'query', 'league', ...NUL],
    ['/predict/precomputed/1%00', 'path', 'match_id', ...NUL],
    // Integers are decimal: Number() would read these as 1042, 1000, 3 and 2026.
    ['/predict/precomputed/0x412', 'path', 'match_id', ...NOT_DECIMAL],
    ['/predict/precomputed/1e3', 'path', 'match_id', ...NOT_DECIMAL],
    ['/predict/0b11', 'path', 'match_id', ...NOT_DECIMAL],
    ['/livescores/?year=0x7EA', 'query', 'year', ...NOT_DECIMAL],
    ['/livescores/?limit=1e1', 'query', 'limit', ...NOT_DECIMAL],
    // What pydantic refuses too: underscores not between digits, a fraction that is not zero.
    ['/livescores/?limit=1__0', 'query', 'limit', ...NOT_DECIMAL],
    ['/livescores/?limit=_10', 'query', 'limit', ...NOT_DECIMAL],
    ['/predict/precomputed/5.5', 'path', 'match_id', ...NOT_DECIMAL],
    // Underscores kept this from the finite test, and it reached the route as Infinity: every row.
    [
      `/predict/cards/?limit=1_${'0'.repeat(400)}`,
      'query',
      'limit',
      'Input should be a finite number',
      'finite_number',
    ],
    // A field given twice says so (it read "unable to parse string as an integer").
    ['/livescores/?limit=1&limit=2', 'query', 'limit', ...REPEATED],
    ['/predict/cards/?from=2024-01-01&from=2025-01-01', 'query', 'from', ...REPEATED],
    ['/predict/odds/1000?kind=closing&kind=closing', 'query', 'kind', ...REPEATED],
  ])(
    '%s is 422 naming the value (%s %s), not read as 0 or sent to the database',
    async (url, where, name, msg, type) => {
      const res = await get(url);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({ detail: [{ loc: [where, name], msg, type }], code: 'VALIDATION_FAILED' });
    },
  );

  it('lists every problem of the query and path, not only the first value that is no number', async () => {
    const res = await get('/predict/cards/?limit=abc&offset=-1&region_id=1e3&page=2&from=Infinity');
    expect(res.statusCode).toBe(422);
    const detail = (res.json() as { detail: { loc: string[]; type: string }[] }).detail;
    expect(detail.map(({ loc, type }) => `${loc.join('.')} ${type}`).sort()).toEqual([
      'query.from finite_number',
      'query.limit int_parsing',
      'query.offset greater_than_equal',
      'query.page extra_forbidden',
      'query.region_id int_parsing',
    ]);
    const path = await get('/predict/odds/0x412?kind=bogus');
    expect(path.json().detail.map(({ loc }: { loc: string[] }) => loc.join('.'))).toEqual([
      'path.match_id',
      'query.kind',
    ]);
  });
});

describe('errors over a real socket keep the documented shape', () => {
  let port: number;
  beforeAll(async () => {
    port = Number(new URL(await f.app.listen({ port: 0, host: '127.0.0.1' })).port);
  });

  /** Sends raw bytes and reads until the server closes the connection. */
  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      socket.write(request);
    });
  const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));

  it.each([
    [`/predict/precomputed/%zz`, 400, 'BAD_REQUEST'],
    [`/predict/precomputed/${'1'.repeat(300)}`, 414, 'URI_TOO_LONG'],
  ])('%s is %i %s', async (path, status, code) => {
    const response = await raw(
      `GET ${path} HTTP/1.1\r\nHost: t\r\nX-API-Key: ${API_KEY}\r\nConnection: close\r\n\r\n`,
    );
    expect(response.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    expect(bodyOf(response)).toEqual({ detail: expect.any(String), code });
    expect(response).toMatch(/\r\nx-content-type-options: nosniff\r\n/i);
  });

  it('answers 431 to oversized headers with Connection: close, so a keep-alive client is not reset', async () => {
    const response = await raw(
      `GET /healthcheck/ HTTP/1.1\r\nHost: t\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(response.startsWith('HTTP/1.1 431 ')).toBe(true);
    expect(response).toMatch(/\r\nConnection: close\r\n/i);
    expect(bodyOf(response)).toEqual({ detail: expect.any(String), code: 'HEADERS_TOO_LARGE' });
    // Answered before any hook, yet with the data answers' two headers (it had none).
    expect(response).toMatch(/\r\nx-content-type-options: nosniff\r\n/i);
    expect(response).toMatch(/\r\ncontent-security-policy: default-src 'none';frame-ancestors 'none'\r\n/i);
  });

  it('answers a head that does not arrive within 10 s with 408, checked every second (it took 21 s, as 400)', async () => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
    });
    socket.write('GET /healthcheck/ HTTP/1.1\r\nHost: t\r\n');
    await new Promise((resolve) => socket.once('end', resolve));
    socket.destroy();
    const seconds = (performance.now() - started) / 1000;
    expect(text.startsWith('HTTP/1.1 408 ')).toBe(true);
    expect(bodyOf(text)).toEqual({ detail: expect.any(String), code: 'REQUEST_TIMEOUT' });
    expect(seconds).toBeGreaterThan(9.5);
    expect(seconds).toBeLessThan(14);
  }, 30_000);

  it('lets go of a refused client that never closes its side (its descriptor was held for good)', async () => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const answered = new Promise<void>((resolve) => socket.once('end', () => resolve()));
    socket.on('data', () => {});
    socket.write(`GET /healthcheck/ HTTP/1.1\r\nHost: t\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    await answered;
    const open = () =>
      new Promise<number>((resolve, reject) =>
        f.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      );
    expect(await open()).toBe(1);
    await vi.waitFor(async () => expect(await open()).toBe(0), { timeout: 8_000, interval: 250 });
    socket.destroy();
  }, 15_000);

  it('answers an HTTP/1.1 request without Host with 400 in the error shape (Node’s own has no body)', async () => {
    const response = await raw('GET /livez HTTP/1.1\r\n\r\n');
    expect(response.startsWith('HTTP/1.1 400 ')).toBe(true);
    expect(response).toMatch(/\r\nconnection: close\r\n/i);
    expect(bodyOf(response)).toEqual({ detail: expect.stringMatching(/Host/), code: 'BAD_REQUEST' });
    expect(response).toMatch(/\r\nx-content-type-options: nosniff\r\n/i);
    // HTTP/1.0 has no Host requirement.
    expect(await raw('GET /livez HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
  });

  it.each(['application/json', 'application/octet-stream', undefined])(
    'answers a 3 MB body (Content-Type %s) with a 413 that Node’s fetch can read',
    async (type) => {
      const res = await fetch(`http://127.0.0.1:${port}/predict/async/`, {
        method: 'POST',
        headers: { 'x-api-key': API_KEY, ...(type === undefined ? {} : { 'content-type': type }) },
        // A Blob, so fetch adds no Content-Type of its own.
        body: new Blob([JSON.stringify({ match_id: 1, pad: 'x'.repeat(3_000_000) })]),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ detail: expect.any(String), code: 'PAYLOAD_TOO_LARGE' });
    },
  );
});

describe('readiness matches what the pod can serve', () => {
  it('stays ready with the queue down, reporting it as degraded, while precomputed reads go on', async () => {
    const g = await createApiFixture();
    try {
      g.queue.ping = async () => false;
      const res = await g.app.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'degraded', missing: [], degraded: ['queue'] });
      const read = await g.app.inject({
        url: '/predict/precomputed/1000',
        headers: { 'x-api-key': API_KEY },
      });
      expect(read.statusCode).toBe(200);
    } finally {
      await g.close();
    }
  });
});
