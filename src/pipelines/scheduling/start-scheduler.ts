/** Starts the scheduler that fits the deployment: BullMQ job schedulers with Redis, in-process timers without. */

import { type Clock, systemClock } from '../../domain/clock.ts';
import type { QueueMetrics } from '../../queue/queue-metrics.ts';
import type { RunRepository } from '../../registry/run-repository.ts';
import type { Pipeline } from '../run/pipeline.ts';
import type { PipelineMetrics } from '../run/pipeline-metrics.ts';
import { PIPELINE_EXPERIMENT } from '../run/runner.ts';
import type { StageName } from '../run/stage.ts';
import { nextCronTime } from './cron-schedule.ts';
import { startInProcessScheduler } from './in-process-scheduler.ts';
import type { Repeat, RunningScheduler, ScheduledJob } from './schedule.ts';

export interface SchedulerOptions {
  readonly pipeline: Pipeline;
  readonly jobs: readonly ScheduledJob[];
  /** Set: BullMQ on this Redis (one run per firing across replicas); unset: in-process. */
  readonly redisUrl?: string | undefined;
  readonly prefix?: string | undefined;
  /** A line at info, or at the level given: a failed job is an error, Redis away or a failed read a warning. */
  readonly log: (line: string, level?: 'warn' | 'error') => void;
  /** Called after a job changed something (e.g. to refresh the API's caches at once). */
  readonly afterRun?: (() => Promise<void>) | undefined;
  /** Aborted at shutdown: a job in progress stops after its current stage. */
  readonly signal?: AbortSignal | undefined;
  /** Default the system clock. */
  readonly clock?: Clock | undefined;
  /**
   * Told each scheduled stage's interval, and its last success before this process started (read from `runs`),
   * so a stage that stopped succeeding before a restart still shows as stale after it.
   */
  readonly metrics?: PipelineMetrics | undefined;
  /** Where the last successes come from (the pipeline's runs); without it the gauge starts empty. */
  readonly runs?: Pick<RunRepository, 'lastSuccesses'> | undefined;
  /** Told about the BullMQ pipeline queue, so its jobs and oldest waiting age are served as `queue="pipeline"`. */
  readonly queueMetrics?: Pick<QueueMetrics, 'watch'> | undefined;
}

/** Seconds between two firings: a cron pattern's next two firings after `from` (they vary; close enough). */
function intervalSeconds(repeat: Repeat, from: Date): number {
  if ('every' in repeat) return repeat.every / 1000;
  const first = nextCronTime(repeat.pattern, from);
  return (nextCronTime(repeat.pattern, first).getTime() - first.getTime()) / 1000;
}

/** Seeds the last-success gauge of the scheduled stages from the runs table; a read that fails is logged. */
async function seedLastSuccesses(options: SchedulerOptions, metrics: PipelineMetrics): Promise<void> {
  if (options.runs === undefined) return;
  const scheduled = new Set<StageName>(options.jobs.flatMap((job) => job.stages));
  try {
    const last = await options.runs.lastSuccesses(PIPELINE_EXPERIMENT);
    for (const stage of scheduled) {
      const at = last.get(stage);
      if (at !== undefined) metrics.seedLastSuccess(stage, at.getTime() / 1000);
    }
  } catch (error) {
    options.log(
      `cannot read the stages' last successes (${error instanceof Error ? error.message : String(error)}): ` +
        'matchcast_pipeline_stage_last_success_timestamp_seconds starts empty',
      'warn',
    );
  }
}

export async function startScheduler(options: SchedulerOptions): Promise<RunningScheduler> {
  const clock = options.clock ?? systemClock;
  const from = new Date(clock.nowMs());
  for (const job of options.jobs) {
    const seconds = intervalSeconds(job.repeat, from);
    for (const stage of job.stages) options.metrics?.setScheduleInterval(stage, seconds);
  }
  if (options.metrics !== undefined) await seedLastSuccesses(options, options.metrics);
  const run = async (job: ScheduledJob) => {
    const reports = await options.pipeline.run({
      signal: options.signal,
      only: job.stages,
      log: (line, level) => options.log(`${job.name}: ${line}`, level),
    });
    const ran = reports.filter((r) => r.status === 'ran').map((r) => r.stage);
    options.log(`scheduled job ${job.name}: ${ran.length ? `ran ${ran.join(', ')}` : 'nothing changed'}`);
    if (ran.length > 0) await options.afterRun?.();
  };
  const onError = (job: ScheduledJob, error: unknown) =>
    options.log(
      `scheduled job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`,
      'error',
    );
  const scheduler = await startFiring(options, run, onError, clock);
  if (options.metrics === undefined) return scheduler;
  // Runs by hand (`matchcast pipeline run`, another replica) succeed too: read them back now and then, or
  // MatchcastPipelineStale would wait for this scheduler's next firing of the stage (a day for the daily ones).
  const metrics = options.metrics;
  const reseed = setInterval(() => void seedLastSuccesses(options, metrics), RESEED_MS);
  reseed.unref();
  return {
    ...scheduler,
    close() {
      clearInterval(reseed);
      return scheduler.close();
    },
  };
}

/** How often the stages' last successes are read back from `runs`. */
const RESEED_MS = 5 * 60_000;

async function startFiring(
  options: SchedulerOptions,
  run: (job: ScheduledJob) => Promise<void>,
  onError: (job: ScheduledJob, error: unknown) => void,
  clock: Clock,
): Promise<RunningScheduler> {
  if (options.redisUrl !== undefined) {
    // Loaded only when used: the embedded mode starts faster without BullMQ.
    const { startBullmqScheduler } = await import('./bullmq-scheduler.ts');
    return startBullmqScheduler({
      redisUrl: options.redisUrl,
      ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
      jobs: options.jobs,
      run,
      onError,
      onRedisError: (error) =>
        error
          ? options.log(`scheduler cannot use Redis (${error.message}); retrying`, 'warn')
          : options.log('scheduler reaches Redis again'),
      queueMetrics: options.queueMetrics,
    });
  }
  return startInProcessScheduler({ jobs: options.jobs, run, onError, clock });
}
