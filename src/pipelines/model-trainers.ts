/**
 * The model families `matchcast evaluate` compares: the logistic-regression champion recipe plus every other
 * trainer present in the code base. Optional families are discovered by module path, so evaluation keeps
 * working while a family is still being written (and picks it up once it lands).
 */
import type { TrainParams } from '../config/params.ts';
import { createLogisticRegressionTrainer } from '../models/logistic-regression.ts';
import type { Trainer } from '../models/model.ts';

export interface TrainerEntry {
  /** Report key, e.g. "logreg". */
  readonly name: string;
  readonly trainer: Trainer;
}

/** Modules that may export a Trainer (a `create…Trainer()` factory, a class, or an instance). */
const OPTIONAL_MODULES: readonly (readonly [name: string, path: string])[] = [
  ['gbdt', '../models/gbdt/gbdt-trainer.ts'],
  ['elo_ordered_logit', '../models/ordered-logit.ts'],
  ['elo_ordered_logit', '../models/ordered-logit-trainer.ts'],
  ['elo_ordered_logit', '../models/ordered-logit/ordered-logit-trainer.ts'],
];

function isTrainer(value: unknown): value is Trainer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Trainer).train === 'function' &&
    typeof (value as Trainer).family === 'string'
  );
}

/** Finds a Trainer among a module's exports: an instance, a zero-argument factory or class. */
function trainerFromModule(exports: Record<string, unknown>): Trainer | null {
  for (const [key, value] of Object.entries(exports)) {
    if (isTrainer(value)) return value;
    if (typeof value !== 'function' || !/Trainer$/i.test(key)) continue;
    try {
      const made: unknown = /^[A-Z]/.test(key)
        ? new (value as new () => unknown)()
        : (value as () => unknown)();
      if (isTrainer(made)) return made;
    } catch {
      // Needs arguments we cannot guess: not a usable default.
    }
  }
  return null;
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

/** The champion recipe first, then every optional family found (first module per name wins). */
export async function availableTrainers(params: TrainParams): Promise<TrainerEntry[]> {
  const entries: TrainerEntry[] = [champion(params)];
  for (const [name, path] of OPTIONAL_MODULES) {
    if (entries.some((e) => e.name === name)) continue;
    let exports: Record<string, unknown>;
    try {
      exports = (await import(path)) as Record<string, unknown>;
    } catch {
      continue;
    }
    const trainer = trainerFromModule(exports);
    if (trainer) entries.push({ name, trainer });
  }
  return entries;
}
