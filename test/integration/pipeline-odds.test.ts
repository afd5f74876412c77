/**
 * The odds stage's SQL choice of the latest pre-kick-off price agrees with its specification, the pure
 * latestPreKickoffOdds, on both drivers: dated snapshots (one after kick-off), undated opening and closing
 * prices, ties between bookmakers, matches without a closing price.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { loadLatestPreKickoffOdds } from '../../src/db/latest-odds-repository.ts';
import { loadMatchRecords, loadOddsOf, type StoredOdds } from '../../src/db/match-repository.ts';
import { latestPreKickoffOdds } from '../support/latest-odds-spec.ts';
import { DRIVERS } from '../support/services.ts';
import { writeSyntheticWorld } from '../unit/pipelines/synthetic-world.ts';

const PREFERRED = ['pinnacle', 'testbook'];

describe.each(DRIVERS)('latest pre-kick-off odds in SQL on $driver', (driver) => {
  let db: Db;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    if (!driver.available) return;
    ({ db, dispose } = await driver.open());
    await writeSyntheticWorld(db, {
      seed: 3,
      now: new Date('2025-02-01T00:00:00Z'),
      firstKickoff: new Date('2025-01-01T15:00:00Z'),
      seasons: 1,
    });
    // Extra prices on every match: an opening price of a preferred book, a snapshot an hour before kick-off,
    // a snapshot after kick-off (never to be chosen) and a rival closing price that ties with testbook's.
    await db.exec(`
      INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
      SELECT match_id, 'pinnacle', 'opening', NULL, 2.0, 3.0, 4.0 FROM matches;
      INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
      SELECT match_id, 'exchange', 'snapshot', start_time_utc - interval '1 hour', 2.1, 3.1, 4.1
      FROM matches WHERE match_id % 3 = 0;
      INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
      SELECT match_id, 'exchange', 'snapshot', start_time_utc + interval '5 minutes', 9, 9, 9 FROM matches;
      INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
      SELECT match_id, 'aardvark', 'closing', NULL, 2.2, 3.2, 4.2 FROM matches WHERE match_id % 2 = 0;
      DELETE FROM odds WHERE bookmaker = 'testbook' AND match_id % 5 = 0;
    `);
  });

  afterAll(async () => {
    if (driver.available) await dispose();
  });

  it.runIf(driver.available)('chooses what the pure rule chooses', async () => {
    const matches = await loadMatchRecords(db);
    const books = await db.query<{ bookmaker: string; kind: StoredOdds['kind'] }>(
      'SELECT DISTINCT bookmaker, kind FROM odds',
    );
    const expected = latestPreKickoffOdds(
      await loadOddsOf(
        db,
        books.map((b) => [b.bookmaker, b.kind] as const),
      ),
      new Map(matches.map((m) => [m.matchId, m.startTimeMs])),
      PREFERRED,
    );
    const actual = await loadLatestPreKickoffOdds(db, PREFERRED);
    expect(actual.sort((a, b) => a.match_id - b.match_id)).toEqual(expected);
    // Every branch of the rule is taken somewhere: preferred closing, rival closing, snapshot, opening.
    expect(new Set(actual.map((r) => r.bookmaker))).toEqual(
      new Set(['testbook', 'aardvark', 'exchange', 'pinnacle']),
    );
    expect(actual.some((r) => r.odd_home === 9)).toBe(false);
  });
});
