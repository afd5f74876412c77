/**
 * The pipeline's last-success gauge across a scheduler restart: startScheduler seeds it from the runs table for
 * the stages it schedules, so a stage that stopped succeeding before the restart still ages (and alerts) after it;
 * a success seen since never goes back to an older one; and it reads them back every five minutes, for runs by hand.
 */
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Pipeline } from '../../../src/pipelines/run/pipeline.ts';
import { createPipelineMetrics } from '../../../src/pipelines/run/pipeline-metrics.ts';
import { PIPELINE_EXPERIMENT } from '../../../src/pipelines/run/runner.ts';
import { STAGE_NAMES } from '../../../src/pipelines/run/stage.ts';
import type { RunningScheduler, ScheduledJob } from '../../../src/pipelines/scheduling/schedule.ts';
import { startScheduler } from '../../../src/pipelines/scheduling/start-scheduler.ts';
import { seriesOf } from '../../support/metrics-text.ts';

const NOW_MS = Date.parse('2026-03-04T12:00:00Z');
const clock = { nowMs: () => NOW_MS };
const DRIFT_OK = new Date('2026-03-01T03:00:41Z');
const INFERENCE_OK = new Date('2026-03-04T11:45:12Z');

// Daily and quarter-hourly jobs: none fires while a test runs.
const jobs: ScheduledJob[] = [
  { name: 'drift', repeat: { pattern: '0 3 * * *' }, stages: ['monitor_drift'] },
  { name: 'batch_inference', repeat: { pattern: '*/15 * * * *' }, stages: ['ingest', 'batch_inference'] },
];
const idlePipeline: Pipeline = { run: async () => [], busy: () => false };

const lastSuccess = async (registry: Registry) =>
  Object.fromEntries(
    seriesOf(await registry.metrics(), 'matchcast_pipeline_stage_last_success_timestamp_seconds').map((s) => [
      s.labels.stage,
      s.value,
    ]),
  );

describe('pipeline metrics across a scheduler restart', () => {
  const running: RunningScheduler[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  it("seeds each scheduled stage's last success from the runs table at start-up", async () => {
    const registry = new Registry();
    const metrics = createPipelineMetrics(registry, clock);
    const asked: string[] = [];
    const runs = {
      async lastSuccesses(experiment: string) {
        asked.push(experiment);
        return new Map([
          ['monitor_drift', DRIFT_OK],
          ['batch_inference', INFERENCE_OK],
          // Not scheduled: no series, it has no interval to be stale against.
          ['backtest', new Date('2026-01-01T00:00:00Z')],
        ]);
      },
    };
    running.push(await startScheduler({ pipeline: idlePipeline, jobs, log: () => {}, clock, metrics, runs }));
    expect(asked).toEqual([PIPELINE_EXPERIMENT]);
    // ingest is scheduled but never succeeded: no series (the rule's start-time branch covers it).
    expect(await lastSuccess(registry)).toEqual({
      monitor_drift: DRIFT_OK.getTime() / 1000,
      batch_inference: INFERENCE_OK.getTime() / 1000,
    });
    const intervals = seriesOf(await registry.metrics(), 'matchcast_pipeline_schedule_interval_seconds');
    expect(Object.fromEntries(intervals.map((s) => [s.labels.stage, s.value]))).toEqual({
      monitor_drift: 86_400,
      ingest: 900,
      batch_inference: 900,
    });
  });

  it('keeps the latest of a seeded and an observed success', async () => {
    const registry = new Registry();
    const metrics = createPipelineMetrics(registry, clock);
    metrics.observe({ type: 'skipped', stage: 'monitor_drift', index: 1, total: 1, runId: 'r1' });
    metrics.seedLastSuccess('monitor_drift', DRIFT_OK.getTime() / 1000);
    expect(await lastSuccess(registry)).toEqual({ monitor_drift: NOW_MS / 1000 });
    metrics.seedLastSuccess('batch_inference', INFERENCE_OK.getTime() / 1000);
    metrics.observe({
      type: 'failed',
      stage: 'batch_inference',
      index: 1,
      total: 1,
      runId: 'r2',
      durationMs: 10,
      error: new Error('no odds'),
    });
    expect((await lastSuccess(registry)).batch_inference).toBe(INFERENCE_OK.getTime() / 1000);
  });

  it("counts every stage's failures and rows from 0, so increase() sees a stage's first failure", async () => {
    const registry = new Registry();
    const metrics = createPipelineMetrics(registry, clock);
    const counts = async (name: string) =>
      Object.fromEntries(seriesOf(await registry.metrics(), name).map((s) => [s.labels.stage, s.value]));
    const zeros = Object.fromEntries(STAGE_NAMES.map((stage) => [stage, 0]));
    expect(await counts('matchcast_pipeline_stage_failures_total')).toEqual(zeros);
    expect(await counts('matchcast_pipeline_rows_written_total')).toEqual(zeros);
    metrics.observe({
      type: 'failed',
      stage: 'features',
      index: 1,
      total: 1,
      runId: 'r3',
      durationMs: 10,
      error: new Error('disk full'),
    });
    expect(await counts('matchcast_pipeline_stage_failures_total')).toEqual({ ...zeros, features: 1 });
  });

  it('starts with an empty gauge, and says so, when the runs table cannot be read', async () => {
    const registry = new Registry();
    const metrics = createPipelineMetrics(registry, clock);
    const lines: string[] = [];
    const runs = {
      lastSuccesses: async (): Promise<ReadonlyMap<string, Date>> => {
        throw new Error('connection refused');
      },
    };
    running.push(
      await startScheduler({ pipeline: idlePipeline, jobs, log: (l) => lines.push(l), clock, metrics, runs }),
    );
    expect(await lastSuccess(registry)).toEqual({});
    expect(lines).toEqual([
      expect.stringMatching(/cannot read the stages' last successes \(connection refused\)/),
    ]);
  });

  it('reads them back every five minutes, so a run by hand counts without waiting for a firing', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const registry = new Registry();
      const metrics = createPipelineMetrics(registry, clock);
      let drift = DRIFT_OK;
      const runs = { lastSuccesses: async () => new Map([['monitor_drift', drift]]) };
      running.push(
        await startScheduler({ pipeline: idlePipeline, jobs, log: () => {}, clock, metrics, runs }),
      );
      expect((await lastSuccess(registry)).monitor_drift).toBe(DRIFT_OK.getTime() / 1000);
      // `matchcast pipeline run --stage monitor_drift` by hand, an hour ago.
      drift = new Date(NOW_MS - 3_600_000);
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      expect((await lastSuccess(registry)).monitor_drift).toBe(drift.getTime() / 1000);
    } finally {
      vi.useRealTimers();
    }
  });
});
