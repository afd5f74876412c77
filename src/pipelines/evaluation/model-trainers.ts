/**
 * The one registry of model families: the logistic-regression champion recipe, the gradient-boosted challenger,
 * the goal-based Elo → ordered-logit reference and the Dixon–Coles goal model (its 1X2 log-odds calibrated by an
 * ordered logit). `matchcast evaluate` compares them all; the train stage
 * fits the one params.train.model names.
 */
import type { TrainParams } from '../../config/params.ts';
import { ExpectedError } from '../../domain/expected-error.ts';
import { GbdtTrainer } from '../../models/gbdt/gbdt-trainer.ts';
import { createLogisticRegressionTrainer } from '../../models/logistic-regression.ts';
import type { Trainer } from '../../models/model.ts';
import { OrderedLogitTrainer } from '../../models/ordered-logit.ts';

export interface TrainerEntry {
  /** Report key, e.g. "logreg". */
  readonly name: string;
  readonly trainer: Trainer;
}

export function champion(params: TrainParams): TrainerEntry {
  return {
    name: 'logreg',
    trainer: createLogisticRegressionTrainer({
      l2: params.l2,
      maxIterations: params.max_iterations,
      tolerance: params.tolerance,
    }),
  };
}

/** The Elo reference reads one column: the goal-difference-weighted Elo difference (home − away). */
export const ELO_REFERENCE_FEATURE = 'elo_diff';

/** The Dixon–Coles challenger reads the goal model's home/away log-odds (src/features/dixon-coles-ratings.ts). */
export const DIXON_COLES_FEATURE = 'dc_log_home_away';

/** The champion recipe first, then the challenger families. */
export function availableTrainers(params: TrainParams): TrainerEntry[] {
  return [
    champion(params),
    { name: 'gbdt', trainer: new GbdtTrainer() },
    { name: 'elo_ordered_logit', trainer: new OrderedLogitTrainer(ELO_REFERENCE_FEATURE) },
    { name: 'dixon_coles', trainer: new OrderedLogitTrainer(DIXON_COLES_FEATURE) },
  ];
}

/** The family params.train.model names, as the train and evaluate stages fit it. */
export function trainerFor(params: TrainParams): Trainer {
  const entry = availableTrainers(params).find((t) => t.name === params.model);
  if (!entry) {
    const names = availableTrainers(params).map((t) => t.name);
    throw new ExpectedError(
      `params train.model: unknown model family "${params.model}" (${names.join(' | ')})`,
    );
  }
  return entry.trainer;
}
