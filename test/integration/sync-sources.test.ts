/**
 * The provider files' health through faults (a file failing, the provider down) and through changes of what is
 * asked for (another provider URL): on both database drivers, against a stand-in provider.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderUnavailableError } from '../../src/ingest/provider/http-client.ts';
import { syncProvider } from '../../src/ingest/provider/sync.ts';
import { startProviderServer } from '../support/provider-server.ts';
import {
  BEFORE_FIXTURES,
  createSyncWorld,
  LAST,
  match,
  outcomes,
  present,
  SEASON,
} from '../support/provider-sync-world.ts';
import { DRIVERS } from '../support/services.ts';

describe.each(DRIVERS)('provider sources on $driver', { timeout: 240_000 }, ({ available, open }) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const setUp = () => createSyncWorld(open, cleanups);

  it.runIf(available && present)(
    'a file failing after its retries is a warning and the fixtures still come in',
    async () => {
      const { db, server, warnings, options } = await setUp();
      server.behaviours.set(SEASON, { kind: 'fail', status: 503, times: 1000 });
      const summary = await syncProvider(db, options);
      expect(outcomes(summary)).toEqual({
        [LAST]: 'imported',
        [SEASON]: 'failed',
        'fixtures.csv': 'imported',
      });
      expect(warnings).toContain(
        `${SEASON}: HTTP 503 (3 tries); trying the next file (a second failure in a row stops the sync)`,
      );
      expect(await match(db, 'Ath Bilbao', 'Girona')).toMatchObject({ status: 'scheduled' });
      const [health] = await db.query<{ status: string; failures: number }>(
        `SELECT status, failures FROM provider_files WHERE path = $1`,
        [SEASON],
      );
      expect(health).toMatchObject({ status: 'failed', failures: 1 });
    },
  );

  it.runIf(available && present)(
    'forgets the files no sync asks for any more, so they do not read as stale for ever',
    async () => {
      const { db, root, clock, warnings, options } = await setUp();
      await syncProvider(db, options);
      const urls = async () =>
        (await db.query<{ url: string }>('SELECT url FROM provider_files ORDER BY url')).map((r) => r.url);
      expect((await urls()).every((url) => url.startsWith(options.baseUrl))).toBe(true);
      // A month later, through a mirror: the first provider's files are no longer pulled, so they never change.
      clock.set(BEFORE_FIXTURES + 30 * 86_400_000);
      const mirror = await startProviderServer(root);
      cleanups.push(() => mirror.close());
      warnings.length = 0;
      await syncProvider(db, { ...options, baseUrl: mirror.url });
      expect(await urls()).toEqual([LAST, SEASON, 'fixtures.csv'].map((p) => `${mirror.url}${p}`).sort());
      expect(warnings.filter((w) => w.startsWith('source stale'))).toEqual([]);
      // The pulls stay on record.
      const [pulls] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM provider_pulls WHERE url LIKE $1',
        [`${options.baseUrl}%`],
      );
      expect(pulls?.n).toBe(3);
    },
  );

  it.runIf(available && present)(
    'two files slower than the timeout in a row stop the run after the retries, nothing half-imported',
    async () => {
      const { db, server, options } = await setUp();
      server.behaviours.set(SEASON, { kind: 'slow', delayMs: 3000 });
      server.behaviours.set('fixtures.csv', { kind: 'slow', delayMs: 3000 });
      const failure = await syncProvider(db, options).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ProviderUnavailableError);
      expect((failure as Error).message).toBe(`${server.url}fixtures.csv: timed out (3 tries)`);
      const [season] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM matches WHERE season = '2025-26'`,
      );
      expect(season?.n).toBe(0);
      const [health] = await db.query<{ status: string; failures: number; last_error: string }>(
        `SELECT status, failures, last_error FROM provider_files WHERE path = $1`,
        [SEASON],
      );
      expect(health).toMatchObject({ status: 'failed', failures: 1, last_error: 'timed out (3 tries)' });
    },
  );
});
