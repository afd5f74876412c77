/**
 * The operator's handle on the BullMQ queue: list tasks by state, retry failed ones, clean finished ones. The
 * `matchcast queue` command and the API's queue view (Bull Board) both open it, so they read the same keys the
 * API and the workers use.
 *
 * @example
 *   const admin = openQueueAdmin({ redisUrl, prefix: 'matchcast' });
 *   const failed = await admin.list('failed', 20);
 */
import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ExpectedError } from '../domain/expected-error.ts';
import { DEFAULT_PREFIX } from './queue-keys.ts';
import { openRedis } from './redis-connection.ts';
import type { CleanedState, ListedState } from './task-states.ts';
import { QUEUE_NAME } from './tasks.ts';

/** One task as `queue list` shows it; times are ISO 8601 (null when the step has not happened). */
export interface TaskSummary {
  readonly id: string;
  readonly name: string;
  readonly state: ListedState;
  readonly attempts: number;
  readonly enqueued_at: string;
  readonly finished_at: string | null;
  readonly failed_reason: string | null;
}

export interface QueueAdminOptions {
  readonly redisUrl: string;
  /** Redis key prefix shared with the API and the workers (default `matchcast`). */
  readonly prefix?: string;
}

export interface QueueAdmin {
  /** The BullMQ queue itself, for the API's queue view. */
  readonly queue: Queue;
  /** Up to `limit` tasks in `state`, newest first. */
  list(state: ListedState, limit: number): Promise<TaskSummary[]>;
  /** Moves the given failed tasks back to waiting; checks every id first, so a bad id retries nothing. */
  retry(ids: readonly string[]): Promise<string[]>;
  /** Retries every failed task; returns their ids. */
  retryAllFailed(): Promise<string[]>;
  /** Removes tasks in `state` that finished more than `olderThanMs` ago; returns their ids. */
  clean(state: CleanedState, olderThanMs: number): Promise<string[]>;
  close(): Promise<void>;
}

/** BullMQ's name for each listed state (waiting covers prioritized tasks too, as the queue metrics count them). */
const BULLMQ_STATES = {
  failed: ['failed'],
  waiting: ['wait', 'prioritized'],
  active: ['active'],
  delayed: ['delayed'],
  completed: ['completed'],
} as const;

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);

function summaryOf(job: Job, state: ListedState): TaskSummary {
  return {
    id: job.id ?? '',
    name: job.name,
    state,
    attempts: job.attemptsMade,
    enqueued_at: iso(job.timestamp) ?? '',
    finished_at: iso(job.finishedOn),
    failed_reason: job.failedReason || null,
  };
}

class BullmqQueueAdmin implements QueueAdmin {
  readonly queue: Queue;
  readonly #redis: Redis;

  constructor(options: QueueAdminOptions) {
    this.#redis = openRedis(options.redisUrl, 'client');
    this.queue = new Queue(QUEUE_NAME, { connection: this.#redis, prefix: options.prefix ?? DEFAULT_PREFIX });
    this.queue.on('error', () => {});
  }

  async list(state: ListedState, limit: number): Promise<TaskSummary[]> {
    if (limit === 0) return [];
    const jobs = await this.queue.getJobs([...BULLMQ_STATES[state]], 0, limit - 1, false);
    return jobs.filter((job) => job !== undefined).map((job) => summaryOf(job, state));
  }

  async retry(ids: readonly string[]): Promise<string[]> {
    const jobs: Job[] = [];
    for (const id of ids) {
      const job = await Job.fromId(this.queue, id);
      if (!job) throw new ExpectedError(`unknown task id ${id} (never queued, or expired and removed)`);
      const state = await job.getState();
      if (state !== 'failed')
        throw new ExpectedError(`task ${id} is ${state}: only failed tasks can be retried`);
      jobs.push(job);
    }
    for (const job of jobs)
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return jobs.map((job) => job.id ?? '');
  }

  async retryAllFailed(): Promise<string[]> {
    return this.retry(await this.queue.getRanges(['failed'], 0, -1, true));
  }

  clean(state: CleanedState, olderThanMs: number): Promise<string[]> {
    // Limit 0 = no limit; BullMQ measures the age against Redis's own clock.
    return this.queue.clean(olderThanMs, 0, state);
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.#redis.quit().catch(() => {});
  }
}

export function openQueueAdmin(options: QueueAdminOptions): QueueAdmin {
  return new BullmqQueueAdmin(options);
}
