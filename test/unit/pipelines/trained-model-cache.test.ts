import { describe, expect, it } from 'vitest';
import type { Dataset, TrainedModel, Trainer } from '../../../src/models/model.ts';
import {
  createTrainedModelCache,
  trainCached,
} from '../../../src/pipelines/evaluation/trained-model-cache.ts';

function countingTrainer(): Trainer & { calls: number } {
  const trainer = {
    family: 'counting',
    calls: 0,
    train(data: Dataset): TrainedModel {
      trainer.calls++;
      const n = data.n;
      return { predict: () => new Float64Array(n * 3) } as unknown as TrainedModel;
    },
  };
  return trainer;
}

const data = (shift = 0): Dataset => ({
  featureNames: ['a', 'b'],
  n: 3,
  d: 2,
  x: Float64Array.from([1, 2, 3, 4, 5, 6 + shift]),
  y: Uint8Array.from([0, 1, 2]),
});

describe('trainCached', () => {
  it('reuses the model for the same data, options and recipe, and trains again when any of them changes', () => {
    const trainer = countingTrainer();
    const entry = { name: 'counting', trainer };
    const cache = createTrainedModelCache();
    const first = trainCached(cache, entry, data(), { seed: 1 }, { l2: 1 });
    expect(trainCached(cache, entry, data(), { seed: 1 }, { l2: 1 })).toBe(first);
    expect(trainer.calls).toBe(1);
    trainCached(cache, entry, data(1e-12), { seed: 1 }, { l2: 1 });
    trainCached(cache, entry, data(1e-12), { seed: 2 }, { l2: 1 });
    trainCached(cache, entry, data(1e-12), { seed: 2 }, { l2: 2 });
    expect(trainer.calls).toBe(4);
    // Only the latest model is kept.
    expect(trainCached(cache, entry, data(), { seed: 1 }, { l2: 1 })).not.toBe(first);
    expect(trainer.calls).toBe(5);
  });

  it('always trains without a cache', () => {
    const trainer = countingTrainer();
    trainCached(undefined, { name: 'counting', trainer }, data(), { seed: 1 }, {});
    trainCached(undefined, { name: 'counting', trainer }, data(), { seed: 1 }, {});
    expect(trainer.calls).toBe(2);
  });
});
