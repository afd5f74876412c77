/**
 * A fixture between two teams the data has never seen, in a league it has never seen, after years of another
 * league: the champion recipe, trained as the train stage trains it, must answer close to the class priors, in
 * TypeScript and in the exported ONNX graph. Before 2026-12-07 such fixtures (Portugal, Belgium… beside three
 * loaded leagues) were forecast Home 100 %: league_history_weight is 0 there and had barely moved in training.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { loadParams, type Params } from '../../../src/config/params.ts';
import type { MatchRecord } from '../../../src/domain/match.ts';
import { buildFeatureTable } from '../../../src/features/feature-table.ts';
import { datasetFromRows, featuresOfRows } from '../../../src/models/dataset.ts';
import { INPUT_NAME, OUTPUT_NAME } from '../../../src/models/onnx/softmax-regression.ts';
import { trainerFor } from '../../../src/pipelines/evaluation/model-trainers.ts';
import { trainingRows } from '../../../src/pipelines/evaluation/training-window.ts';
import { syntheticLeague } from '../features/synthetic-league.ts';

const base = loadParams();
// Training starts once the league's own history has settled (as 2000-07 does for leagues loaded from 1993), so
// league_history_weight hardly varies among the training rows.
const params: Params = { ...base, train: { ...base.train, train_from: '2022-07-01' } };

describe('a fixture without any history', () => {
  const history = syntheticLeague({ seed: 3, teams: 16, seasons: 12, firstYear: 2015 });
  const last = history.at(-1) as MatchRecord;
  const fixture: MatchRecord = {
    matchId: 9_000_001,
    regionId: 9,
    competition: 'P1',
    season: '2027-28',
    sex: 0,
    startTimeMs: last.startTimeMs + 7 * 86_400_000,
    homeTeamId: 9001,
    awayTeamId: 9002,
    homeScore: null,
    awayScore: null,
    status: 'scheduled',
  };
  const table = buildFeatureTable([...history, fixture], params.features, { nowMs: last.startTimeMs + 1 });
  const row = table.n - 1;
  const window = trainingRows(table, params.train, fixture.startTimeMs);
  const data = datasetFromRows(table, window.rows);
  const model = trainerFor(params.train).train(data, { seed: params.train.seed });
  const priors = [0, 1, 2].map((k) => data.y.filter((y) => y === k).length / data.n);
  const weight = table.featureNames.indexOf('league_history_weight');
  const trainingWeights = Array.from(window.rows, (r) => table.x[r * table.d + weight] as number);

  it('is a case where league_history_weight is 0 but barely moved in training', () => {
    expect(table.matches[row]?.matchId).toBe(fixture.matchId);
    expect(table.x[row * table.d + weight]).toBe(0);
    expect(Math.min(...trainingWeights)).toBeGreaterThan(0.7);
    expect(Math.max(...trainingWeights) - Math.min(...trainingWeights)).toBeLessThan(0.01);
  });

  it('gets probabilities close to the class priors, never 0 or 1', async () => {
    const x = featuresOfRows(table, [row]);
    const ts = Array.from(model.predict(x, 1));
    const session = await ort.InferenceSession.create(model.toOnnx());
    try {
      const out = await session.run({
        [INPUT_NAME]: new ort.Tensor('float32', Float32Array.from(x), [1, table.d]),
      });
      const onnx = Array.from(out[OUTPUT_NAME]?.data as Float32Array);
      for (const p of [ts, onnx]) {
        for (let k = 0; k < 3; k++) {
          expect(Math.abs((p[k] as number) - (priors[k] as number))).toBeLessThan(0.1);
        }
      }
    } finally {
      await session.release();
    }
  });
});
