/**
 * The API's Prometheus series (docs/observability.md; names in src/config/metric-names.ts): the API contract's
 * nine (docs/api.md, GET /metrics) under the `matchcast_` prefix, the champion's rolling log loss, live workers
 * and failed artifact reloads. They go into the process's registry, or one owned by this app (so tests can build
 * many apps in one process).
 * `path` is always the route template, never the raw URL, so cardinality stays bounded.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { INFERENCE_SECONDS_BUCKETS, type MetricName } from '../../config/metric-names.ts';
import { createMetricsRegistry } from '../../observability/metrics-registry.ts';
import { routeTemplateOf } from './route-template.ts';

export interface ModelGaugeSource {
  /** The versions the aliases point at now, refreshed on every scrape. */
  servedModels(): Promise<
    readonly { model_name: string; version: string; stage: string; created_at: string }[]
  >;
}

export interface ApiMetrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'path' | 'status_code'>;
  readonly httpDuration: Histogram<'method' | 'path'>;
  readonly predictionRequests: Counter<'source'>;
  readonly predictionDuration: Histogram<'source'>;
  readonly inferenceDuration: Histogram;
  readonly predictionConfidence: Histogram<'outcome'>;
  readonly modelInfo: Gauge<'model_name' | 'version' | 'stage'>;
  readonly modelRegisteredAt: Gauge<'model_name'>;
  readonly driftScore: Gauge;
  readonly artifactLoadFailures: Counter<'artifact'>;
  readonly providerSourcesStale: Gauge;
  /** How matchcast_provider_sources_stale is counted on each scrape; set once the database is known. */
  setStaleSourceCounter(count: () => Promise<number>): void;
  /** Where model_info and model_registered_at_seconds come from; set once the registry is known. */
  setModelSource(source: ModelGaugeSource): void;
  /** Where the drift score and rolling log loss come from (the latest drift report), read on every scrape. */
  setDriftSource(source: DriftGaugeSource): void;
  /** Where live_workers comes from (workers with a fresh heartbeat). */
  setWorkerSource(source: WorkerGaugeSource): void;
}

export interface DriftGaugeSource {
  latestDrift():
    | { driftScore: number | null; rollingLogLoss: number | null; modelName: string | null }
    | undefined;
}

export interface WorkerGaugeSource {
  workers(): Promise<readonly unknown[]>;
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createApiMetrics(
  options: { registry?: Registry; defaultMetrics?: boolean } = {},
): ApiMetrics {
  const registry = options.registry ?? createMetricsRegistry(options);
  let source: ModelGaugeSource | undefined;
  let staleSources: (() => Promise<number>) | undefined;
  let drift: DriftGaugeSource | undefined;
  let workerSource: WorkerGaugeSource | undefined;

  const modelInfo = new Gauge({
    name: 'matchcast_model_info' satisfies MetricName,
    help: 'Model versions served, one series per alias (value 1)',
    // Under node:cluster every process reports the same value; summing them would be wrong.
    aggregator: 'first',
    labelNames: ['model_name', 'version', 'stage'] as const,
    registers: [registry],
    async collect() {
      if (!source) return;
      const served = await source.servedModels().catch(() => null);
      if (served === null) return; // keep the last known series when the registry cannot be read
      this.reset();
      for (const m of served) this.set({ model_name: m.model_name, version: m.version, stage: m.stage }, 1);
    },
  });
  const modelRegisteredAt = new Gauge({
    name: 'matchcast_model_registered_at_seconds' satisfies MetricName,
    help: 'Unix time at which the champion version was registered',
    aggregator: 'first',
    labelNames: ['model_name'] as const,
    registers: [registry],
    async collect() {
      if (!source) return;
      const served = await source.servedModels().catch(() => null);
      const champion = served?.find((m) => m.stage === 'champion');
      if (champion) this.set({ model_name: champion.model_name }, Date.parse(champion.created_at) / 1000);
    },
  });

  new Gauge({
    name: 'matchcast_model_rolling_log_loss' satisfies MetricName,
    help: "The champion's mean log loss on the drift window's finished matches (drift.current_days) it predicted before kick-off",
    aggregator: 'first',
    labelNames: ['model_name'] as const,
    registers: [registry],
    collect() {
      const latest = drift?.latestDrift();
      if (latest?.rollingLogLoss == null || latest.modelName === null) return;
      this.reset();
      this.set({ model_name: latest.modelName }, latest.rollingLogLoss);
    },
  });
  new Gauge({
    name: 'matchcast_live_workers' satisfies MetricName,
    help: 'Workers on the queue with a fresh heartbeat',
    aggregator: 'first',
    registers: [registry],
    async collect() {
      if (!workerSource) return;
      const workers = await workerSource.workers().catch(() => null);
      // A queue that cannot be read leaves the series out rather than claiming zero workers: how many are alive
      // is unknown then (remove(), not reset(): prom-client resets a gauge without labels to 0). The queue gauges
      // say why (matchcast_queue_reachable{queue="ml"} 0), and MatchcastQueueUnreachable pages on that where
      // MatchcastNoLiveWorker stays quiet (deploy/prometheus/alerts.yml).
      if (workers === null) return this.remove();
      this.set(workers.length);
    },
  });

  return {
    registry,
    httpRequests: new Counter({
      name: 'matchcast_http_requests_total' satisfies MetricName,
      help: 'HTTP requests answered',
      labelNames: ['method', 'path', 'status_code'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'matchcast_http_request_duration_seconds' satisfies MetricName,
      help: 'Time from request to response',
      labelNames: ['method', 'path'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    predictionRequests: new Counter({
      name: 'matchcast_prediction_requests_total' satisfies MetricName,
      help: 'Live predictions asked for: sync (GET /predict/{match_id}) or async (POST /predict/async/)',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    predictionDuration: new Histogram({
      name: 'matchcast_prediction_duration_seconds' satisfies MetricName,
      help: 'Time to answer a live prediction, queue hop included',
      labelNames: ['source'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    inferenceDuration: new Histogram({
      name: 'matchcast_inference_duration_seconds' satisfies MetricName,
      help: 'Time the model itself ran',
      buckets: [...INFERENCE_SECONDS_BUCKETS],
      registers: [registry],
    }),
    predictionConfidence: new Histogram({
      name: 'matchcast_prediction_confidence' satisfies MetricName,
      help: 'Probability of the predicted outcome',
      labelNames: ['outcome'] as const,
      buckets: [0.34, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 1],
      registers: [registry],
    }),
    modelInfo,
    modelRegisteredAt,
    driftScore: new Gauge({
      name: 'matchcast_model_feature_drift_score' satisfies MetricName,
      help: 'Share of features flagged as drifted in the latest drift report',
      aggregator: 'max',
      registers: [registry],
      collect() {
        const score = drift?.latestDrift()?.driftScore;
        if (typeof score === 'number') this.set(score);
      },
    }),
    artifactLoadFailures: new Counter({
      name: 'matchcast_artifact_load_failures_total' satisfies MetricName,
      help: 'Artifact files that failed to read or parse (the last good copy stayed in service)',
      labelNames: ['artifact'] as const,
      registers: [registry],
    }),
    providerSourcesStale: new Gauge({
      name: 'matchcast_provider_sources_stale' satisfies MetricName,
      help: 'Provider files unchanged for longer than params sync.stale_after_hours (GET /monitoring/sources)',
      aggregator: 'first',
      registers: [registry],
      async collect() {
        const n = await staleSources?.().catch(() => null);
        if (typeof n === 'number') this.set(n);
      },
    }),
    setModelSource(next) {
      source = next;
    },
    setStaleSourceCounter(count) {
      staleSources = count;
    },
    setDriftSource(next) {
      drift = next;
    },
    setWorkerSource(next) {
      workerSource = next;
    },
  };
}

/** Counts and times every request by route template. */
export function installMetrics(app: FastifyInstance, metrics: ApiMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    const path = routeTemplateOf(request);
    metrics.httpRequests.inc({ method: request.method, path, status_code: reply.statusCode });
    metrics.httpDuration.observe({ method: request.method, path }, reply.elapsedTime / 1000);
    done();
  });
}
