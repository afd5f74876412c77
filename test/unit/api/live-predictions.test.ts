/**
 * Live predictions with the real in-process queue and small stand-ins for the registry and feature file: the
 * contract's errors in its order, the alias resolved once (the task carries the version), and the same answer
 * inline and through the queue.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/errors.ts';
import { createApiMetrics } from '../../../src/api/plugins/metrics.ts';
import { createLivePredictions, type InlineRunner } from '../../../src/api/services/live-predictions.ts';
import { createModelCatalog } from '../../../src/api/services/model-catalog.ts';
import type { ReadModels } from '../../../src/api/services/read-models.ts';
import { manualClock } from '../../../src/domain/clock.ts';
import type { ModelAlias } from '../../../src/domain/model-signature.ts';
import type { Predictor } from '../../../src/inference/predictor.ts';
import {
  createInProcessTaskQueue,
  type InProcessTaskQueue,
} from '../../../src/queue/in-process-task-queue.ts';
import type { PredictMatchData } from '../../../src/queue/tasks.ts';
import type { ModelVersion } from '../../../src/registry/model-registry.ts';
import type { ServedFeatures } from '../../../src/storage/artifacts/served-features.ts';
import { modelSignature, modelVersion } from '../../support/model-version.ts';

const VERSION = modelVersion(4, modelSignature(['elo_diff', 'rest_days_diff']));
const PROBABILITIES = [0.5, 0.3, 0.2] as const;

const KICKOFF = Date.parse('2026-12-06T15:00:00Z');
const BEFORE_KICKOFF = Date.parse('2026-12-05T12:00:00Z');

const features: ServedFeatures = {
  featureNames: ['elo_diff', 'rest_days_diff'],
  rows: 1,
  has: (id) => id === 1,
  kickoffMs: (id) => (id === 1 ? KICKOFF : null),
  vector: (id, names) => (id === 1 ? names.map((n) => (n === 'elo_diff' ? 42 : -1)) : null),
};

function setup(
  options: {
    mode?: 'queue' | 'inline';
    loaded?: boolean;
    timeoutMs?: number;
    nowMs?: number;
    version?: ModelVersion;
  } = {},
) {
  const version = options.version ?? VERSION;
  const resolved: ModelAlias[] = [];
  const catalog = createModelCatalog(
    {
      resolve: async (_name: string, stage: ModelAlias) => {
        resolved.push(stage);
        return stage === 'champion' ? version : null;
      },
      history: async () => [],
      getVersion: async () => null,
    },
    'm',
  );
  const readModels = {
    features: { current: () => (options.loaded === false ? null : { value: features }) },
  } as unknown as Pick<ReadModels, 'features'>;
  const inline: InlineRunner = {
    resolve: async (alias) => {
      if (alias !== 'champion') {
        const { AliasNotSetError } = await import('../../../src/registry/registry-errors.ts');
        throw new AliasNotSetError('m', alias);
      }
      return {
        alias,
        version,
        predictor: { predict: async () => PROBABILITIES } as unknown as Predictor,
      };
    },
  };
  const queue = createInProcessTaskQueue();
  const live = createLivePredictions({
    readModels,
    catalog,
    queue,
    metrics: createApiMetrics({ defaultMetrics: false }),
    timeoutMs: options.timeoutMs ?? 2000,
    mode: options.mode ?? 'queue',
    inline,
    clock: manualClock(options.nowMs ?? BEFORE_KICKOFF),
  });
  return { live, queue, resolved };
}

/** A worker that answers like the real one would for VERSION, recording the tasks it got. */
function attachWorker(queue: InProcessTaskQueue, behave: 'answer' | 'fail' | 'slow' = 'answer') {
  const tasks: PredictMatchData[] = [];
  const worker = queue.attachWorker({
    name: 'w',
    concurrency: 1,
    modelsLoaded: () => [],
    run: async (_name, data) => {
      tasks.push(data as PredictMatchData);
      if (behave === 'fail') throw new Error('boom');
      if (behave === 'slow') await new Promise((resolve) => setTimeout(resolve, 300));
      const task = data as PredictMatchData;
      return {
        match_id: task.match_id,
        inference_ms: 0.1,
        prediction: {
          predicted_class: 0,
          predicted_label: 'home_win',
          probabilities: { '0': PROBABILITIES[0], '1': PROBABILITIES[1], '2': PROBABILITIES[2] },
          model_name: 'm',
          model_version: String(task.model_version),
          model_stage: task.stage,
          model_run_id: 'run-4',
        },
      };
    },
  });
  return { worker, tasks };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).code;
}

const queues: InProcessTaskQueue[] = [];
afterEach(async () => {
  for (const q of queues.splice(0)) await q.close();
});

describe('live predictions', () => {
  it('resolves the alias once and sends the worker the version the features were built for', async () => {
    const { live, queue, resolved } = setup();
    queues.push(queue);
    const { tasks } = attachWorker(queue);
    const answer = await live.predict(1, 'champion');
    expect(resolved).toEqual(['champion']);
    expect(tasks).toEqual([
      {
        match_id: 1,
        stage: 'champion',
        model_version: 4,
        features: [42, -1],
        feature_names: ['elo_diff', 'rest_days_diff'],
      },
    ]);
    expect(answer.prediction).toMatchObject({ model_version: '4', model_stage: 'champion' });
    expect(answer.task_id).toEqual(expect.any(String));
  });

  it('gives the same prediction inline, without a task', async () => {
    const { live: viaQueue, queue } = setup();
    queues.push(queue);
    attachWorker(queue);
    const { live: inline, queue: unused } = setup({ mode: 'inline' });
    queues.push(unused);
    const a = await viaQueue.predict(1, 'champion');
    const b = await inline.predict(1, 'champion');
    expect(b.prediction).toEqual(a.prediction);
    expect(b.task_id).toBeNull();
  });

  it('answers the contract’s errors in order: 404, 400, 503, 504, 500', async () => {
    const { live, queue } = setup({ timeoutMs: 50 });
    queues.push(queue);
    expect(await codeOf(live.predict(2, 'champion'))).toBe('MATCH_NOT_FOUND');
    expect(await codeOf(live.predict(1, 'challenger'))).toBe('STAGE_NOT_SERVED');
    expect(await codeOf(live.predict(1, 'champion'))).toBe('NO_WORKER_ALIVE');
    attachWorker(queue, 'slow');
    expect(await codeOf(live.predict(1, 'champion'))).toBe('INFERENCE_TIMEOUT');
  });

  it('answers NO_WORKER_ALIVE as soon as every worker left while a task waited, not at the timeout', async () => {
    const { live, queue } = setup({ timeoutMs: 30_000 });
    queues.push(queue);
    // No worker takes the task; the queue says one is live until it "dies" after the task was queued.
    let workerLive = true;
    queue.hasLiveWorker = async () => workerLive;
    const started = Date.now();
    const answer = codeOf(live.predict(1, 'champion'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await queue.counts()).waiting).toBe(1);
    workerLive = false;
    expect(await answer).toBe('NO_WORKER_ALIVE');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reports a failed task as TASK_FAILED and a missing feature file as 503', async () => {
    const { live, queue } = setup();
    queues.push(queue);
    attachWorker(queue, 'fail');
    expect(await codeOf(live.predict(1, 'champion'))).toBe('TASK_FAILED');
    const { live: unloaded, queue: q2 } = setup({ loaded: false });
    queues.push(q2);
    expect(await codeOf(unloaded.predict(1, 'champion'))).toBe('FEATURES_NOT_LOADED');
  });

  it('says an answer is hindsight once the match has kicked off, or when its model trained past the kick-off', async () => {
    const answers = [];
    for (const mode of ['queue', 'inline'] as const) {
      for (const [nowMs, version] of [
        [BEFORE_KICKOFF, VERSION],
        [KICKOFF, VERSION],
        [BEFORE_KICKOFF, { ...VERSION, params: { trained_until: '2026-12-07T00:00:00.000Z' } }],
      ] as const) {
        const { live, queue } = setup({ mode, nowMs, version });
        queues.push(queue);
        attachWorker(queue);
        answers.push((await live.predict(1, 'champion')).hindsight);
      }
    }
    expect(answers).toEqual([false, true, true, false, true, true]);
  });

  it('enqueues an async task with the resolved version', async () => {
    const { live, queue } = setup();
    queues.push(queue);
    const { tasks } = attachWorker(queue);
    const id = await live.submit(1, 'champion');
    await queue.waitFor(id, 'predict_match', 1000);
    expect(tasks[0]?.model_version).toBe(4);
  });
});

describe('what a client reads of a failure', () => {
  it('drops the queue prefix and every storage path or URL', async () => {
    const { clientReason } = await import('../../../src/api/services/live-predictions.ts');
    expect(
      clientReason(
        'task 12 failed: checksum mismatch for /var/lib/matchcast/artifacts/models/m/3/model.onnx',
      ),
    ).toBe('checksum mismatch for (artifact)');
    expect(clientReason('cannot load s3://bucket/prod/models/m/3/model.onnx (empty file)')).toBe(
      'cannot load (artifact) (empty file)',
    );
  });

  it('answers 503 QUEUE_UNAVAILABLE, not 500, when the broker is away', async () => {
    const { live, queue } = setup();
    queues.push(queue);
    queue.hasLiveWorker = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    };
    expect(await codeOf(live.predict(1, 'champion'))).toBe('QUEUE_UNAVAILABLE');
    queue.enqueue = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    };
    expect(await codeOf(live.submit(1, 'champion'))).toBe('QUEUE_UNAVAILABLE');
  });
});
