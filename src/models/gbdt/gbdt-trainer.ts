/**
 * Gradient-boosted trees for the three match outcomes (home, draw, away), histogram-based like LightGBM.
 * Rows must arrive in kickoff order: the last `validationFraction` of them — the most recent matches — is the
 * early-stopping tail, so the stopping round is chosen on matches later than those it was fitted on.
 *
 * @example
 *   const model = new GbdtTrainer({ learningRate: 0.03 }).train(dataset, { seed: 7 });
 *   const onnxBytes = model.toOnnx();
 */
import { Value } from 'typebox/value';
import type { Dataset, TrainedModel, Trainer, TrainOptions } from '../model.ts';
import { trainBoosting } from './boosting.ts';
import { gbdtModel } from './gbdt-model.ts';
import { DEFAULT_GBDT_PARAMS, type GbdtParams, GbdtParamsSchema } from './params.ts';

export class GbdtTrainer implements Trainer {
  readonly family = 'gbdt';
  readonly params: GbdtParams;

  constructor(overrides: Partial<GbdtParams> = {}) {
    const params = { ...DEFAULT_GBDT_PARAMS, ...overrides };
    if (!Value.Check(GbdtParamsSchema, params)) {
      const first = [...Value.Errors(GbdtParamsSchema, params)][0];
      throw new Error(`gbdt: invalid parameter ${first?.instancePath ?? ''}: ${first?.message ?? 'unknown'}`);
    }
    this.params = Object.freeze(params);
  }

  train(data: Dataset, options: TrainOptions): TrainedModel {
    if (data.n < 2) throw new Error('gbdt: need at least two rows');
    if (data.x.length !== data.n * data.d) throw new Error('gbdt: x is not n × d');
    const result = trainBoosting({ x: data.x, y: data.y, n: data.n, d: data.d }, this.params, options.seed);
    return gbdtModel(result.ensemble, data.featureNames, {
      ...this.params,
      seed: options.seed,
      rounds: result.rounds,
      bestRound: result.bestRound,
      validationRows: result.validationRows,
      validationLogLoss: result.validationLogLoss,
    });
  }
}
