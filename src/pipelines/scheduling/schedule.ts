/**
 * What the scheduler runs and when (docs/operations.md, The scheduler): each job is a list of stages, run through
 * the pipeline so unchanged stages are skipped. Timings come from params.schedule (UTC cron expressions).
 */
import type { Params } from '../../config/params.ts';
import type { StageName } from '../run/stage.ts';

/** A cron pattern, or a fixed interval (tests; BullMQ's `every`). */
export type Repeat = { readonly pattern: string } | { readonly every: number };

export interface ScheduledJob {
  /** Also the BullMQ job scheduler id: the same name on every replica means one schedule. */
  readonly name: string;
  readonly repeat: Repeat;
  readonly stages: readonly StageName[];
}

/** One firing of a job: the id is the same on every replica (BullMQ's job id; name + due time in-process). */
export interface Firing {
  readonly id: string;
}

/** Runs one firing of a job; resolves when its stages are done. */
export type JobRunner = (job: ScheduledJob, firing: Firing) => Promise<void>;

export interface RunningScheduler {
  readonly kind: 'bullmq' | 'inprocess';
  readonly jobs: readonly ScheduledJob[];
  /** Stops firing; waits for a job in progress. */
  close(): Promise<void>;
}

export function scheduledJobs(schedule: Params['schedule']): ScheduledJob[] {
  const jobs: ScheduledJob[] = [
    // Ingest first, so fixtures that appeared and matches that finished are seen by the features.
    {
      name: 'batch_inference',
      repeat: { pattern: schedule.batch_inference },
      stages: ['ingest', 'features', 'batch_inference'],
    },
    { name: 'odds', repeat: { pattern: schedule.odds }, stages: ['ingest', 'odds'] },
    { name: 'betting', repeat: { pattern: schedule.betting }, stages: ['live_betting'] },
    { name: 'drift', repeat: { pattern: schedule.drift }, stages: ['monitor_drift'] },
  ];
  if (schedule.sync !== undefined) {
    // New results and fixtures from the provider, then their probabilities before kick-off.
    jobs.push({
      name: 'sync',
      repeat: { pattern: schedule.sync },
      stages: ['sync', 'features', 'batch_inference'],
    });
  }
  if (schedule.retrain !== undefined) {
    jobs.push({
      name: 'retrain',
      repeat: { pattern: schedule.retrain },
      stages: ['ingest', 'features', 'train', 'evaluate', 'register'],
    });
  }
  return jobs;
}
