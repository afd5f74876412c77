import { describe, expect, it } from 'vitest';
import { InvalidFeaturesError } from '../../../src/inference/inference-errors.ts';
import type { ModelResolver, ResolvedModel } from '../../../src/inference/model-resolver.ts';
import type { Predictor } from '../../../src/inference/predictor.ts';
import { UnknownTaskError, UnrecoverableTaskError } from '../../../src/queue/queue-errors.ts';
import { createTaskProcessors, runTask } from '../../../src/queue/task-processors.ts';
import { AliasNotSetError } from '../../../src/registry/registry-errors.ts';
import { modelSignature, modelVersion } from '../../support/model-version.ts';

const signature = modelSignature(['elo_diff']);
const version = (n: number) => modelVersion(n, signature);

/** A resolver whose versions answer fixed probabilities, recording what was asked of it. */
function resolver(fail?: Error) {
  const asked: [string, number | undefined][] = [];
  const fake: ModelResolver = {
    modelName: 'm',
    async resolve(alias, pinned) {
      asked.push([alias, pinned]);
      if (fail) throw fail;
      const predictor = {
        signature,
        predict: async (features: ArrayLike<number>) => {
          if (features.length !== 1) throw new InvalidFeaturesError('expected 1 feature');
          return [0.2, 0.3, 0.5] as const;
        },
      } as unknown as Predictor;
      return { alias, version: version(pinned ?? 7), predictor } satisfies ResolvedModel;
    },
    loaded: () => [],
    loadedVersions: () => [],
    fallbacks: () => [],
    close: async () => {},
  };
  return { fake, asked };
}

const task = {
  match_id: 3,
  stage: 'champion',
  model_version: 2,
  features: [0.1],
  feature_names: ['elo_diff'],
};

describe('task processors', () => {
  it('runs the version the task names and answers the contract’s prediction', async () => {
    const { fake, asked } = resolver();
    const result = await createTaskProcessors({ resolver: fake }).predict_match(task);
    expect(asked).toEqual([['champion', 2]]);
    expect(result).toMatchObject({
      match_id: 3,
      prediction: {
        predicted_class: 2,
        predicted_label: 'away_win',
        probabilities: { '0': 0.2, '1': 0.3, '2': 0.5 },
        model_name: 'm',
        model_version: '2',
        model_stage: 'champion',
        model_run_id: 'run-2',
      },
    });
    expect(result.inference_ms).toBeGreaterThanOrEqual(0);
  });

  it('refuses data that breaks the schema, naming the field, without retry', async () => {
    const processors = createTaskProcessors({ resolver: resolver().fake });
    await expect(processors.predict_match({ ...task, stage: 'boss' })).rejects.toThrow(
      UnrecoverableTaskError,
    );
    await expect(processors.predict_match({ ...task, features: 'x' })).rejects.toThrow(/\/features/);
    await expect(processors.predict_match({ ...task, extra: 1 })).rejects.toThrow(
      /invalid predict_match data/,
    );
  });

  it('makes errors a retry cannot fix unrecoverable, and passes others through', async () => {
    const unset = createTaskProcessors({ resolver: resolver(new AliasNotSetError('m', 'champion')).fake });
    await expect(unset.predict_match(task)).rejects.toBeInstanceOf(UnrecoverableTaskError);
    const bad = createTaskProcessors({ resolver: resolver().fake });
    await expect(
      bad.predict_match({ ...task, features: [1, 2], feature_names: ['a', 'b'] }),
    ).rejects.toBeInstanceOf(UnrecoverableTaskError);
    const away = createTaskProcessors({ resolver: resolver(new Error('database away')).fake });
    const error = await away.predict_match(task).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(UnrecoverableTaskError);
    expect((error as Error).message).toBe('database away');
  });

  it('refuses a task name the queue does not know', async () => {
    const processors = createTaskProcessors({ resolver: resolver().fake });
    await expect(runTask(processors, 'model_info', {})).rejects.toBeInstanceOf(UnknownTaskError);
    await expect(runTask(processors, 'toString', {})).rejects.toBeInstanceOf(UnknownTaskError);
  });
});
