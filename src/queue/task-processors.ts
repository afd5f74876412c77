/**
 * The `ml` queue's processors: plain functions that validate a task's data against its TypeBox schema and call
 * the predictor. Both queue implementations run these same functions. Errors retrying cannot fix (bad input,
 * an alias that points nowhere, a corrupt artifact) are thrown as UnrecoverableTaskError, their message without
 * storage paths (it becomes the task's failure reason, which clients read).
 */
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { argmaxClass, labelOf } from '../domain/outcome.ts';
import { InvalidFeaturesError, ModelLoadError } from '../inference/inference-errors.ts';
import type { ModelResolver } from '../inference/model-resolver.ts';
import { annotateSpan } from '../observability/tracing.ts';
import {
  AliasNotSetError,
  ArtifactMissingError,
  ChecksumMismatchError,
  ModelVersionNotFoundError,
} from '../registry/registry-errors.ts';
import { UnknownTaskError, UnrecoverableTaskError, withoutStoragePaths } from './queue-errors.ts';
import { PredictMatchData, type TaskDataMap, type TaskName, type TaskResultMap } from './tasks.ts';
import type { WorkerMetrics } from './worker-metrics.ts';

export type TaskProcessors = {
  readonly [N in TaskName]: (data: unknown) => Promise<TaskResultMap[N]>;
};

export interface ProcessorServices {
  readonly resolver: ModelResolver;
  readonly metrics?: Pick<WorkerMetrics, 'inferenceDuration' | 'modelLoadFailures'> | undefined;
}

const checkers = {
  predict_match: Compile(PredictMatchData),
} as const;

function parse<N extends TaskName>(name: N, data: unknown): TaskDataMap[N] {
  const checker = checkers[name] as ReturnType<typeof Compile<TSchema>>;
  if (checker.Check(data)) return data as TaskDataMap[N];
  const first = checker.Errors(data)[0];
  throw new UnrecoverableTaskError(
    `invalid ${name} data: ${first ? `${first.instancePath || '/'} ${first.message}` : 'does not match the schema'}`,
  );
}

/** A model version that could not be loaded: its artifact is missing, corrupt or not the registered one. */
function isLoadFailure(error: unknown): boolean {
  return (
    error instanceof ModelLoadError ||
    error instanceof ChecksumMismatchError ||
    error instanceof ArtifactMissingError
  );
}

/** Errors a retry cannot fix become UnrecoverableTaskError (same message); others pass through. */
function classify(error: unknown): never {
  if (
    error instanceof InvalidFeaturesError ||
    error instanceof AliasNotSetError ||
    error instanceof ModelVersionNotFoundError ||
    error instanceof ChecksumMismatchError ||
    error instanceof ArtifactMissingError ||
    error instanceof ModelLoadError
  ) {
    throw new UnrecoverableTaskError(withoutStoragePaths(error.message), { cause: error });
  }
  throw error;
}

export function createTaskProcessors(services: ProcessorServices): TaskProcessors {
  const { resolver, metrics } = services;
  return {
    async predict_match(raw) {
      const data = parse('predict_match', raw);
      try {
        const { version, predictor } = await resolver.resolve(data.stage, data.model_version);
        const started = performance.now();
        const p = await predictor.predict(data.features, data.feature_names);
        const inferenceMs = performance.now() - started;
        // On the job's span, not a span of its own: a span per step would cost more than the model run.
        annotateSpan({
          'model.name': version.name,
          'model.version': version.version,
          'inference.duration_ms': inferenceMs,
        });
        metrics?.inferenceDuration.observe({ task: 'predict_match' }, inferenceMs / 1000);
        const best = argmaxClass(p);
        return {
          match_id: data.match_id,
          prediction: {
            predicted_class: best,
            predicted_label: labelOf(best),
            probabilities: { '0': p[0], '1': p[1], '2': p[2] },
            model_name: version.name,
            model_version: String(version.version),
            model_stage: data.stage,
            model_run_id: version.runId,
          },
          inference_ms: inferenceMs,
        };
      } catch (error) {
        if (isLoadFailure(error)) metrics?.modelLoadFailures.inc({ model_name: resolver.modelName });
        return classify(error);
      }
    },
  };
}

/** Runs the processor for `name`, refusing names the queue does not know. */
export function runTask(processors: TaskProcessors, name: string, data: unknown): Promise<unknown> {
  if (!Object.hasOwn(processors, name)) return Promise.reject(new UnknownTaskError(name));
  return processors[name as TaskName](data);
}
