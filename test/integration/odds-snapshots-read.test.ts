/**
 * loadSnapshots reads each match's odds history as one JSON array per match (odds-history-repository.ts): the
 * snapshots must come back exactly as the row-per-snapshot read gave them, on both drivers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadSnapshots } from '../../src/db/odds-history-repository.ts';
import { DRIVERS } from '../support/services.ts';

// Two matches with prices, one without. Kick-off Saturday 2026-01-10 15:00 UTC: an undated pre-match price is
// observed at the Friday before, 15:00 UTC (migration 0006).
const SEED = `
  INSERT INTO regions (code, name, country) VALUES ('OSR', 'Snapshot land', 'Snapshot land');
  INSERT INTO teams (region_id, name) SELECT id, t FROM regions, unnest(ARRAY['Home FC', 'Away FC']) t
    WHERE code = 'OSR';
  INSERT INTO matches (source, source_key, region_id, competition, season, start_time_utc, home_team_id,
                       away_team_id, status)
  SELECT 'test', k, r.id, 'League', '2025-26', '2026-01-10T15:00:00Z', h.id, a.id, 'scheduled'
  FROM regions r JOIN teams h ON h.name = 'Home FC' JOIN teams a ON a.name = 'Away FC',
       unnest(ARRAY['a', 'b', 'none']) k
  WHERE r.code = 'OSR';
  INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
  SELECT m.match_id, v.bookmaker, v.kind, v.collected_at::timestamptz, v.h, v.d, v.a
  FROM matches m JOIN (VALUES
    ('a', 'b365', 'closing', NULL, 2.1, 3.3, 3.6),
    ('a', 'b365', 'opening', NULL, 2.05, 3.4, 3.75),
    ('a', 'odd "quoted", name; with ] and \\ too', 'snapshot', '2026-01-09T10:11:12.345678Z', 1.0000000000000002, 3.3,
      'Infinity'),
    ('a', 'pinnacle', 'snapshot', '2026-01-10T16:00:00Z', 1.5, 4, 6),
    ('b', 'market_avg', 'closing', NULL, 1.91, 3.5, 4.2)
  ) AS v(key, bookmaker, kind, collected_at, h, d, a) ON m.source_key = v.key;`;

describe.each(DRIVERS)('loadSnapshots on $driver', ({ available, open }) => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const d of disposers.splice(0)) await d();
  });

  it.runIf(available)(
    'gives every match its snapshots in observation order, values and names intact, and none to a match without prices',
    async () => {
      const { db, dispose } = await open();
      disposers.push(dispose);
      await db.exec(SEED);
      const ids = await db.query<{ source_key: string; match_id: number }>(
        `SELECT source_key, match_id FROM matches WHERE source = 'test' AND source_key IN ('a', 'b', 'none')`,
      );
      const id = (key: string) => Number(ids.find((r) => r.source_key === key)?.match_id);
      // Asked twice and out of order: each match once, by id.
      const snapshots = await loadSnapshots(db, [id('b'), id('none'), id('a'), id('b')]);
      const kickoff = Date.parse('2026-01-10T15:00:00Z');
      expect(snapshots).toEqual(
        [
          // Undated pre-match: Friday 15:00 UTC; the dated one keeps its time, cut to whole milliseconds.
          {
            matchId: id('a'),
            bookmaker: 'odd "quoted", name; with ] and \\ too',
            kind: 'pre_match',
            observedAtMs: Date.parse('2026-01-09T10:11:12.345Z'),
            odds: [1.0000000000000002, 3.3, Number.POSITIVE_INFINITY],
          },
          {
            matchId: id('a'),
            bookmaker: 'b365',
            kind: 'pre_match',
            observedAtMs: Date.parse('2026-01-09T15:00:00Z'),
            odds: [2.05, 3.4, 3.75],
          },
          // At kick-off the pre-match price comes before the closing one; the in-play snapshot is left out.
          {
            matchId: id('a'),
            bookmaker: 'b365',
            kind: 'closing',
            observedAtMs: kickoff,
            odds: [2.1, 3.3, 3.6],
          },
          {
            matchId: id('b'),
            bookmaker: 'market_avg',
            kind: 'closing',
            observedAtMs: kickoff,
            odds: [1.91, 3.5, 4.2],
          },
        ].sort((x, y) => x.matchId - y.matchId),
      );
    },
  );
});
