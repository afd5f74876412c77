/** The trainer named by params.train.model. */
import type { TrainParams } from '../config/params.ts';
import { GbdtTrainer } from '../models/gbdt/gbdt-trainer.ts';
import { createLogisticRegressionTrainer } from '../models/logistic-regression.ts';
import type { Trainer } from '../models/model.ts';

export function trainerFor(params: TrainParams): Trainer {
  switch (params.model) {
    case 'logreg':
      return createLogisticRegressionTrainer({
        l2: params.l2,
        maxIterations: params.max_iterations,
        tolerance: params.tolerance,
      });
    case 'gbdt':
      return new GbdtTrainer();
    default:
      throw new Error(`params.train.model: unknown model family "${params.model}" (logreg | gbdt)`);
  }
}
