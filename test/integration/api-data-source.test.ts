/**
 * GET /predict/track-record/method says what data the figures come from (`data_source`), read from the ingest
 * source the pipeline remembers in the store and kept cached like the other artifacts: the demo with its seed,
 * real files or the provider without the operator's paths or URL, nothing while no source is recorded.
 */
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrackRecordMethodBody } from '../../src/api/schemas/track-record.ts';
import { trackRecordMethod } from '../../src/pipelines/reports/track-record.ts';
import { SOURCE_KEY, writeIngestSource } from '../../src/pipelines/run/ingest-source-store.ts';
import { API_KEY, type ApiFixture, createApiFixture } from '../unit/api/fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture({ artifacts: false });
});
afterAll(async () => {
  await f?.close();
});

async function method(): Promise<Record<string, unknown>> {
  const res = await f.app.inject({
    method: 'GET',
    url: '/v1/predict/track-record/method',
    headers: { 'x-api-key': API_KEY },
  });
  expect(res.statusCode).toBe(200);
  const body = res.json() as Record<string, unknown>;
  expect([...Value.Errors(TrackRecordMethodBody, body)]).toEqual([]);
  return body;
}

describe('the data source on /predict/track-record/method', () => {
  it('leaves it out while no source is recorded, the method itself unchanged', async () => {
    const body = await method();
    expect(body).not.toHaveProperty('data_source');
    expect(body).toEqual(JSON.parse(JSON.stringify(trackRecordMethod(f.services.trackRecordRules))));
  });

  it('names the demo and its seed', async () => {
    await writeIngestSource(f.store, { kind: 'demo', seed: 42 });
    await f.refresh();
    expect((await method()).data_source).toEqual({ kind: 'demo', seed: 42 });
  });

  it('names real files without their paths, and follows a source changed under the running server', async () => {
    await writeIngestSource(f.store, { kind: 'football-data', paths: ['/home/ops/secret/E0.csv'] });
    await f.refresh();
    expect((await method()).data_source).toEqual({ kind: 'football-data' });
    // `matchcast sync` remembers the provider: the next re-check serves it, never its URL.
    await writeIngestSource(f.store, { kind: 'provider', url: 'https://user:pw@example.test/data' });
    await f.refresh();
    const body = await method();
    expect(body.data_source).toEqual({ kind: 'provider' });
    expect(JSON.stringify(body)).not.toMatch(/example\.test|secret/);
  });

  it('keeps the last good source in service when the file turns unreadable', async () => {
    await writeIngestSource(f.store, { kind: 'demo', seed: 7 });
    await f.refresh();
    await f.store.put(SOURCE_KEY, '{"kind": "demo"');
    await f.refresh();
    expect((await method()).data_source).toEqual({ kind: 'demo', seed: 7 });
  });
});
