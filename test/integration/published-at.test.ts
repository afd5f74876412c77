import { afterEach, describe, expect, it } from 'vitest';
import { footballDataPublishedAtMs } from '../../src/ingest/football-data/published-at.ts';
import { DRIVERS } from '../support/services.ts';

// Migration 0006's definition, which 0009 replaced by an inlinable expression: the specification it must match.
const ORIGINAL = `
  SELECT max(t) FROM (
    SELECT (date_trunc('day', k AT TIME ZONE 'UTC') - make_interval(days => d) + interval '15 hours')
           AT TIME ZONE 'UTC' AS t
    FROM generate_series(0, 7) AS d
  ) AS c
  WHERE extract(isodow FROM t AT TIME ZONE 'UTC') IN (2, 5) AND t < k`;

describe.each(DRIVERS)('football_data_published_at on $driver', ({ available, open }) => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const d of disposers.splice(0)) await d();
  });

  it.runIf(available)('is the latest Tuesday or Friday 15:00 UTC strictly before kick-off', async () => {
    const { db, dispose } = await open();
    disposers.push(dispose);
    // Every quarter hour of three weeks, and a microsecond either side of each (15:00 itself is not "before").
    const rows = await db.query<{ n: number; differ: number; sample: string | null }>(`
      SELECT count(*)::int AS n,
             count(*) FILTER (WHERE football_data_published_at(k) IS DISTINCT FROM (${ORIGINAL}))::int AS differ,
             min(k::text) FILTER (WHERE football_data_published_at(k) IS DISTINCT FROM (${ORIGINAL})) AS sample
      FROM generate_series('2025-12-29T00:00:00Z'::timestamptz, '2026-01-19T00:00:00Z', interval '15 minutes') AS q,
           generate_series(-1, 1) AS e,
           LATERAL (SELECT q + e * interval '1 microsecond' AS k) AS x`);
    expect(rows[0]).toEqual({ n: 3 * (21 * 96 + 1), differ: 0, sample: null });
    const [friday] = await db.query<{ at: Date }>(
      `SELECT football_data_published_at('2026-01-03T15:00:00Z') AS at`,
    );
    expect(friday?.at.toISOString()).toBe('2026-01-02T15:00:00.000Z');
  });

  it.runIf(available)(
    'agrees with the replay provider’s rule (published-at.ts) to the millisecond',
    async () => {
      const { db, dispose } = await open();
      disposers.push(dispose);
      const rows = await db.query<{ k: string; at: string }>(`
      SELECT floor(extract(epoch FROM k) * 1000)::bigint::text AS k,
             floor(extract(epoch FROM football_data_published_at(k)) * 1000)::bigint::text AS at
      FROM generate_series('2025-12-29T00:00:00Z'::timestamptz, '2026-01-19T00:00:00Z', interval '15 minutes') AS q,
           generate_series(-1, 1) AS e,
           LATERAL (SELECT q + e * interval '1 millisecond' AS k) AS x`);
      expect(rows).toHaveLength(3 * (21 * 96 + 1));
      const differ = rows.filter((r) => footballDataPublishedAtMs(Number(r.k)) !== Number(r.at));
      expect(differ).toEqual([]);
    },
  );
});
