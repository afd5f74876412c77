/**
 * The pipeline's Prometheus series, fed by the runner's stage events: duration, last success, failures and rows
 * written per stage, plus the scheduler's interval per stage, so "stale" (no success in twice the interval) is
 * one alert rule whatever the schedule. The scheduler seeds each stage's last success from the `runs` table when
 * it starts, so a restart does not hide a stage that has not succeeded since.
 */

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { MetricName } from '../../config/metric-names.ts';
import { type Clock, systemClock } from '../../domain/clock.ts';
import type { StageEvent } from './runner.ts';
import { STAGE_NAMES, type StageName, type StageOutcome } from './stage.ts';

export interface PipelineMetrics {
  observe(event: StageEvent): void;
  /** Seconds between two scheduled runs of a stage (the shortest when several jobs run it). */
  setScheduleInterval(stage: StageName, seconds: number): void;
  /**
   * A success recorded before this process started (Unix seconds): the last-success gauge takes it unless it
   * already holds a later one.
   */
  seedLastSuccess(stage: StageName, seconds: number): void;
}

/**
 * Which of a stage's reported metrics count rows it wrote to the database or an artifact. Stages not listed
 * write summaries (a model, a report) rather than rows.
 */
const ROW_METRICS: Partial<Record<StageName, readonly string[]>> = {
  ingest: ['matches_inserted', 'matches_updated'],
  features: ['rows'],
  backtest: ['predictions'],
  batch_inference: ['logged'],
  odds: ['matches'],
  live_betting: ['n_bets'],
};

function rowsWritten(stage: StageName, outcome: StageOutcome): number {
  let rows = 0;
  for (const key of ROW_METRICS[stage] ?? []) {
    const value = outcome.metrics?.[key];
    if (typeof value === 'number' && Number.isFinite(value)) rows += value;
  }
  return rows;
}

export function createPipelineMetrics(registry: Registry, clock: Clock = systemClock): PipelineMetrics {
  const duration = new Histogram({
    name: 'matchcast_pipeline_stage_duration_seconds' satisfies MetricName,
    help: 'Time a stage ran (stages skipped as up to date are not observed)',
    labelNames: ['stage'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [registry],
  });
  const lastSuccess = new Gauge({
    name: 'matchcast_pipeline_stage_last_success_timestamp_seconds' satisfies MetricName,
    help: 'Unix time at which the stage last succeeded or was found up to date',
    labelNames: ['stage'] as const,
    aggregator: 'max',
    registers: [registry],
  });
  const failures = new Counter({
    name: 'matchcast_pipeline_stage_failures_total' satisfies MetricName,
    help: 'Stage runs that failed',
    labelNames: ['stage'] as const,
    registers: [registry],
  });
  const rows = new Counter({
    name: 'matchcast_pipeline_rows_written_total' satisfies MetricName,
    help: 'Rows the stage wrote (matches, feature rows, predictions, odds, bets)',
    labelNames: ['stage'] as const,
    registers: [registry],
  });
  // Every stage's counters start at 0: a series born at 1 shows no increase() until it moves again, so the first
  // failure of a stage would be invisible to the dashboard's and the runbook's increase() queries.
  for (const stage of STAGE_NAMES) {
    failures.inc({ stage }, 0);
    rows.inc({ stage }, 0);
  }
  const interval = new Gauge({
    name: 'matchcast_pipeline_schedule_interval_seconds' satisfies MetricName,
    help: 'Seconds between two scheduled runs of the stage',
    labelNames: ['stage'] as const,
    aggregator: 'min',
    registers: [registry],
  });
  const intervals = new Map<StageName, number>();
  const successes = new Map<StageName, number>();
  const succeeded = (stage: StageName, seconds: number) => {
    const latest = Math.max(seconds, successes.get(stage) ?? Number.NEGATIVE_INFINITY);
    successes.set(stage, latest);
    lastSuccess.set({ stage }, latest);
  };

  return {
    observe(event) {
      const labels = { stage: event.stage };
      if (event.type === 'ran') {
        duration.observe(labels, event.durationMs / 1000);
        succeeded(event.stage, clock.nowMs() / 1000);
        rows.inc(labels, rowsWritten(event.stage, event.outcome));
      } else if (event.type === 'skipped') {
        // Up to date is a success: its inputs did not change since the last run.
        succeeded(event.stage, clock.nowMs() / 1000);
      } else if (event.type === 'failed') {
        duration.observe(labels, event.durationMs / 1000);
        failures.inc(labels);
      }
    },
    setScheduleInterval(stage, seconds) {
      const shortest = Math.min(seconds, intervals.get(stage) ?? Number.POSITIVE_INFINITY);
      intervals.set(stage, shortest);
      interval.set({ stage }, shortest);
    },
    seedLastSuccess(stage, seconds) {
      succeeded(stage, seconds);
    },
  };
}
