/**
 * Migrations 0008 and 0018 on a chain that already exists: entries chained before them keep hashing in their
 * format and still verify; entries chained after 0008 cover the goal markets logged with them, and after 0018
 * each team's earlier matches too.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { appendPredictions } from '../../src/db/prediction-log-repository.ts';
import { loadChain } from '../../src/db/track-record-repository.ts';
import {
  type ChainedPrediction,
  chainHash,
  GENESIS_HASH,
  verifyChain,
} from '../../src/domain/prediction-chain.ts';
import { batchPrediction } from '../support/new-prediction.ts';
import { DRIVERS, openUnmigrated } from '../support/services.ts';

const SEED = `
  INSERT INTO regions (code, name, country) VALUES ('EN', 'England', 'England');
  INSERT INTO teams (name, region_id) VALUES ('Alpha', 1), ('Beta', 1);
  INSERT INTO matches (source, source_key, region_id, competition, season, start_time_utc, home_team_id,
                       away_team_id, status)
  VALUES ('test', 'a', 1, 'Premier League', '2025-26', '2026-01-10T15:00:00Z', 1, 2, 'scheduled');
`;

const OLD_PREDICTION: ChainedPrediction = {
  format: 1,
  matchId: 1,
  modelName: 'm',
  modelVersion: 1,
  source: 'batch',
  probabilities: [0.41, 0.27, 0.32],
  goalMarkets: null,
  history: null,
  loggedAtMs: Date.parse('2026-01-08T06:00:00.000Z'),
};

/** Logs a batch prediction as today's code does, with goal markets and the teams' earlier matches. */
async function logNow(db: Db, computedAt: string, history = { home: 31, away: 4 }): Promise<void> {
  const at = { trainedUntil: new Date('2026-01-01T00:00:00Z'), computedAt: new Date(computedAt) };
  const row = batchPrediction(1, at, {
    probabilities: [0.4, 0.28, 0.32],
    goalMarkets: { over25: 0.52, btts: 0.55 },
    history,
  });
  await db.transaction((tx) => appendPredictions(tx, [row], new Date(Date.parse(computedAt) + 1000)));
}

describe.each(DRIVERS)('the prediction chain across migrations on $driver', ({ driver, available }) => {
  it.runIf(available)(
    'keeps verifying the entries chained before 0008 and chains new ones with their goal markets',
    async () => {
      const { db, dispose } = await openUnmigrated(driver);
      try {
        await migrate(
          db,
          listMigrations().filter((m) => m.id < 8),
        );
        await db.exec(SEED);
        // An entry as the code before migration 0008 chained it (format 1: the 1X2 only).
        const [old] = await db.query<{ id: number }>(
          `INSERT INTO prediction_log (match_id, model_name, model_version, model_alias, source, proba_home,
                                     proba_draw, proba_away, trained_until, computed_at)
         VALUES (1, 'm', 1, 'champion', 'batch', 0.41, 0.27, 0.32, '2026-01-01T00:00:00Z', $1) RETURNING id`,
          [new Date(OLD_PREDICTION.loggedAtMs)],
        );
        const oldHash = chainHash(GENESIS_HASH, OLD_PREDICTION);
        await db.query(
          `INSERT INTO prediction_chain (seq, prediction_id, prev_hash, hash, chained_at)
         VALUES (1, $1, $2, $3, $4)`,
          [old?.id, GENESIS_HASH, oldHash, new Date(OLD_PREDICTION.loggedAtMs)],
        );

        expect(await migrate(db)).toContain('0008_logged_goal_markets');
        await logNow(db, '2026-01-09T06:00:00Z');
        const chain = await loadChain(db);
        expect(chain.map((e) => [e.seq, e.format, e.goalMarkets, e.history])).toEqual([
          [1, 1, null, null],
          [2, 3, { over25: 0.52, btts: 0.55 }, { home: 31, away: 4 }],
        ]);
        expect(chain[0]?.hash).toBe(oldHash);
        expect(verifyChain(chain)).toMatchObject({ ok: true, entries: 2 });
        const [head] = await db.query<{ chained_at: Date }>(
          'SELECT chained_at FROM prediction_chain WHERE seq = 2',
        );
        expect(head?.chained_at.toISOString()).toBe('2026-01-09T06:00:01.000Z');

        // Goal markets written afterwards into a format-1 entry's row are caught, though its hash never covered them.
        await db.query('UPDATE prediction_log SET proba_over_2_5 = 0.6, proba_btts = 0.5 WHERE id = $1', [
          old?.id,
        ]);
        expect(verifyChain(await loadChain(db)).problems).toEqual([
          expect.objectContaining({ seq: 1, problem: 'hash-mismatch' }),
        ]);
      } finally {
        await dispose();
      }
    },
    60_000,
  );

  it.runIf(available)(
    'clears the counts no hash covered at 0018, chains new ones and catches counts rewritten or added',
    async () => {
      const { db, dispose } = await openUnmigrated(driver);
      try {
        await migrate(
          db,
          listMigrations().filter((m) => m.id < 18),
        );
        await db.exec(SEED);
        // An entry as the code between migrations 0017 and 0018 chained it: format 2, its counts logged unhashed.
        const v2: ChainedPrediction = {
          ...OLD_PREDICTION,
          format: 2,
          goalMarkets: { over25: 0.5, btts: 0.5 },
        };
        const [row] = await db.query<{ id: number }>(
          `INSERT INTO prediction_log (match_id, model_name, model_version, model_alias, source, proba_home,
                                     proba_draw, proba_away, proba_over_2_5, proba_btts, trained_until,
                                     computed_at, home_matches_played, away_matches_played)
         VALUES (1, 'm', 1, 'champion', 'batch', 0.41, 0.27, 0.32, 0.5, 0.5, '2026-01-01T00:00:00Z', $1, 3, 40)
         RETURNING id`,
          [new Date(v2.loggedAtMs)],
        );
        await db.query(
          `INSERT INTO prediction_chain (seq, prediction_id, prev_hash, hash, format, chained_at)
         VALUES (1, $1, $2, $3, 2, $4)`,
          [row?.id, GENESIS_HASH, chainHash(GENESIS_HASH, v2), new Date(v2.loggedAtMs)],
        );

        expect(await migrate(db)).toEqual(['0018_chain_entry_format_3']);
        await logNow(db, '2026-01-09T06:00:00Z');
        const chain = await loadChain(db);
        expect(chain.map((e) => [e.seq, e.format, e.history])).toEqual([
          [1, 2, null],
          [2, 3, { home: 31, away: 4 }],
        ]);
        expect(verifyChain(chain)).toMatchObject({ ok: true, entries: 2 });

        // A count rewritten on a format-3 entry changes its hash; one written into a format-2 entry's row is
        // caught as added later, since 0018 left none there.
        await db.query(
          `UPDATE prediction_log p SET home_matches_played = 5 FROM prediction_chain c
         WHERE c.prediction_id = p.id AND c.seq = 2`,
        );
        await db.query(
          'UPDATE prediction_log SET home_matches_played = 9, away_matches_played = 9 WHERE id = $1',
          [row?.id],
        );
        expect(verifyChain(await loadChain(db)).problems).toEqual([
          expect.objectContaining({
            seq: 1,
            problem: 'hash-mismatch',
            detail: "the teams' earlier matches on a format-2 entry, which does not cover them",
          }),
          expect.objectContaining({ seq: 2, problem: 'hash-mismatch' }),
        ]);
      } finally {
        await dispose();
      }
    },
    60_000,
  );
});
