/**
 * The odds stage's incremental choice (loadLatestPreKickoffOddsSince) returns, day after day, exactly the rows of
 * the full query, on both drivers: new dated prices, a kick-off moved before a price, a closing price arriving,
 * a new match; and it falls back to the full query when it cannot vouch for the change (a corrected or deleted
 * price, other preferred bookmakers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import {
  type LatestOdds,
  loadLatestPreKickoffOdds,
  loadLatestPreKickoffOddsSince,
} from '../../src/db/latest-odds-repository.ts';
import { DRIVERS } from '../support/services.ts';
import { writeSyntheticWorld } from '../unit/pipelines/synthetic-world.ts';

const PREFERRED = ['pinnacle', 'testbook'];

// Each day's change to the stored data, and whether the incremental path may vouch for it.
const DAYS: readonly { readonly name: string; readonly sql: string; readonly incremental: boolean }[] = [
  {
    name: 'new dated prices, one after kick-off',
    sql: `
      INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
      SELECT match_id, 'exchange', 'snapshot', start_time_utc - interval '2 hours', 2.5, 3.5, 4.5
      FROM matches WHERE match_id % 4 = 1;
      INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
      SELECT match_id, 'exchange', 'snapshot', start_time_utc + interval '1 minute', 9, 9, 9
      FROM matches WHERE match_id % 4 = 2;`,
    incremental: true,
  },
  {
    name: 'a new match with a price',
    sql: `
      INSERT INTO matches (source, source_key, region_id, competition, season, sex, start_time_utc,
                           home_team_id, away_team_id, status)
      SELECT source, 'odds-incr-new', region_id, competition, season, sex, start_time_utc + interval '7 days',
             home_team_id, away_team_id, 'scheduled'
      FROM matches ORDER BY match_id LIMIT 1;
      INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
      SELECT match_id, 'newbook', 'snapshot', start_time_utc - interval '1 day', 2.05, 3.05, 4.05
      FROM matches WHERE source_key = 'odds-incr-new';
      INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
      SELECT match_id, 'newbook', 'snapshot', start_time_utc + interval '2 hours', 2.07, 3.07, 4.07
      FROM matches WHERE source_key = 'odds-incr-new';`,
    incremental: true,
  },
  {
    name: 'kick-offs moved, before a snapshot and after one',
    sql: `
      UPDATE matches SET start_time_utc = start_time_utc - interval '3 hours' WHERE match_id % 8 = 1;
      UPDATE matches SET start_time_utc = start_time_utc + interval '5 hours' WHERE source_key = 'odds-incr-new';`,
    incremental: true,
  },
  {
    name: 'a closing price arriving',
    sql: `
      INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
      SELECT match_id, 'pinnacle', 'closing', NULL, 1.9, 3.3, 4.4 FROM matches
      WHERE match_id % 3 = 0 OR source_key = 'odds-incr-new'
      ON CONFLICT DO NOTHING;`,
    incremental: true,
  },
  { name: 'nothing', sql: 'SELECT 1', incremental: true },
  {
    name: 'a corrected price (an update)',
    sql: `UPDATE odds SET odd_home = odd_home + 0.25 WHERE bookmaker = 'pinnacle' AND match_id % 6 = 0`,
    incremental: false,
  },
  {
    name: 'a deleted price',
    sql: `DELETE FROM odds WHERE bookmaker = 'exchange' AND match_id % 4 = 1`,
    incremental: false,
  },
  {
    name: 'more dated prices after the fallback',
    sql: `
      INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
      SELECT match_id, 'exchange', 'snapshot', start_time_utc - interval '30 minutes', 2.6, 3.6, 4.6
      FROM matches WHERE match_id % 5 = 0;`,
    incremental: true,
  },
];

describe.each(DRIVERS)('incremental latest pre-kick-off odds on $driver', (driver) => {
  let db: Db;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    if (!driver.available) return;
    ({ db, dispose } = await driver.open());
    await writeSyntheticWorld(db, {
      seed: 5,
      now: new Date('2025-02-01T00:00:00Z'),
      firstKickoff: new Date('2025-01-01T15:00:00Z'),
      seasons: 1,
    });
  });

  afterAll(async () => {
    if (driver.available) await dispose();
  });

  it.runIf(driver.available)('equals the full query after every day of changes', async () => {
    const initial = await loadLatestPreKickoffOddsSince(db, PREFERRED, null);
    let state: LatestOdds = initial;
    expect(state.recomputedMatches).toBeNull();
    expect(state.rows).toEqual(await loadLatestPreKickoffOdds(db, PREFERRED));
    for (const day of DAYS) {
      await db.exec(day.sql);
      state = await loadLatestPreKickoffOddsSince(db, PREFERRED, state);
      expect(state.rows, day.name).toEqual(await loadLatestPreKickoffOdds(db, PREFERRED));
      // Whether a day must fall back is certain only without other sessions: on a shared server, a long
      // transaction elsewhere holds the snapshot's xmin back, and the rows written meanwhile stay re-chosen
      // every time, so rewriting them needs no full query.
      if (day.incremental || driver.driver === 'pglite')
        expect(state.recomputedMatches !== null, day.name).toBe(day.incremental);
    }
    // The changes mattered: other choices, the new match's snapshot among them, none after kick-off.
    expect(state.rows).not.toEqual(initial.rows);
    const [added] = await db.query<{ match_id: number }>(
      `SELECT match_id FROM matches WHERE source_key = 'odds-incr-new'`,
    );
    expect(state.rows.some((r) => r.match_id === Number(added?.match_id))).toBe(true);
    expect(state.rows.some((r) => r.odd_home === 9)).toBe(false);
  });

  it.runIf(driver.available)('re-chooses every match for other preferred bookmakers', async () => {
    const first = await loadLatestPreKickoffOddsSince(db, PREFERRED, null);
    const other = await loadLatestPreKickoffOddsSince(db, ['testbook'], first);
    expect(other.recomputedMatches).toBeNull();
    expect(other.rows).toEqual(await loadLatestPreKickoffOdds(db, ['testbook']));
  });
});
