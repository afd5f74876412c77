/** GET /monitoring/sources: provider file health from what sync stored, a stale flag, and the metric alerting reads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveProviderFile } from '../../src/db/provider-file-repository.ts';
import { type ApiFixture, createApiFixture } from '../unit/api/fixture.ts';

const HOUR = 3_600_000;
let f: ApiFixture;

beforeAll(async () => {
  f = await createApiFixture({ monitoringApiKey: 'monitor-key-123', artifacts: false });
  const now = Date.now();
  const base = {
    etag: '"a"',
    lastModified: null,
    sha256: 'ab'.repeat(32),
    rows: 380,
    firstAttemptAt: new Date(now - 30 * 24 * HOUR),
    lastAttemptAt: new Date(now - HOUR),
    lastSuccessAt: new Date(now - HOUR),
    failures: 0,
    lastError: null,
    status: 'ok' as const,
    final: false,
    staleAfterHours: 168,
  };
  await saveProviderFile(f.db, {
    ...base,
    url: 'https://p/mmz4281/2526/E0.csv',
    path: 'mmz4281/2526/E0.csv',
    lastChangedAt: new Date(now - 2 * HOUR),
  });
  await saveProviderFile(f.db, {
    ...base,
    url: 'https://p/fixtures.csv',
    path: 'fixtures.csv',
    lastChangedAt: new Date(now - 200 * HOUR),
    failures: 2,
    status: 'rejected',
    lastError: 'fixtures.csv: an HTML page, not a CSV file (served with status 200)',
  });
  await saveProviderFile(f.db, {
    ...base,
    url: 'https://p/mmz4281/2425/E0.csv',
    path: 'mmz4281/2425/E0.csv',
    lastChangedAt: new Date(now - 2000 * HOUR),
    final: true,
  });
});
afterAll(async () => {
  await f?.close();
});

describe('GET /monitoring/sources', () => {
  it('needs the monitoring key like the other /monitoring routes', async () => {
    expect((await f.app.inject({ url: '/monitoring/sources' })).statusCode).toBe(401);
  });

  it('lists every provider file with its last pull, last change, failures and a stale flag', async () => {
    const res = await f.app.inject({
      url: '/monitoring/sources',
      headers: { 'x-api-key': 'monitor-key-123' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      stale: number;
      sources: { path: string; stale: boolean; failures: number }[];
    };
    expect(body.stale).toBe(1);
    expect(body.sources.map((s) => [s.path, s.stale])).toEqual([
      ['fixtures.csv', true],
      ['mmz4281/2425/E0.csv', false],
      ['mmz4281/2526/E0.csv', false],
    ]);
    expect(body.sources[0]).toMatchObject({
      failures: 2,
      status: 'rejected',
      rows: 380,
      stale_after_hours: 168,
    });
  });

  it('exposes the stale count as provider_sources_stale for the alert', async () => {
    const text = (await f.app.inject({ url: '/metrics' })).body;
    expect(text).toMatch(/^matchcast_provider_sources_stale 1$/m);
  });
});
