import { afterEach, describe, expect, it } from 'vitest';
import { closedOddsVersion } from '../../src/db/odds-history-repository.ts';
import { DRIVERS } from '../support/services.ts';

// One match to start from; the closed prices' version must move exactly when a statement changes a price of a
// match with a closing price (or such a match), and not for a fixture's prices.
const SEED = `
  INSERT INTO regions (code, name, country) VALUES ('ODV', 'Odds version land', 'Odds version land');
  INSERT INTO teams (region_id, name) SELECT id, t FROM regions, unnest(ARRAY['Home FC', 'Away FC']) t
    WHERE code = 'ODV';
  INSERT INTO matches (source, source_key, region_id, competition, season, start_time_utc, home_team_id,
                       away_team_id, status)
  SELECT 'test', 'odds-version', r.id, 'League', '2025-26', '2026-01-10T15:00:00Z', h.id, a.id, 'scheduled'
  FROM regions r JOIN teams h ON h.name = 'Home FC' JOIN teams a ON a.name = 'Away FC' WHERE r.code = 'ODV';`;

describe.each(DRIVERS)("the closed prices' version on $driver", ({ available, open }) => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const d of disposers.splice(0)) await d();
  });

  it.runIf(available)(
    'moves with every statement that changes a closed match or its prices, and only then',
    async () => {
      const { db, dispose } = await open();
      disposers.push(dispose);
      await db.exec(SEED);
      const versions = [await closedOddsVersion(db)];
      const moves = async (sql: string) => {
        await db.exec(sql);
        versions.push(await closedOddsVersion(db));
        return versions.at(-1) !== versions.at(-2);
      };
      const match = `(SELECT match_id FROM matches WHERE source_key = 'odds-version')`;
      const price = (kind: string, at: string) =>
        `INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
         SELECT ${match}, 'book', '${kind}', ${at}, 2.1, 3.3, 3.6`;
      // A fixture's prices: its market has not closed.
      expect(await moves(price('opening', "'2026-01-08T10:00:00Z'"))).toBe(false);
      expect(await moves(`UPDATE matches SET start_time_utc = start_time_utc + interval '1 hour'`)).toBe(
        false,
      );
      expect(await moves(price('closing', 'NULL'))).toBe(true);
      // Now closed: its other prices and its kick-off (which dates the closing price) count.
      expect(await moves(price('opening', "'2026-01-09T10:00:00Z'"))).toBe(true);
      expect(await moves(`UPDATE matches SET start_time_utc = start_time_utc - interval '1 hour'`)).toBe(
        true,
      );
      // Statements that touch no row: a re-import of the same prices writes none.
      expect(await moves(`UPDATE odds SET odd_home = 9 WHERE bookmaker = 'nobody'`)).toBe(false);
      expect(await moves(`DELETE FROM odds WHERE bookmaker = 'nobody'`)).toBe(false);
      expect(
        await moves(`INSERT INTO odds (match_id, bookmaker, kind, odd_home, odd_draw, odd_away)
                   SELECT match_id, 'book', 'closing', 2.1, 3.3, 3.6 FROM matches WHERE false`),
      ).toBe(false);
      expect(await moves(`UPDATE odds SET odd_home = 2.2 WHERE kind = 'closing'`)).toBe(true);
      expect(await moves(`DELETE FROM odds WHERE kind = 'closing'`)).toBe(true);
      // Open again: its last pre-match price goes without a move.
      expect(await moves(`DELETE FROM odds WHERE bookmaker = 'book'`)).toBe(false);
      expect(await moves('TRUNCATE odds')).toBe(true);
      // A transaction that rolls back leaves the version where it was.
      await db
        .transaction(async (tx) => {
          await tx.query(price('closing', 'NULL'));
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect(await closedOddsVersion(db)).toBe(versions.at(-1));
    },
  );
});
