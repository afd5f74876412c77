/**
 * Migration 0008 on a chain that already exists: entries chained before it keep hashing as format 1 and still
 * verify; entries chained after it are format 2 and cover the goal markets logged with them.
 */
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open-db.ts';
import { appendPredictions } from '../../src/db/prediction-log-repository.ts';
import { loadChain } from '../../src/db/track-record-repository.ts';
import { chainHash, GENESIS_HASH, verifyChain } from '../../src/domain/prediction-chain.ts';

describe('the prediction chain across migration 0008', () => {
  it('keeps verifying the entries chained before it and chains new ones in format 2', async () => {
    const db = await openDb({});
    try {
      await migrate(
        db,
        listMigrations().filter((m) => m.id < 8),
      );
      await db.exec(`
        INSERT INTO regions (code, name, country) VALUES ('EN', 'England', 'England');
        INSERT INTO teams (name, region_id) VALUES ('Alpha', 1), ('Beta', 1);
        INSERT INTO matches (source, source_key, region_id, competition, season, start_time_utc, home_team_id,
                             away_team_id, status)
        VALUES ('test', 'a', 1, 'Premier League', '2025-26', '2026-01-10T15:00:00Z', 1, 2, 'scheduled');
      `);
      // An entry as the code before migration 0008 chained it (format 1: the 1X2 only).
      const loggedAt = '2026-01-08T06:00:00.000Z';
      const [old] = await db.query<{ id: number }>(
        `INSERT INTO prediction_log (match_id, model_name, model_version, model_alias, source, proba_home,
                                     proba_draw, proba_away, trained_until, computed_at)
         VALUES (1, 'm', 1, 'champion', 'batch', 0.41, 0.27, 0.32, '2026-01-01T00:00:00Z', $1) RETURNING id`,
        [loggedAt],
      );
      const oldHash = chainHash(GENESIS_HASH, {
        format: 1,
        matchId: 1,
        modelName: 'm',
        modelVersion: 1,
        source: 'batch',
        probabilities: [0.41, 0.27, 0.32],
        goalMarkets: null,
        loggedAtMs: Date.parse(loggedAt),
      });
      await db.query(
        `INSERT INTO prediction_chain (seq, prediction_id, prev_hash, hash, chained_at)
         VALUES (1, $1, $2, $3, $4)`,
        [old?.id, GENESIS_HASH, oldHash, loggedAt],
      );

      expect(await migrate(db)).toContain('0008_logged_goal_markets');
      await db.transaction((tx) =>
        appendPredictions(
          tx,
          [
            {
              matchId: 1,
              modelName: 'm',
              modelVersion: 1,
              modelAlias: 'champion',
              runId: null,
              source: 'batch',
              probabilities: [0.4, 0.28, 0.32],
              goalMarkets: { over25: 0.52, btts: 0.55 },
              trainedUntil: new Date('2026-01-01T00:00:00Z'),
              computedAt: new Date('2026-01-09T06:00:00Z'),
            },
          ],
          new Date('2026-01-09T06:00:01Z'),
        ),
      );
      const chain = await loadChain(db);
      expect(chain.map((e) => [e.seq, e.format, e.goalMarkets])).toEqual([
        [1, 1, null],
        [2, 2, { over25: 0.52, btts: 0.55 }],
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
      await db.close();
    }
  }, 60_000);
});
