import { afterEach, describe, expect, it } from 'vitest';
import { oddsVersion } from '../../src/db/odds-history-repository.ts';
import { DRIVERS } from '../support/services.ts';

// One match and one price to start from; the odds version must move exactly when a statement changes a price.
const SEED = `
  INSERT INTO regions (code, name, country) VALUES ('ODV', 'Odds version land', 'Odds version land');
  INSERT INTO teams (region_id, name) SELECT id, t FROM regions, unnest(ARRAY['Home FC', 'Away FC']) t
    WHERE code = 'ODV';
  INSERT INTO matches (source, source_key, region_id, competition, season, start_time_utc, home_team_id,
                       away_team_id, status)
  SELECT 'test', 'odds-version', r.id, 'League', '2025-26', '2026-01-10T15:00:00Z', h.id, a.id, 'scheduled'
  FROM regions r JOIN teams h ON h.name = 'Home FC' JOIN teams a ON a.name = 'Away FC' WHERE r.code = 'ODV';`;

describe.each(DRIVERS)('the odds version on $driver', ({ available, open }) => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const d of disposers.splice(0)) await d();
  });

  it.runIf(available)(
    'moves with every statement that adds, corrects or removes a price, and only then',
    async () => {
      const { db, dispose } = await open();
      disposers.push(dispose);
      await db.exec(SEED);
      const versions = [await oddsVersion(db)];
      const moves = async (sql: string) => {
        await db.exec(sql);
        versions.push(await oddsVersion(db));
        return versions.at(-1) !== versions.at(-2);
      };
      const match = `(SELECT match_id FROM matches WHERE source_key = 'odds-version')`;
      expect(
        await moves(`INSERT INTO odds (match_id, bookmaker, kind, odd_home, odd_draw, odd_away)
                   SELECT ${match}, 'book', 'closing', 2.1, 3.3, 3.6`),
      ).toBe(true);
      // Statements that touch no row: a re-import of the same prices writes none.
      expect(await moves(`UPDATE odds SET odd_home = 9 WHERE bookmaker = 'nobody'`)).toBe(false);
      expect(await moves(`DELETE FROM odds WHERE bookmaker = 'nobody'`)).toBe(false);
      expect(
        await moves(`INSERT INTO odds (match_id, bookmaker, kind, odd_home, odd_draw, odd_away)
                   SELECT match_id, 'book', 'closing', 2.1, 3.3, 3.6 FROM matches WHERE false`),
      ).toBe(false);
      expect(await moves(`UPDATE odds SET odd_home = 2.2 WHERE bookmaker = 'book'`)).toBe(true);
      expect(await moves(`DELETE FROM odds WHERE bookmaker = 'book'`)).toBe(true);
      expect(await moves('TRUNCATE odds')).toBe(true);
      // A transaction that rolls back leaves the version where it was.
      await db
        .transaction(async (tx) => {
          await tx.query(`INSERT INTO odds (match_id, bookmaker, kind, odd_home, odd_draw, odd_away)
                        SELECT ${match}, 'book', 'closing', 2, 3, 4`);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect(await oddsVersion(db)).toBe(versions.at(-1));
    },
  );
});
