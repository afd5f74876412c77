/**
 * Models already trained on exactly the same data, so a repeated evaluation does not fit them again: the evaluate
 * stage scores the recipe trained on the matches before `evaluate.test_from`, and in a replay or a long-running
 * scheduler every retraining day hands it the same training rows (their features are identical, ADR 0013).
 * Trainers are deterministic for a seed (models/model.ts), so the same family, options and data give the same
 * model; the key is a digest of all three. Only the latest model per family is kept.
 *
 * @example
 *   const cache = createTrainedModelCache();
 *   const model = trainCached(cache, { name: 'logreg', trainer }, data, { seed: 1 }, params.train);
 */
import { createHash } from 'node:crypto';
import type { Dataset, TrainedModel, TrainOptions } from '../../models/model.ts';
import type { TrainerEntry } from './model-trainers.ts';

export interface TrainedModelCache {
  readonly byFamily: Map<string, { readonly key: string; readonly model: TrainedModel }>;
}

export function createTrainedModelCache(): TrainedModelCache {
  return { byFamily: new Map() };
}

function digest(entry: TrainerEntry, data: Dataset, options: TrainOptions, recipe: unknown): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ name: entry.name, family: entry.trainer.family, options, recipe }));
  hash.update(JSON.stringify({ features: data.featureNames, n: data.n, d: data.d }));
  hash.update(new Uint8Array(data.x.buffer, data.x.byteOffset, data.x.byteLength));
  hash.update(new Uint8Array(data.y.buffer, data.y.byteOffset, data.y.byteLength));
  return hash.digest('hex');
}

/** `entry.trainer.train(data, options)`, or the model it gave for the same data last time. */
export function trainCached(
  cache: TrainedModelCache | undefined,
  entry: TrainerEntry,
  data: Dataset,
  options: TrainOptions,
  /** Everything else the trainer was built from (params.train). */
  recipe: unknown,
): TrainedModel {
  if (cache === undefined) return entry.trainer.train(data, options);
  const key = digest(entry, data, options, recipe);
  const hit = cache.byFamily.get(entry.name);
  if (hit?.key === key) return hit.model;
  const model = entry.trainer.train(data, options);
  cache.byFamily.set(entry.name, { key, model });
  return model;
}
