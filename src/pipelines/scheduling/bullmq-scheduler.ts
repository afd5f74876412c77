/**
 * The production scheduler: BullMQ job schedulers on Redis. Every replica upserts the same scheduler ids, so
 * there is one schedule however many run; each firing is one job, taken by exactly one replica's worker.
 */
import { Queue, Worker } from 'bullmq';
import { openRedis } from '../../queue/redis-connection.ts';
import type { JobRunner, RunningScheduler, ScheduledJob } from './schedule.ts';

export const PIPELINE_QUEUE = 'pipeline';

export interface BullmqSchedulerOptions {
  readonly redisUrl: string;
  /** Redis key prefix (default matchcast); tests use their own. */
  readonly prefix?: string;
  readonly queueName?: string;
  readonly jobs: readonly ScheduledJob[];
  readonly run: JobRunner;
  readonly onError?: (job: ScheduledJob, error: unknown) => void;
}

interface JobData {
  readonly name: string;
}

export async function startBullmqScheduler(options: BullmqSchedulerOptions): Promise<RunningScheduler> {
  const prefix = options.prefix ?? 'matchcast';
  const queueName = options.queueName ?? PIPELINE_QUEUE;
  const client = openRedis(options.redisUrl, 'worker');
  const queue = new Queue<JobData>(queueName, { connection: client, prefix });
  const byName = new Map(options.jobs.map((j) => [j.name, j]));
  for (const job of options.jobs) {
    const repeat =
      'pattern' in job.repeat ? { pattern: job.repeat.pattern, tz: 'UTC' } : { every: job.repeat.every };
    await queue.upsertJobScheduler(job.name, repeat, {
      name: job.name,
      data: { name: job.name },
      opts: { removeOnComplete: 100, removeOnFail: 100 },
    });
  }
  // Schedulers this version no longer has (renamed or dropped in params) are removed.
  for (const existing of await queue.getJobSchedulers()) {
    if (existing.key !== undefined && !byName.has(existing.key)) await queue.removeJobScheduler(existing.key);
  }
  const worker = new Worker<JobData>(
    queueName,
    async (bullJob) => {
      const job = byName.get(bullJob.data.name);
      if (job === undefined) return;
      try {
        await options.run(job, { id: bullJob.id ?? `${job.name}:${bullJob.timestamp}` });
      } catch (error) {
        options.onError?.(job, error);
        throw error;
      }
    },
    // One pipeline job at a time per replica; a long run keeps its lock renewed while the replica lives.
    { connection: openRedis(options.redisUrl, 'worker'), prefix, concurrency: 1, lockDuration: 60_000 },
  );
  worker.on('error', () => {});
  return {
    kind: 'bullmq',
    jobs: options.jobs,
    async close() {
      await worker.close();
      await queue.close();
      client.disconnect();
    },
  };
}
