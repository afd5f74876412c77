/**
 * A worker's Prometheus series: how long the model ran, jobs by outcome, the model versions it has loaded (an
 * info gauge read from the resolver when scraped), model loads that failed, and whether an alias is served by
 * a fallback because its own version cannot load (1 while it is: the new champion is not live on this worker).
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { INFERENCE_SECONDS_BUCKETS, type MetricName } from '../config/metric-names.ts';
import type { ModelResolver } from '../inference/model-resolver.ts';
import { TASK_NAMES } from './tasks.ts';

export interface WorkerMetrics {
  readonly inferenceDuration: Histogram<'task'>;
  readonly jobs: Counter<'task' | 'outcome'>;
  readonly modelLoadFailures: Counter<'model_name'>;
}

export type LoadedModels = Pick<ModelResolver, 'modelName' | 'loadedVersions' | 'fallbacks'>;

/** How a task attempt ends, as `matchcast_worker_jobs_total` counts it. */
export const JOB_OUTCOMES = ['completed', 'failed'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

export function createWorkerMetrics(registry: Registry, models: LoadedModels): WorkerMetrics {
  new Gauge({
    name: 'matchcast_worker_model_fallback' satisfies MetricName,
    help: 'Per alias: 1 while this worker serves the last good version because the alias version cannot load',
    labelNames: ['model_name', 'alias'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const { alias, fallback } of models.fallbacks())
        this.set({ model_name: models.modelName, alias }, fallback ? 1 : 0);
    },
  });
  new Gauge({
    name: 'matchcast_worker_model_info' satisfies MetricName,
    help: 'Model versions this worker has loaded (value 1)',
    labelNames: ['model_name', 'version'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const m of models.loadedVersions())
        this.set({ model_name: m.modelName, version: String(m.version) }, 1);
    },
  });
  const metrics: WorkerMetrics = {
    inferenceDuration: new Histogram({
      name: 'matchcast_worker_inference_duration_seconds' satisfies MetricName,
      help: 'Time the model itself ran in a task',
      labelNames: ['task'] as const,
      buckets: [...INFERENCE_SECONDS_BUCKETS],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'matchcast_worker_jobs_total' satisfies MetricName,
      help: 'Task attempts this worker finished, by outcome (a retried failure counts once per attempt)',
      labelNames: ['task', 'outcome'] as const,
      registers: [registry],
    }),
    modelLoadFailures: new Counter({
      name: 'matchcast_worker_model_load_failures_total' satisfies MetricName,
      help: 'Model versions that failed to load (missing or corrupt artifact, checksum mismatch)',
      labelNames: ['model_name'] as const,
      registers: [registry],
    }),
  };
  // The counters start at 0: a series born at 1 shows no increase() until it moves again, so a worker's first
  // failed task or failed model load would not show on the dashboard.
  for (const task of TASK_NAMES) for (const outcome of JOB_OUTCOMES) metrics.jobs.inc({ task, outcome }, 0);
  metrics.modelLoadFailures.inc({ model_name: models.modelName }, 0);
  return metrics;
}
