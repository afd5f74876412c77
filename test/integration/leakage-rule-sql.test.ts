/**
 * The prediction log's SQL applies the leakage rule of src/domain/leakage-rule.ts: on the same generated rows
 * (kick-offs, training cut-offs and computation times around each other, equality included), the query returns
 * exactly the predictions `isHonestFor` allows for matches that kicked off by `now`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { appendPredictions, honestPastPredictions } from '../../src/db/prediction-log-repository.ts';
import { isHonestFor, type PredictionSource } from '../../src/domain/leakage-rule.ts';
import { DRIVERS } from '../support/services.ts';

const T0 = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;
const SOURCES: readonly PredictionSource[] = ['batch', 'backtest', 'live'];

// Offsets in whole hours around the kick-off, so equal instants come up often.
const offset = fc.integer({ min: -3, max: 3 }).map((h) => h * HOUR);
const world = fc.record({
  kickoffs: fc.array(
    fc.integer({ min: 0, max: 6 }).map((h) => T0 + h * HOUR),
    { minLength: 1, maxLength: 6 },
  ),
  predictions: fc.array(
    fc.record({
      match: fc.nat(),
      source: fc.constantFrom(...SOURCES),
      trained: offset,
      computed: offset,
    }),
    { maxLength: 30 },
  ),
  now: fc.integer({ min: 0, max: 6 }).map((h) => T0 + h * HOUR),
});

describe.each(DRIVERS)('the leakage rule in SQL ($driver)', ({ available, open }) => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    if (!available) return;
    ({ db, dispose } = await open());
    await db.exec(`
      INSERT INTO regions (code, name, country) VALUES ('X1', 'X', 'X');
      INSERT INTO teams (name, region_id) VALUES ('A', 1), ('B', 1);`);
  });
  afterAll(async () => {
    if (available) await dispose();
  });

  it.runIf(available)(
    'returns exactly what isHonestFor allows',
    async () => {
      await fc.assert(
        fc.asyncProperty(world, async ({ kickoffs, predictions, now }) => {
          // TRUNCATE, not DELETE: the prediction chain is append-only (its trigger refuses row deletes).
          await db.exec('TRUNCATE prediction_chain, prediction_log, matches CASCADE');
          const ids: number[] = [];
          for (const [i, kickoff] of kickoffs.entries()) {
            const [row] = await db.query<{ match_id: number }>(
              `INSERT INTO matches (source, source_key, region_id, competition, season, start_time_utc,
                                  home_team_id, away_team_id, status)
             VALUES ('t', $1, 1, 'X', '2024-25', $2, 1, 2, 'scheduled') RETURNING match_id`,
              [`k${i}`, new Date(kickoff).toISOString()],
            );
            ids.push(Number(row?.match_id));
          }
          const rows = predictions.map((p) => {
            const index = p.match % kickoffs.length;
            const kickoff = kickoffs[index] as number;
            return {
              matchId: ids[index] as number,
              kickoff,
              modelName: 'm',
              modelVersion: 1,
              modelAlias: null,
              runId: null,
              source: p.source,
              probabilities: [0.5, 0.3, 0.2] as const,
              goalMarkets: null,
              trainedUntil: new Date(kickoff + p.trained),
              computedAt: new Date(kickoff + p.computed),
            };
          });
          await appendPredictions(db, rows, new Date(0));
          const key = (r: {
            matchId: number;
            source: string;
            trainedUntilMs: number;
            computedAtMs: number;
          }) => `${r.matchId}|${r.source}|${r.trainedUntilMs}|${r.computedAtMs}`;
          const expected = rows
            .map((r) => ({
              ...r,
              trainedUntilMs: r.trainedUntil.getTime(),
              computedAtMs: r.computedAt.getTime(),
            }))
            .filter((r) => r.kickoff <= now && isHonestFor(r, r.kickoff))
            .map(key)
            .sort();
          const actual = (await honestPastPredictions(db, new Date(now))).map(key).sort();
          expect(actual).toEqual(expected);
        }),
        { numRuns: 25, seed: 20261204 },
      );
    },
    120_000,
  );
});
