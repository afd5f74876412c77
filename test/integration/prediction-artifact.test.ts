/**
 * predictions/predictions.parquet from writer to reader: what the pipeline writes (the domain's column list) is
 * what the API reads back, and for any rows and times the reader never serves a played match's probability that
 * the leakage rule refuses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PredictionRow } from '../../src/domain/artifacts.ts';
import { isHonestFor } from '../../src/domain/leakage-rule.ts';
import { oddsColumns, predictionColumns } from '../../src/storage/artifacts/artifact-tables.ts';
import { parseOdds } from '../../src/storage/artifacts/odds-table.ts';
import { parsePredictions } from '../../src/storage/artifacts/prediction-table.ts';
import { createDecoderPool } from '../../src/storage/parquet/decoder-pool.ts';
import { encodeParquet } from '../../src/storage/parquet/parquet-file.ts';
import { sampleOdds, samplePredictions } from '../unit/api/fixture.ts';

const decoder = createDecoderPool(1);
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('the predictions artifact', () => {
  it('reads back every column the writer wrote', async () => {
    const rows = samplePredictions(40);
    const table = await parsePredictions(await encodeParquet(predictionColumns(rows)), decoder, Date.now());
    expect(table.size).toBe(rows.length);
    expect(table.leakedRowsDropped).toBe(0);
    for (const written of rows) {
      const read = table.get(written.match_id);
      expect(read).toMatchObject({
        match_id: written.match_id,
        home_team_name: written.home_team_name,
        start_time_utc: written.start_time_utc,
        region_id: written.region_id,
        status: written.status,
        home_score: written.home_score,
        proba_home: written.proba_home,
        proba_over_2_5: written.proba_over_2_5,
        proba_btts: written.proba_btts,
        predicted_class: written.predicted_class,
        is_future: written.is_future,
        model_stage: written.model_stage,
        computed_at: written.computed_at,
      });
    }
  });

  it('reads back the odds the writer wrote', async () => {
    const odds = sampleOdds(samplePredictions(12));
    const table = await parseOdds(await encodeParquet(oddsColumns(odds)), decoder);
    for (const written of odds) expect(table.get(written.match_id)).toEqual(written);
  });

  it('never serves a played match a probability the leakage rule refuses', async () => {
    const kickoff = Date.UTC(2025, 2, 1, 15);
    const row = fc.record({
      stage: fc.constantFrom('champion', 'challenger', 'backtest'),
      trained: fc.integer({ min: -3, max: 3 }),
      computed: fc.integer({ min: -3, max: 3 }),
      future: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (generated) => {
        const base = samplePredictions(generated.length, generated.length);
        const rows: PredictionRow[] = generated.map((g, i) => ({
          ...(base[i] as PredictionRow),
          start_time_utc: iso(kickoff),
          is_future: g.future,
          model_stage: g.stage,
          trained_until: iso(kickoff + g.trained * HOUR),
          computed_at: iso(kickoff + g.computed * HOUR),
        }));
        const table = await parsePredictions(
          await encodeParquet(predictionColumns(rows)),
          decoder,
          Date.now(),
        );
        const honest = (r: PredictionRow) =>
          r.is_future ||
          isHonestFor(
            {
              source: r.model_stage === 'backtest' ? 'backtest' : 'batch',
              trainedUntilMs: Date.parse(r.trained_until),
              computedAtMs: Date.parse(r.computed_at),
            },
            kickoff,
          );
        for (const r of rows) expect(table.get(r.match_id) !== undefined, JSON.stringify(r)).toBe(honest(r));
        expect(table.size + table.leakedRowsDropped).toBe(rows.length);
      }),
      { numRuns: 12, seed: 42 },
    );
  }, 120_000);
});
