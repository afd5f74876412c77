/**
 * Live predictions for one match (docs/api.md, GET /predict/{match_id}): features from the cached feature file,
 * the model the stage points at, then either the `ml` queue (a worker runs it) or, with INFERENCE_MODE=inline, an
 * ONNX session in this process. Same answer either way. Errors are catalogue errors, checked in the contract's
 * order: unknown match (404), stage not served (400), no live worker (503), timeout (504), task failed (500).
 */

import type { Config } from '../../config/config.ts';
import type { Clock } from '../../domain/clock.ts';
import { isHonestFor } from '../../domain/leakage-rule.ts';
import type { ModelAlias } from '../../domain/model-signature.ts';
import { argmaxClass, labelOf, type Probabilities } from '../../domain/outcome.ts';
import type { ModelResolver } from '../../inference/model-resolver.ts';
import { withoutStoragePaths } from '../../queue/queue-errors.ts';
import { TaskFailedError, type TaskQueue, TaskTimeoutError } from '../../queue/task-queue.ts';
import type { PredictionResult } from '../../queue/tasks.ts';
import { type ModelVersion, trainedUntilOf } from '../../registry/model-registry.ts';
import { AliasNotSetError } from '../../registry/registry-errors.ts';
import { ApiError, apiError } from '../errors.ts';
import type { ApiMetrics } from '../plugins/metrics.ts';
import type { LivePrediction } from '../schemas/predict.ts';
import type { ModelCatalog } from './model-catalog.ts';
import type { ReadModels } from './read-models.ts';

/** Loads and runs a stage's model in this process (the inline mode): the inference layer's ModelResolver. */
export type InlineRunner = Pick<ModelResolver, 'resolve'>;

export interface LivePredictions {
  predict(matchId: number, stage: ModelAlias): Promise<LivePrediction>;
  /** Enqueues and returns the task id at once (POST /predict/async/). */
  submit(matchId: number, stage: ModelAlias): Promise<string>;
  /**
   * Whether a finished task's answer, read now, is hindsight (see `hindsight` of the live answer); undefined when
   * the match or version is no longer known.
   */
  taskHindsight(matchId: number, version: number): Promise<boolean | undefined>;
}

export interface LivePredictionDeps {
  readonly readModels: Pick<ReadModels, 'features'>;
  readonly catalog: ModelCatalog;
  readonly queue: TaskQueue;
  readonly metrics: ApiMetrics;
  readonly timeoutMs: number;
  readonly mode: Config['inferenceMode'];
  readonly inline?: InlineRunner | undefined;
  /** Tells whether an answer came after kick-off (hindsight). */
  readonly clock: Clock;
}

/**
 * A worker's failure as a client may read it: without the queue's own "task … failed:" prefix (the answer adds
 * one) and without storage paths or URLs, which say nothing to a client and too much about the deployment.
 */
export function clientReason(message: string): string {
  return withoutStoragePaths(message.replace(/^(task \S+ failed: )+/, ''));
}

/** How often a waiting live prediction checks that some worker is still live (ms). */
const WORKER_WATCH_MS = 1000;

/** Builds the prediction body the same way the worker does, from the probabilities and the version. */
export function predictionOf(version: ModelVersion, stage: ModelAlias, p: Probabilities): PredictionResult {
  const predicted = argmaxClass(p);
  return {
    predicted_class: predicted,
    predicted_label: labelOf(predicted),
    probabilities: { '0': p[0], '1': p[1], '2': p[2] },
    model_name: version.name,
    model_version: String(version.version),
    model_stage: stage,
    model_run_id: version.runId,
  };
}

export function createLivePredictions(deps: LivePredictionDeps): LivePredictions {
  const { readModels, catalog, queue, metrics } = deps;

  function featureTable(matchId: number) {
    const features = readModels.features.current()?.value;
    if (!features) throw apiError('FEATURES_NOT_LOADED');
    if (!features.has(matchId))
      throw apiError('MATCH_NOT_FOUND', `match ${matchId} is not in the feature file`);
    return features;
  }

  function vectorFor(matchId: number, version: ModelVersion): number[] {
    let vector: number[] | null;
    try {
      vector = featureTable(matchId).vector(matchId, version.signature.featureNames);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw apiError('INTERNAL', `the feature file does not match model version ${version.version}`, error);
    }
    if (vector === null) throw apiError('MATCH_NOT_FOUND', `match ${matchId} is not in the feature file`);
    return vector;
  }

  async function prepare(matchId: number, stage: ModelAlias) {
    featureTable(matchId);
    const version = await catalog.resolve(stage);
    if (!version) throw await catalog.notServed(stage);
    return { vector: vectorFor(matchId, version), version };
  }

  /**
   * The leakage rule's verdict on a live answer given now: hindsight when the match has kicked off (or its model
   * trained on data up to its kick-off). It is then no forecast: the result may be in the model.
   */
  function hindsight(matchId: number, version: ModelVersion): boolean {
    const kickoffMs = readModels.features.current()?.value.kickoffMs(matchId) ?? Number.NaN;
    const timing = {
      source: 'live',
      trainedUntilMs: trainedUntilOf(version).getTime(),
      computedAtMs: deps.clock.nowMs(),
    } as const;
    return !isHonestFor(timing, kickoffMs);
  }

  /** A queue call whose failure means the broker is away: 503 with Retry-After at once, never a 500. */
  async function onQueue<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw apiError('QUEUE_UNAVAILABLE', undefined, error);
    }
  }

  /** The task for one match: the alias resolved here, once; the worker runs the version named in it. */
  async function task(matchId: number, stage: ModelAlias) {
    const { vector, version } = await prepare(matchId, stage);
    const data = {
      match_id: matchId,
      stage,
      model_version: version.version,
      features: vector,
      feature_names: [...version.signature.featureNames],
    };
    return { data, version };
  }

  function observe(prediction: PredictionResult, inferenceMs: number, started: number, source: 'sync'): void {
    metrics.predictionDuration.observe({ source }, (performance.now() - started) / 1000);
    metrics.inferenceDuration.observe(inferenceMs / 1000);
    const p = prediction.probabilities;
    metrics.predictionConfidence.observe(
      { outcome: prediction.predicted_label },
      Math.max(p['0'], p['1'], p['2']),
    );
  }

  /**
   * Rejects with NO_WORKER_ALIVE once no worker is live while a task waits, or once the worker running it has
   * gone (killed mid-task, its lock holds the task for seconds): the client is told to retry now rather than
   * after the timeout. The task stays queued for the next worker. The second check matters when workers come
   * back before a watch looks: the queue has live workers again, but the task is still held by a dead one.
   */
  function workersGone(taskId: string): { gone: Promise<never>; stop(): void } {
    let timer: NodeJS.Timeout | undefined;
    const gone = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        void Promise.all([queue.hasLiveWorker(), queue.taskWorkerGone(taskId)]).then(
          ([live, lost]) => {
            if (!live) reject(apiError('NO_WORKER_ALIVE', `every worker left while task ${taskId} waited`));
            else if (lost)
              reject(apiError('NO_WORKER_ALIVE', `the worker running task ${taskId} left before answering`));
          },
          () => {},
        );
      }, WORKER_WATCH_MS);
      timer.unref();
    });
    gone.catch(() => {});
    return { gone, stop: () => clearInterval(timer) };
  }

  async function viaQueue(matchId: number, stage: ModelAlias, started: number): Promise<LivePrediction> {
    const { data, version } = await task(matchId, stage);
    // The queue answers from its own short-lived cache of the workers' heartbeats.
    if (!(await onQueue(() => queue.hasLiveWorker()))) throw apiError('NO_WORKER_ALIVE');
    const taskId = await onQueue(() => queue.enqueue('predict_match', data));
    const watch = workersGone(taskId);
    try {
      const result = await Promise.race([queue.waitFor(taskId, 'predict_match', deps.timeoutMs), watch.gone]);
      observe(result.prediction, result.inference_ms, started, 'sync');
      return {
        match_id: matchId,
        prediction: result.prediction,
        task_id: taskId,
        hindsight: hindsight(matchId, version),
      };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof TaskTimeoutError)
        throw apiError('INFERENCE_TIMEOUT', `no answer within ${deps.timeoutMs} ms (task ${taskId})`, error);
      if (error instanceof TaskFailedError)
        throw apiError('TASK_FAILED', `task ${taskId} failed: ${clientReason(error.message)}`, error);
      throw apiError('QUEUE_UNAVAILABLE', undefined, error);
    } finally {
      watch.stop();
    }
  }

  async function inline(matchId: number, stage: ModelAlias, started: number): Promise<LivePrediction> {
    const runner = deps.inline;
    if (!runner) throw apiError('INTERNAL', 'INFERENCE_MODE=inline but no in-process runner was configured');
    featureTable(matchId);
    const resolved = await runner.resolve(stage).catch(async (error: unknown) => {
      throw error instanceof AliasNotSetError ? await catalog.notServed(stage) : error;
    });
    const vector = vectorFor(matchId, resolved.version);
    const t0 = performance.now();
    const p = await resolved.predictor.predict(vector);
    const prediction = predictionOf(resolved.version, stage, p);
    observe(prediction, performance.now() - t0, started, 'sync');
    return { match_id: matchId, prediction, task_id: null, hindsight: hindsight(matchId, resolved.version) };
  }

  return {
    predict(matchId, stage) {
      metrics.predictionRequests.inc({ source: 'sync' });
      const started = performance.now();
      return deps.mode === 'inline' ? inline(matchId, stage, started) : viaQueue(matchId, stage, started);
    },
    async taskHindsight(matchId, number) {
      if (!readModels.features.current()?.value.has(matchId)) return undefined;
      // A registry away (database outage) must not fail the status read: the flag is then left out.
      const version = await catalog.version(number).catch(() => null);
      return version ? hindsight(matchId, version) : undefined;
    },
    async submit(matchId, stage) {
      metrics.predictionRequests.inc({ source: 'async' });
      const { data } = await task(matchId, stage);
      return onQueue(() => queue.enqueue('predict_match', data));
    },
  };
}
