/**
 * A batch prediction to log (`appendPredictions`), champion of a model at version 1 with no run, goal markets or
 * team counts unless the test names them: the shape tests of the prediction log and its chain write again and again.
 */
import type { NewPrediction } from '../../src/db/prediction-log-repository.ts';

export function batchPrediction(
  matchId: number,
  at: { readonly trainedUntil: Date; readonly computedAt: Date },
  overrides: Partial<NewPrediction> = {},
): NewPrediction {
  return {
    matchId,
    modelName: 'm',
    modelVersion: 1,
    modelAlias: 'champion',
    runId: null,
    source: 'batch',
    probabilities: [0.5, 0.3, 0.2],
    goalMarkets: null,
    ...at,
    ...overrides,
  };
}
