/**
 * The process's Prometheus registry: prom-client's default process metrics under the `matchcast_` prefix, to
 * which each role (API, queue, worker, pipeline) adds its own series. One registry per process, so the embedded
 * mode's single /metrics shows every role it runs.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';
import { METRIC_PREFIX } from '../config/metric-names.ts';

// prom-client names these gauges *_total, which Prometheus reserves for counters (promtool flags them).
const LINT_FAILING_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

export function createMetricsRegistry(options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (options.defaultMetrics !== false) {
    collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
    for (const name of LINT_FAILING_DEFAULTS) registry.removeSingleMetric(`${METRIC_PREFIX}${name}`);
  }
  return registry;
}
