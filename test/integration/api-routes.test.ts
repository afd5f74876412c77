/**
 * Every route of docs/api.md through the real Fastify app (inject) over real artifacts, a real database (PGlite)
 * and the in-process queue: answers, auth, 422s, 304s, compression, /v1, trailing slashes, request ids, and a
 * broken artifact keeping the last good copy in service.
 */
import { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_KEYS } from '../../src/domain/artifacts.ts';
import {
  API_KEY,
  type ApiFixture,
  createApiFixture,
  samplePredictions,
  writePredictions,
} from '../unit/api/fixture.ts';

let f: ApiFixture;
const auth = { 'x-api-key': API_KEY };
const get = (url: string, headers: Record<string, string> = auth) =>
  f.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  f = await createApiFixture({ monitoringApiKey: 'monitor-key-123' });
});
afterAll(async () => {
  await f?.close();
});

describe('bulk reads', () => {
  it('serves every prediction without feature vectors', async () => {
    const res = await get('/predict/predictions/');
    expect(res.statusCode).toBe(200);
    const body = res.json() as Record<string, unknown>[];
    expect(body).toHaveLength(20);
    expect(body[0]).toMatchObject({ match_id: 1000, homeTeamName: 'Home 0', predicted_label: 'home_win' });
    expect(Object.keys(body[0] ?? {})).not.toContain('diff_win_5_mean');
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const first = await get('/predict/cards/');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/predict/cards/', { ...auth, 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/predict/cards/', { ...auth, 'if-none-match': '"other"' })).statusCode).toBe(200);
  });

  it('tags each coding of an answer apart, so no cache serves gzip bytes for the plain form', async () => {
    for (const url of ['/predict/cards/', '/predict/cards/?offset=1']) {
      const plain = await get(url);
      const gz = await get(url, { ...auth, 'accept-encoding': 'gzip' });
      const br = await get(url, { ...auth, 'accept-encoding': 'br' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      const tags = [plain, gz, br].map((r) => r.headers.etag as string);
      expect(new Set(tags).size).toBe(3);
      for (const tag of tags) expect(tag).toMatch(/^"[\w-]+"$/);
      const gzTag = { ...auth, 'if-none-match': tags[1] as string };
      const held = await get(url, { ...gzTag, 'accept-encoding': 'gzip' });
      expect(held.statusCode).toBe(304);
      expect(held.headers).toMatchObject({ etag: tags[1], vary: 'accept-encoding' });
      expect((await get(url, gzTag)).statusCode).toBe(200);
      expect((await get(url, { ...auth, 'if-none-match': `W/${tags[0]}` })).statusCode).toBe(304);
    }
  });

  it('sends the pre-compressed gzip or brotli copy when asked', async () => {
    const plain = (await get('/predict/cards/')).body;
    const gz = await get('/predict/cards/', { ...auth, 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toContain('accept-encoding');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain);
    const br = await get('/predict/cards/', { ...auth, 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain);
  });

  it('compresses a filtered answer only in a coding the client accepts', async () => {
    const url = '/predict/cards/?offset=1';
    const plain = (await get(url)).body;
    expect(plain.length).toBeGreaterThan(2048);
    // A client that takes brotli only got gzip here once.
    const br = await get(url, { ...auth, 'accept-encoding': 'br, gzip;q=0' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain);
    const gz = await get(url, { ...auth, 'accept-encoding': 'br;q=0.1, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain);
    const none = await get(url, { ...auth, 'accept-encoding': 'deflate' });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body).toBe(plain);
  });

  it('filters cards without changing the unfiltered answer', async () => {
    const all = (await get('/predict/cards/')).json() as {
      match_id: number;
      is_future: boolean;
      region_id: number;
    }[];
    const future = (await get('/predict/cards/?is_future=true')).json() as typeof all;
    expect(future.map((c) => c.match_id)).toEqual(all.filter((c) => c.is_future).map((c) => c.match_id));
    const page = (await get('/predict/cards/?region_id=2&offset=1&limit=3')).json() as typeof all;
    expect(page.map((c) => c.match_id)).toEqual(
      all
        .filter((c) => c.region_id === 2)
        .slice(1, 4)
        .map((c) => c.match_id),
    );
    const preds = (await get('/predict/predictions/?is_future=false&limit=2')).json() as unknown[];
    expect(preds).toHaveLength(2);
    const filtered = await get('/predict/cards/?is_future=true');
    expect(
      (
        await get('/predict/cards/?is_future=true', {
          ...auth,
          'if-none-match': filtered.headers.etag as string,
        })
      ).statusCode,
    ).toBe(304);
  });

  it('merges odds, results, correctness and value bets into cards', async () => {
    const cards = (await get('/predict/cards/')).json() as Record<string, unknown>[];
    const finished = cards.find((c) => c.status === 'finished');
    expect(finished).toMatchObject({ outcome: expect.any(Number), prediction_correct: expect.any(Boolean) });
    const upcoming = cards.find((c) => c.status === 'scheduled');
    expect(upcoming).toMatchObject({ outcome: null, prediction_correct: null, odd_draw: 3.3 });
    expect(cards.some((c) => c.value_bet !== null)).toBe(true);
  });

  it('serves odds and region ROI', async () => {
    expect(((await get('/predict/odds/')).json() as unknown[]).length).toBe(20);
    expect((await get('/predict/region-roi/')).json()).toEqual([
      {
        region_name: 'England',
        roi_pct: 4.5,
        n_bets: 120,
        hit_rate: 0.41,
        region_id: 1,
        roi_ci95: [-12.25, 21.5],
        max_drawdown: 14.3,
      },
      {
        region_name: 'Spain',
        roi_pct: null,
        n_bets: 0,
        hit_rate: null,
        region_id: 2,
        roi_ci95: null,
        max_drawdown: null,
      },
    ]);
  });
});

describe('precomputed', () => {
  it('answers one match and 404 for an unknown one', async () => {
    const res = await get('/predict/precomputed/1003');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ match_id: 1003, predicted_class: 0, predicted_label: 'home_win' });
    const missing = await get('/predict/precomputed/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'MATCH_NOT_FOUND' });
  });

  it('rejects a non-integer id with 422 located in the path', async () => {
    const res = await get('/predict/precomputed/abc');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ detail: [{ loc: ['path', 'match_id'], type: 'int_parsing' }] });
  });
});

describe('routing', () => {
  it('answers under /v1 and with or without a trailing slash', async () => {
    for (const url of [
      '/v1/predict/predictions/',
      '/v1/predict/predictions',
      '/predict/predictions',
      '/v1/healthcheck',
    ]) {
      expect((await get(url)).statusCode, url).toBe(200);
    }
    expect((await get('/v1/predict/precomputed/1000/')).statusCode).toBe(200);
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await get('/nowhere');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('echoes a sane X-Request-ID and makes one otherwise', async () => {
    // Any visible ASCII up to 128 characters, as documented (ids such as "req#42" or "job[1]" were replaced).
    for (const id of ['abc-123', 'req#42', 'job[1]', 'a~b!c', 'x'.repeat(128)])
      expect((await get('/healthcheck/', { 'x-request-id': id })).headers['x-request-id']).toBe(id);
    for (const id of ['bad id with spaces', 'x'.repeat(129), 'caf\u00e9'])
      expect((await get('/healthcheck/', { 'x-request-id': id })).headers['x-request-id']).toMatch(
        /^[0-9a-f-]{36}$/,
      );
  });

  it('writes one JSON line per request with its request id, route template and status', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logged = await createApiFixture({ logger: pino(sink) });
    try {
      await logged.app.inject({
        method: 'GET',
        url: '/predict/precomputed/1000',
        headers: { ...auth, 'x-request-id': 'trace-42' },
      });
      const requests = lines.filter((l) => l.msg === 'request');
      expect(requests).toEqual([
        expect.objectContaining({
          request_id: 'trace-42',
          method: 'GET',
          path: '/predict/precomputed/{match_id}',
          url: '/predict/precomputed/1000',
          status_code: 200,
        }),
      ]);
    } finally {
      await logged.close();
    }
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = (await get('/openapi.json')).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/predict/{match_id}',
      '/predict/cards/',
      '/livescores/',
      '/monitoring/task_status/{task_id}',
    ])
      expect(Object.keys(doc.paths), path).toContain(path);
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/v1'))).toBe(false);
    // Under /v1 too, as every route of the contract.
    expect((await get('/v1/openapi.json')).json()).toEqual(doc);
    const v1Docs = await get('/v1/docs');
    expect([v1Docs.statusCode, v1Docs.headers.location]).toEqual([308, '/docs']);
    const ui = await get('/docs');
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('serves a placeholder page at / when the dashboard is not built', async () => {
    const res = await get('/', {});
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('not built');
    // Nothing inline the page's own CSP would block (a browser logged an error for its style attribute).
    expect(res.body).not.toMatch(/ style=|<style|<script/);
  });
});

describe('health', () => {
  it('reports healthy with the database up', async () => {
    const res = await get('/healthcheck/');
    expect(res.json()).toEqual({
      status: 'healthy',
      version: '0.0.0-test',
      worker_pid: process.pid,
      memory_usage_mb: expect.any(Number),
      database: true,
    });
  });

  it('is ready once database, queue and caches are', async () => {
    const res = await get('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', missing: [] });
  });
});

describe('monitoring', () => {
  const mon = { 'x-api-key': 'monitor-key-123' };

  it('returns the latest drift report and sets the gauge', async () => {
    expect((await get('/monitoring/drift', mon)).json()).toMatchObject({ drift_score: 0.25 });
    expect((await get('/metrics', {})).body).toMatch(/^matchcast_model_feature_drift_score 0\.25$/m);
  });

  it('reports queue counts in the Celery-like shape', async () => {
    expect((await get('/monitoring/celery/queues', mon)).json()).toEqual({
      active: 0,
      scheduled: 0,
      reserved: 0,
      queues: {
        ml: { active: 0, waiting: 0, delayed: 0, completed: expect.any(Number), failed: expect.any(Number) },
      },
    });
  });

  it('answers 404 for an unknown task id', async () => {
    const res = await get('/monitoring/task_status/no-such-task', mon);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'TASK_NOT_FOUND' });
  });
});

// Last: these rewrite the artifacts the tests above read.
describe('artifact changes', () => {
  it('keeps the last good predictions in service when a new file is broken, and counts it', async () => {
    const before = (await get('/predict/predictions/')).body;
    await f.store.put(ARTIFACT_KEYS.predictions, Buffer.from('PAR1 this is not parquet'));
    await f.refresh();
    const after = await get('/predict/predictions/');
    expect(after.statusCode).toBe(200);
    expect(after.body).toBe(before);
    expect((await get('/metrics', {})).body).toMatch(
      /^matchcast_artifact_load_failures_total\{artifact="predictions\/predictions.parquet"\} 1$/m,
    );
  });

  it('serves a new good file after the re-check, with a new ETag', async () => {
    const oldEtag = (await get('/predict/predictions/')).headers.etag;
    await writePredictions(f.store, samplePredictions(5, 2));
    await f.refresh();
    const res = await get('/predict/predictions/');
    expect((res.json() as unknown[]).length).toBe(5);
    expect(res.headers.etag).not.toBe(oldEtag);
  });

  it('never serves a probability from a model trained on the match', async () => {
    const rows = samplePredictions(4, 4).map((r, i) =>
      i === 0 ? { ...r, trained_until: new Date(Date.parse(r.start_time_utc) + 1000).toISOString() } : r,
    );
    await writePredictions(f.store, rows);
    await f.refresh();
    const ids = ((await get('/predict/predictions/')).json() as { match_id: number }[]).map(
      (r) => r.match_id,
    );
    expect(ids).toEqual(rows.slice(1).map((r) => r.match_id));
    expect((await get(`/predict/precomputed/${rows[0]?.match_id}`)).statusCode).toBe(404);
  });

  it('answers [] and {"drift_score": null} before the pipeline has written anything', async () => {
    const empty = await createApiFixture({ artifacts: false });
    try {
      for (const url of [
        '/predict/predictions/',
        '/predict/cards/',
        '/predict/odds/',
        '/predict/region-roi/',
      ])
        expect((await empty.app.inject({ url, headers: auth })).json(), url).toEqual([]);
      expect((await empty.app.inject({ url: '/monitoring/drift' })).json()).toEqual({ drift_score: null });
      const live = await empty.app.inject({ url: '/predict/1000', headers: auth });
      expect(live.statusCode).toBe(503);
      expect(live.json()).toMatchObject({ code: 'FEATURES_NOT_LOADED' });
    } finally {
      await empty.close();
    }
  });
});
