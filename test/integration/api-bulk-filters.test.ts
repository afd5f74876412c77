/**
 * The bulk routes' filters through the real Fastify app: what a filter refuses, and how it reads the text a
 * client writes (booleans and integers as FastAPI reads them, a window that ends before it starts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { API_KEY, type ApiFixture, createApiFixture, writeAllArtifacts } from '../unit/api/fixture.ts';

let f: ApiFixture;
const auth = { 'x-api-key': API_KEY };
const get = (url: string) => f.app.inject({ method: 'GET', url, headers: auth });

beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => {
  await f?.close();
});

describe('bulk filters', () => {
  it('rejects bad filters with 422', async () => {
    for (const url of [
      '/predict/cards/?limit=0',
      '/predict/cards/?is_future=maybe',
      '/predict/cards/?from=yesterday',
      '/predict/cards/?from=2026-02-31',
      '/predict/cards/?colour=red',
      '/predict/predictions/?offset=-1',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(422);
      expect((res.json() as { detail: { loc: string[] }[] }).detail[0]?.loc[0]).toBe('query');
    }
  });

  it('reads is_future in every spelling FastAPI takes, and names a spelling it does not', async () => {
    const idsOf = async (query: string) =>
      ((await get(`/predict/cards/?${query}`)).json() as { match_id: number }[]).map((c) => c.match_id);
    const upcoming = await idsOf('is_future=true');
    const played = await idsOf('is_future=false');
    expect(upcoming.length).toBeGreaterThan(0);
    expect(played.length).toBeGreaterThan(0);
    // Python's requests writes True as "True".
    for (const text of ['True', '1', 'yes', 'on', 'T', 'Y'])
      expect(await idsOf(`is_future=${text}`), text).toEqual(upcoming);
    for (const text of ['False', '0', 'no', 'OFF', 'f', 'n'])
      expect(await idsOf(`is_future=${text}`), text).toEqual(played);
    // With another parameter wrong, only that one is named: "True" is not reported as a non-boolean.
    const both = await get('/predict/cards/?is_future=True&limit=0');
    expect(both.json().detail.map((d: { loc: string[] }) => d.loc)).toEqual([['query', 'limit']]);
    const res = await get('/predict/predictions/?is_future=maybe');
    expect([res.statusCode, res.json().detail]).toEqual([
      422,
      [
        {
          loc: ['query', 'is_future'],
          msg: 'Input should be a valid boolean, unable to interpret input',
          type: 'bool_parsing',
        },
      ],
    ]);
  });

  it('refuses a window that ends before it starts, as the track record does, instead of an empty list', async () => {
    for (const path of ['/predict/cards/', '/predict/predictions/', '/predict/track-record']) {
      const res = await get(`${path}?from=2026-03-02&to=2026-03-01`);
      expect([res.statusCode, res.json().detail], path).toEqual([
        422,
        [{ loc: ['query', 'to'], msg: 'Input should not be before from (2026-03-02)', type: 'value_error' }],
      ]);
    }
    // One day, a bare date at both ends: that whole day, not reversed.
    expect((await get('/predict/cards/?from=2026-03-01&to=2026-03-01')).statusCode).toBe(200);
  });

  it('gives one filtered selection one ETag, however the query is written, and another selection another', async () => {
    const etagOf = async (query: string) => {
      const res = await get(`/predict/cards/?${query}`);
      expect(res.statusCode, query).toBe(200);
      return res.headers.etag;
    };
    const tag = await etagOf('is_future=false&from=2026-03-01&limit=5');
    for (const same of [
      'limit=5&from=2026-03-01&is_future=false',
      'is_future=False&from=2026-03-01T00:00:00Z&limit=5',
      'from=2026-03-01T01:00:00%2B01:00&is_future=0&limit=5&offset=0',
    ])
      expect(await etagOf(same), same).toBe(tag);
    // Each filter changes the selection, and the tag with it.
    for (const other of [
      'is_future=false&from=2026-03-01&limit=6',
      'is_future=false&from=2026-03-01&limit=5&offset=1',
      'is_future=false&from=2026-03-01&limit=5&region_id=1',
      'is_future=false&from=2026-03-01&limit=5&to=2026-03-02',
      'is_future=true&from=2026-03-01&limit=5',
      'is_future=false&from=2026-03-02&limit=5',
    ])
      expect(await etagOf(other), other).not.toBe(tag);
    // A bare `to` date is the end of that day.
    expect(await etagOf('to=2026-03-01')).toBe(await etagOf('to=2026-03-02T00:00:00Z'));
    const revalidated = await f.app.inject({
      method: 'GET',
      url: '/predict/cards/?limit=5&is_future=0&from=2026-03-01',
      headers: { ...auth, 'if-none-match': tag },
    });
    expect(revalidated.statusCode).toBe(304);
  });

  it('reads an integer as pydantic does: a fraction of zeros (what Python writes for 5.0) and digit underscores', async () => {
    const limits = async (query: string) => {
      const res = await get(`/predict/cards/?${query}`);
      expect(res.statusCode, query).toBe(200);
      return (res.json() as unknown[]).length;
    };
    for (const query of ['limit=3.0', 'limit=3.', 'limit=+3.000', 'limit=%203.0%20'])
      expect(await limits(query), query).toBe(3);
    expect(await limits('limit=1_0')).toBe(await limits('limit=10'));
    const row = await get('/predict/precomputed/1000');
    expect(row.statusCode).toBe(200);
    for (const id of ['1000.0', '1_000'])
      expect((await get(`/predict/precomputed/${id}`)).json(), id).toEqual(row.json());
    // Above the maximum once read: the schema's own message.
    expect((await get('/predict/cards/?limit=1_000_001.0')).json().detail[0].type).toBe('less_than_equal');
  });
});

describe('a filter that selects thousands of rows', () => {
  it('is served like the whole list, built in turns and kept for a repeat, with its own ETag', async () => {
    // Over the 2,000 rows serialised in one go: such a selection is built as the bulk bodies are.
    const dir = mkdtempSync(join(tmpdir(), 'matchcast-large-filter-'));
    const store = createFileArtifactStore(dir);
    await writeAllArtifacts(store, 2_500);
    const g = await createApiFixture({ store });
    try {
      const read = (url: string, headers: Record<string, string> = {}) =>
        g.app.inject({ method: 'GET', url, headers: { ...auth, ...headers } });
      for (const path of ['/predict/cards/', '/predict/predictions/']) {
        const whole = await read(path);
        const all = await read(`${path}?from=2000-01-01`);
        expect(all.statusCode).toBe(200);
        expect(all.json()).toHaveLength(2_500);
        expect(all.json()).toEqual(whole.json());
        expect(all.headers.etag).not.toBe(whole.headers.etag);
        const zipped = await read(`${path}?from=2000-01-01`, { 'accept-encoding': 'gzip' });
        expect(zipped.headers['content-encoding']).toBe('gzip');
        expect(JSON.parse(gunzipSync(zipped.rawPayload).toString())).toEqual(all.json());
        const again = await read(`${path}?from=2000-01-01`, { 'if-none-match': all.headers.etag as string });
        expect(again.statusCode).toBe(304);
      }
      // Kept: the same selection again is the same body, not a new build; another is built anew.
      const { readModels } = g.services;
      const query = { from: '2000-01-01', limit: 1_000_000, offset: 0 };
      const first = await readModels.cardsFiltered(query);
      expect(await readModels.cardsFiltered({ ...query })).toBe(first);
      expect(await readModels.cardsFiltered({ ...query, from: '2000-01-02' })).not.toBe(first);
      // Still a selection: a region and an offset are applied before the size is judged.
      const whole = (await read('/predict/cards/')).json() as { match_id: number; region_id: number }[];
      const some = await read('/predict/cards/?from=2000-01-01&region_id=1&offset=10&limit=1_000_000');
      expect((some.json() as { match_id: number }[]).map((r) => r.match_id)).toEqual(
        whole
          .filter((r) => r.region_id === 1)
          .slice(10)
          .map((r) => r.match_id),
      );
    } finally {
      await g.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
