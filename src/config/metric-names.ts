/**
 * Every Prometheus series Matchcast exposes (without the `_bucket`/`_sum`/`_count` suffixes of histograms):
 * the one list the code that emits them (each name `satisfies MetricName`, so a name not listed does not
 * compile), the alert rules and the Grafana dashboard agree on (test/deploy/prometheus.test.ts checks the last
 * two against it). prom-client's default process metrics carry
 * the same prefix and are not listed.
 */
export const METRIC_NAMES = [
  // API
  'matchcast_http_requests_total',
  'matchcast_http_request_duration_seconds',
  'matchcast_prediction_requests_total',
  'matchcast_prediction_duration_seconds',
  'matchcast_inference_duration_seconds',
  'matchcast_prediction_confidence',
  'matchcast_model_info',
  'matchcast_model_registered_at_seconds',
  'matchcast_model_feature_drift_score',
  'matchcast_model_rolling_log_loss',
  'matchcast_artifact_load_failures_total',
  'matchcast_live_workers',
  'matchcast_provider_sources_stale',
  // Queue (API, workers and the scheduler)
  'matchcast_queue_jobs',
  'matchcast_queue_oldest_waiting_age_seconds',
  'matchcast_queue_reachable',
  'matchcast_queue_job_duration_seconds',
  // Workers
  'matchcast_worker_inference_duration_seconds',
  'matchcast_worker_jobs_total',
  'matchcast_worker_model_info',
  'matchcast_worker_model_load_failures_total',
  'matchcast_worker_model_fallback',
  // Scheduler and pipeline
  'matchcast_pipeline_stage_duration_seconds',
  'matchcast_pipeline_stage_last_success_timestamp_seconds',
  'matchcast_pipeline_stage_failures_total',
  'matchcast_pipeline_rows_written_total',
  'matchcast_pipeline_schedule_interval_seconds',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

/** Prefix of every series, prom-client's default process metrics included. */
export const METRIC_PREFIX = 'matchcast_';

/**
 * Buckets of the two model-run histograms (the API's inline runs, `matchcast_inference_duration_seconds`, and the
 * workers', `matchcast_worker_inference_duration_seconds`): one list, so their quantiles stay comparable.
 */
export const INFERENCE_SECONDS_BUCKETS: readonly number[] = [
  0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1,
];
