import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { loadDemoOracleLogLoss } from '../../src/db/demo-repository.ts';
import { advanceDemoWorld } from '../../src/ingest/demo/advance-world.ts';
import { generateDemoWorld } from '../../src/ingest/demo/generate-world.ts';
import { oracleLogLoss } from '../../src/ingest/demo/oracle.ts';
import { DRIVERS } from '../support/services.ts';

const DAY = 86_400_000;
const SEED = 11;
const day0 = new Date('2026-11-22T12:00:00Z');

const snapshot = (db: Db) =>
  db.query<{
    match_id: number;
    source_key: string;
    status: string;
    home_score: number | null;
    away_score: number | null;
    updated_at: Date;
  }>(
    'SELECT match_id, source_key, status, home_score, away_score, updated_at FROM matches ORDER BY match_id',
  );

describe.each(DRIVERS)('demo world on $driver', ({ available, open }) => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const d of disposers.splice(0)) await d();
  });

  it.runIf(available)(
    'is written once, idempotently, and played forward deterministically',
    { timeout: 240_000 },
    async () => {
      const { db, dispose } = await open();
      disposers.push(dispose);

      const created = await advanceDemoWorld(db, day0, SEED);
      const world = generateDemoWorld({ seed: SEED, today: day0 });
      expect(created).toMatchObject({
        created: true,
        matches: world.matches.length,
        matchesInserted: world.matches.length,
      });
      const [counts] = await db.query<{ truth: number; regions: number; women: number; sources: string[] }>(
        `SELECT (SELECT count(*) FROM demo_truth)::int AS truth, (SELECT count(*) FROM regions)::int AS regions,
              (SELECT count(*) FROM matches WHERE sex = 1)::int AS women,
              (SELECT array_agg(DISTINCT source) FROM matches) AS sources`,
      );
      expect(counts).toMatchObject({
        truth: world.matches.length,
        regions: world.regions.length,
        sources: ['demo'],
      });
      expect(counts?.women).toBeGreaterThan(0);
      const oracle = await loadDemoOracleLogLoss(db);
      const expected = oracleLogLoss(world.matches);
      expect(oracle.matches).toBe(expected.matches);
      expect(oracle.logLoss).toBeCloseTo(expected.logLoss, 9);

      // The same day again: nothing changes, not even updated_at.
      const before = await snapshot(db);
      const again = await advanceDemoWorld(db, day0, SEED);
      expect(again).toMatchObject({
        created: false,
        matchesInserted: 0,
        matchesUpdated: 0,
        oddsInserted: 0,
      });
      expect(await snapshot(db)).toEqual(before);

      // Three days later: kicked-off fixtures get results, new fixtures appear, ids stay put.
      const day3 = new Date(day0.getTime() + 3 * DAY);
      const advanced = await advanceDemoWorld(db, day3, SEED);
      expect(advanced.created).toBe(false);
      expect(advanced.matchesInserted).toBeGreaterThan(0);
      expect(advanced.matchesUpdated).toBeGreaterThan(0);
      const after = await snapshot(db);
      const afterByKey = new Map(after.map((m) => [m.source_key, m]));
      for (const m of before) expect(afterByKey.get(m.source_key)?.match_id).toBe(m.match_id);

      const expectedWorld = generateDemoWorld({ seed: SEED, today: day3, anchor: day0 });
      expect(after).toHaveLength(expectedWorld.matches.length);
      for (const m of expectedWorld.matches) {
        const row = afterByKey.get(m.sourceKey)!;
        expect([row.status, row.home_score, row.away_score]).toEqual([m.status, m.homeScore, m.awayScore]);
      }
      const [upcoming] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM matches WHERE status = 'scheduled' AND start_time_utc > $1`,
        [day3.toISOString()],
      );
      expect(upcoming?.n).toBeGreaterThan(0);
      const [closing] = await db.query<{ missing: number }>(
        `SELECT count(*)::int AS missing FROM matches m
       WHERE m.status = 'finished' AND NOT EXISTS (SELECT 1 FROM odds o WHERE o.match_id = m.match_id AND o.kind = 'closing')`,
      );
      expect(closing?.missing).toBe(0);

      // A second world (another seed) is not mixed into this one: its teams would play twice a day.
      await expect(advanceDemoWorld(db, day3, SEED + 1)).rejects.toThrow(
        /already holds \d+ matches .*write the demo world into an empty one/,
      );
      expect(await snapshot(db)).toHaveLength(after.length);
    },
  );
});
