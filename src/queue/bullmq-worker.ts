/**
 * A BullMQ worker on the `ml` queue: runs the processors, publishes each outcome on the results channel (the
 * client's fast path) and beats its heart. A worker killed mid-task loses its job lock; another worker's
 * stalled check moves the job back to wait once (maxStalledCount 1), and a second stall fails it with a reason.
 */
import { hostname } from 'node:os';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from '../config/logger.ts';
import { startHeartbeat } from './heartbeat.ts';
import { UnrecoverableTaskError } from './queue-errors.ts';
import { DEFAULT_PREFIX, queueKeys } from './queue-keys.ts';
import { openRedis, reportRedisErrors } from './redis-connection.ts';
import { formatResultMessage } from './result-message.ts';
import { QUEUE_NAME } from './tasks.ts';

export interface BullmqWorkerOptions {
  readonly redisUrl: string;
  readonly prefix?: string;
  readonly queueName?: string;
  readonly name: string;
  readonly concurrency: number;
  /** `enqueuedAt`: Unix ms, for the queue's job duration (enqueue → finished). */
  readonly run: (name: string, data: unknown, enqueuedAt: number) => Promise<unknown>;
  readonly modelsLoaded: () => string[];
  /** How long a job's lock lives without renewal (ms, default 10000): how soon a dead worker's job is noticed. */
  readonly lockDurationMs?: number;
  /** How often this worker looks for stalled jobs (ms, default 5000). */
  readonly stalledIntervalMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly heartbeatTtlMs?: number;
  readonly logger?: Logger | undefined;
}

export interface BullmqWorkerHandle {
  readonly name: string;
  /** Sends a heartbeat now (e.g. after the loaded models changed). */
  beat(): Promise<void>;
  /** Stops taking jobs, waits for in-flight ones, removes the heartbeat. */
  close(): Promise<void>;
}

function isUnrecoverable(error: Error): boolean {
  return error instanceof UnrecoverableError || error.name === 'UnrecoverableError';
}

export async function startBullmqWorker(options: BullmqWorkerOptions): Promise<BullmqWorkerHandle> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const queueName = options.queueName ?? QUEUE_NAME;
  const keys = queueKeys(prefix, queueName);
  const log = options.logger;
  // One connection for BullMQ's commands, the result messages and heartbeats. (BullMQ opens its own blocking one.)
  const connection = openRedis(options.redisUrl, 'worker');
  const publish = (message: string) => {
    connection.publish(keys.results, message).catch((error: Error) => {
      log?.warn({ err: error }, 'could not publish a task result; clients will poll for it');
    });
  };

  const worker = new Worker(
    queueName,
    async (job: Job) => {
      let result: unknown;
      try {
        result = await options.run(job.name, job.data, job.timestamp);
      } catch (error) {
        if (error instanceof UnrecoverableTaskError) {
          if (job.id) publish(formatResultMessage(job.id, { ok: false, error: error.message }));
          throw new UnrecoverableError(error.message);
        }
        throw error;
      }
      // Published before BullMQ records the completion: the waiting client gets its answer one Redis round
      // trip sooner. For that instant, task_status may still say `started`; the result itself is final.
      if (job.id) publish(formatResultMessage(job.id, { ok: true, result }));
      return result;
    },
    {
      connection,
      prefix,
      name: options.name,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs ?? 10_000,
      stalledInterval: options.stalledIntervalMs ?? 5000,
      maxStalledCount: 1,
      autorun: false,
    },
  );
  worker.on('failed', (job: Job | undefined, error: Error) => {
    if (!job?.id) return;
    // Unrecoverable failures were published by the processor wrapper; a recoverable one is final only when
    // its attempts are used up (otherwise BullMQ retries it and the client keeps waiting).
    if (!isUnrecoverable(error) && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      publish(formatResultMessage(job.id, { ok: false, error: error.message }));
    }
    log?.warn({ taskId: job.id, task: job.name, err: error.message }, 'task failed');
  });
  worker.on('stalled', (jobId: string) => log?.warn({ taskId: jobId }, 'task stalled; moved back to wait'));
  reportRedisErrors(connection, [worker], (error) =>
    error
      ? log?.warn({ err: error.message }, 'worker error (will retry)')
      : log?.info('worker reaches Redis again'),
  );

  const heartbeat = startHeartbeat({
    redis: connection,
    keys,
    info: () => ({
      name: options.name,
      queues: [queueName],
      pid: process.pid,
      hostname: hostname(),
      modelsLoaded: options.modelsLoaded(),
    }),
    ...(options.heartbeatIntervalMs !== undefined ? { intervalMs: options.heartbeatIntervalMs } : {}),
    ...(options.heartbeatTtlMs !== undefined ? { ttlMs: options.heartbeatTtlMs } : {}),
  });

  void worker.run().catch((error: Error) => log?.error({ err: error.message }, 'worker stopped'));
  await worker.waitUntilReady();

  return {
    name: options.name,
    beat: heartbeat.beat,
    async close() {
      await heartbeat.stop();
      await worker.close();
      await connection.quit().catch(() => {});
    },
  };
}
