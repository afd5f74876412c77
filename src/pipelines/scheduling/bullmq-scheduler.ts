/**
 * The production scheduler: BullMQ job schedulers on Redis. Every replica upserts the same scheduler ids, so
 * there is one schedule however many run; each firing is one job, taken by exactly one replica's worker.
 */
import { Queue, Worker } from 'bullmq';
import { jobCounts } from '../../queue/bullmq-task-queue.ts';
import type { QueueGaugeSource, QueueMetrics } from '../../queue/queue-metrics.ts';
import { openRedis, reportRedisErrors } from '../../queue/redis-connection.ts';
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
  /** Told of Redis errors: a lost connection once (then undefined when it is back), any other error each time. */
  readonly onRedisError?: (error: Error | undefined) => void;
  /** Told about the pipeline queue, which it then reports under `queue=<queueName>` until close. */
  readonly queueMetrics?: Pick<QueueMetrics, 'watch'> | undefined;
}

interface JobData {
  readonly name: string;
}

/**
 * The queue gauges' reads of the pipeline queue. A firing is created as a delayed job long before it is due, and
 * a worker busy with another firing does not move it to the wait list when it falls due (BullMQ promotes delayed
 * jobs only when a worker asks for its next job): so a job "waits" from when it fell due, whether it is still
 * delayed or on the wait list, not from when it was created.
 */
export function pipelineQueueSource(
  queue: Pick<Queue, 'getJobCounts' | 'getJobs'>,
  nowMs: () => number = Date.now,
): QueueGaugeSource {
  return {
    counts: () => jobCounts(queue),
    async oldestWaitingSince() {
      const now = nowMs();
      const [[waiting], [delayed]] = await Promise.all([
        queue.getJobs(['wait'], 0, 0, true),
        queue.getJobs(['delayed'], 0, 0, true),
      ]);
      const since: number[] = [];
      // On the wait list: since its firing time, which a scheduler's job keeps in opts.prevMillis (a job promoted
      // by hand before it was due counts from now).
      if (waiting) since.push(Math.min(now, waiting.opts.prevMillis ?? waiting.timestamp));
      // Still delayed but due: since it fell due (the delayed set's own order, creation time + delay).
      const due = delayed && delayed.timestamp + (Number(delayed.delay) || 0);
      if (due !== undefined && due <= now) since.push(due);
      return since.length === 0 ? null : Math.min(...since);
    },
  };
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
  reportRedisErrors(client, [queue, worker], (error) => options.onRedisError?.(error));
  // The gauges read through a connection of their own that gives up at once while Redis is away: the
  // scheduler's connections wait for Redis to come back, and would hold every scrape of /metrics meanwhile.
  const gauges = options.queueMetrics && openGaugeQueue(options.redisUrl, queueName, prefix);
  const unwatch = gauges && options.queueMetrics?.watch(queueName, pipelineQueueSource(gauges.queue));
  return {
    kind: 'bullmq',
    jobs: options.jobs,
    async close() {
      unwatch?.();
      await worker.close();
      await queue.close();
      client.disconnect();
      await gauges?.close();
    },
  };
}

function openGaugeQueue(redisUrl: string, name: string, prefix: string) {
  const client = openRedis(redisUrl, 'client');
  const queue = new Queue(name, { connection: client, prefix });
  queue.on('error', () => {});
  return {
    queue,
    async close() {
      await queue.close();
      client.disconnect();
    },
  };
}
