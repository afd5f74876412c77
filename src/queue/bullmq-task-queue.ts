/**
 * The TaskQueue client on BullMQ (production). Task id = job id (a UUID, so ids stay unique even if Redis loses
 * its data). Results come back on a pub/sub channel the workers publish to as each task finishes — one hop,
 * no stream polling — and a slow poll of job state covers messages lost while Redis was restarting.
 */
import { randomUUID } from 'node:crypto';
import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { carryTraceContext, inSpan, SpanKind } from '../observability/tracing.ts';
import { readHeartbeats } from './heartbeat.ts';
import { DEFAULT_PREFIX, queueKeys } from './queue-keys.ts';
import { openRedis, openSubscriber } from './redis-connection.ts';
import { parseResultMessage } from './result-message.ts';
import { ResultWaiters, type TaskOutcome } from './result-waiters.ts';
import type { QueueCounts, TaskQueue, TaskState, TaskStatus, WorkerInfo } from './task-queue.ts';
import { QUEUE_NAME, type TaskDataMap, type TaskName, type TaskResultMap } from './tasks.ts';

export interface BullmqQueueOptions {
  /** redis://host:port[/db] */
  readonly redisUrl: string;
  /** Key prefix of every Redis key (default `matchcast`); tests use a random one each. */
  readonly prefix?: string;
  /** default `ml` */
  readonly queueName?: string;
  /** How long finished tasks stay queryable (seconds, default 3600). */
  readonly resultTtlSeconds?: number;
  /** Attempts for recoverable failures (default 2: one retry). Unrecoverable errors never retry. */
  readonly attempts?: number;
}

const OWN_IDS_LIMIT = 100_000;
/** A waiter older than this gets its job state polled, in case its result message was lost (ms). */
const POLL_AFTER_MS = 1000;
/** hasLiveWorker() answers from a cache this old at most (ms). */
const LIVE_WORKER_CACHE_MS = 1000;

const STATES: Record<string, TaskState> = {
  waiting: 'pending',
  delayed: 'pending',
  prioritized: 'pending',
  'waiting-children': 'pending',
  active: 'started',
  completed: 'success',
  failed: 'failure',
};

class BullmqTaskQueue implements TaskQueue {
  readonly kind = 'bullmq' as const;
  readonly #redis: Redis;
  readonly #subscriber: Redis;
  readonly #queue: Queue;
  readonly #keys: ReturnType<typeof queueKeys>;
  readonly #waiters = new ResultWaiters();
  /** Ids this client enqueued whose outcome has not arrived: only those are worth keeping if nobody waits yet. */
  readonly #own = new Set<string>();
  readonly #subscribed: Promise<void>;
  #live: { value: boolean; at: number } | null = null;
  #poller: NodeJS.Timeout | null = null;
  #polling = false;

  constructor(options: BullmqQueueOptions) {
    const prefix = options.prefix ?? DEFAULT_PREFIX;
    const name = options.queueName ?? QUEUE_NAME;
    const ttl = options.resultTtlSeconds ?? 3600;
    this.#keys = queueKeys(prefix, name);
    this.#redis = openRedis(options.redisUrl, 'client');
    this.#queue = new Queue(name, {
      connection: this.#redis,
      prefix,
      defaultJobOptions: {
        attempts: options.attempts ?? 2,
        removeOnComplete: { age: ttl },
        removeOnFail: { age: ttl },
      },
    });
    this.#queue.on('error', () => {});
    const subscriber = openSubscriber(options.redisUrl, this.#keys.results, (text) => this.#onMessage(text));
    this.#subscriber = subscriber.redis;
    this.#subscribed = subscriber.subscribed;
  }

  #onMessage(text: string): void {
    const message = parseResultMessage(text);
    if (!message) return;
    const mine = this.#own.delete(message.id);
    this.#waiters.deliver(message.id, message.outcome, mine);
  }

  enqueue<N extends TaskName>(name: N, data: TaskDataMap[N]): Promise<string> {
    return inSpan(
      'queue.enqueue',
      { 'messaging.system': 'bullmq', 'messaging.destination.name': this.#queue.name, task: name },
      () => this.#enqueue(name, carryTraceContext(data)),
      SpanKind.PRODUCER,
    );
  }

  async #enqueue<N extends TaskName>(name: N, data: TaskDataMap[N]): Promise<string> {
    await this.#subscribed;
    const id = randomUUID();
    // Bounded: ids whose outcome never arrives (lost with a Redis restart) must not pile up forever.
    if (this.#own.size >= OWN_IDS_LIMIT) {
      const oldest = this.#own.values().next().value;
      if (oldest !== undefined) this.#own.delete(oldest);
    }
    this.#own.add(id);
    try {
      await this.#queue.add(name, data, { jobId: id });
    } catch (error) {
      this.#own.delete(id);
      throw error;
    }
    return id;
  }

  waitFor<N extends TaskName>(taskId: string, _name: N, timeoutMs: number): Promise<TaskResultMap[N]> {
    const pending = this.#waiters.wait(taskId, timeoutMs) as Promise<TaskResultMap[N]>;
    const mine = this.#own.delete(taskId);
    if (!mine) {
      // Enqueued elsewhere (or its outcome already came and went): it may have finished long ago, so look now
      // rather than after the poll delay.
      void this.#finishedOutcome(taskId)
        .then((outcome) => outcome && this.#waiters.deliver(taskId, outcome, false))
        .catch(() => {});
    }
    this.#startPolling();
    return pending;
  }

  #startPolling(): void {
    if (this.#poller) return;
    this.#poller = setInterval(() => void this.#poll(), POLL_AFTER_MS);
    this.#poller.unref();
  }

  /** Settles waiters whose task finished but whose message never came (e.g. published during a Redis restart). */
  async #poll(): Promise<void> {
    if (this.#waiters.size === 0) {
      if (this.#poller) clearInterval(this.#poller);
      this.#poller = null;
      return;
    }
    if (this.#polling) return;
    this.#polling = true;
    try {
      for (const id of this.#waiters.stale(POLL_AFTER_MS)) {
        const outcome = await this.#finishedOutcome(id).catch(() => null);
        if (outcome) this.#waiters.deliver(id, outcome, false);
      }
    } finally {
      this.#polling = false;
    }
  }

  /**
   * The job read after its state: BullMQ writes the return value and moves the job to completed in one script, so
   * a job read after 'completed' carries its result. Read the other way round, a job finishing between the two
   * reads showed 'completed' with no result.
   */
  async #stateAndJob(id: string) {
    const state = await this.#queue.getJobState(id);
    const job = state === 'unknown' ? undefined : await Job.fromId(this.#queue, id);
    return job ? { state, job } : null;
  }

  async #finishedOutcome(id: string): Promise<TaskOutcome | null> {
    const found = await this.#stateAndJob(id);
    if (!found) return { ok: false, error: 'task is unknown or expired (was Redis restarted?)' };
    const { state, job } = found;
    if (state === 'completed') return { ok: true, result: job.returnvalue };
    if (state === 'failed') return { ok: false, error: job.failedReason || 'failed' };
    return null;
  }

  async status(taskId: string): Promise<TaskStatus | null> {
    const found = await this.#stateAndJob(taskId);
    if (!found) return null;
    const { state, job } = found;
    const status = STATES[state] ?? 'pending';
    return {
      taskId,
      name: job.name as TaskName,
      status,
      result: status === 'success' ? (job.returnvalue as TaskResultMap[TaskName]) : null,
      ...(status === 'failure' ? { error: job.failedReason || 'failed' } : {}),
    };
  }

  workers(): Promise<WorkerInfo[]> {
    return readHeartbeats(this.#redis, this.#keys);
  }

  counts(): Promise<QueueCounts> {
    return jobCounts(this.#queue);
  }

  async oldestWaitingSince(): Promise<number | null> {
    // One LRANGE of one id plus one HGETALL, whatever the backlog: cheap enough for every scrape.
    const [oldest] = await this.#queue.getJobs(['wait'], 0, 0, true);
    return oldest?.timestamp ?? null;
  }

  /**
   * A worker is live when its heartbeat key is fresh and its BullMQ connection is still open. The connection
   * check sees a killed worker at once (the kernel closes its sockets), where its heartbeat key would outlive
   * it by up to the heartbeat TTL and requests would wait for the timeout meanwhile.
   */
  async hasLiveWorker(): Promise<boolean> {
    const now = performance.now();
    if (this.#live && now - this.#live.at < LIVE_WORKER_CACHE_MS) return this.#live.value;
    // A Redis span only when Redis is asked: most calls answer from the cache above.
    const [beating, connected] = await inSpan(
      'redis.hasLiveWorker',
      {},
      () => Promise.all([this.workers(), this.#connectedWorkerNames()]),
      SpanKind.CLIENT,
    );
    const value = beating.some(
      (w) => connected === null || connected.some((raw) => raw.endsWith(`:w:${w.name}`)),
    );
    this.#live = { value, at: now };
    return value;
  }

  async taskWorkerGone(taskId: string): Promise<boolean> {
    const found = await this.#stateAndJob(taskId);
    const worker = found?.state === 'active' ? found.job.processedBy : undefined;
    if (worker === undefined) return false;
    const connected = await this.#connectedWorkerNames();
    return connected !== null && !connected.some((raw) => raw.endsWith(`:w:${worker}`));
  }

  /** Client names of the workers connected to this queue (CLIENT LIST), or null where Redis will not say. */
  async #connectedWorkerNames(): Promise<string[] | null> {
    try {
      const clients = await this.#queue.getWorkers();
      const names = clients.flatMap((c) => (typeof c.rawname === 'string' ? [c.rawname] : []));
      return names.length === clients.length ? names : null;
    } catch {
      return null;
    }
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.#redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#poller) clearInterval(this.#poller);
    this.#waiters.rejectAll(new Error('queue closed'));
    await this.#queue.close();
    await Promise.all([this.#subscriber.quit().catch(() => {}), this.#redis.quit().catch(() => {})]);
  }
}

export function createBullmqTaskQueue(options: BullmqQueueOptions): TaskQueue {
  return new BullmqTaskQueue(options);
}

/** A BullMQ queue's jobs by state, as QueueCounts: prioritized jobs wait too. */
export async function jobCounts(queue: Pick<Queue, 'getJobCounts'>): Promise<QueueCounts> {
  const c = await queue.getJobCounts('active', 'waiting', 'prioritized', 'delayed', 'completed', 'failed');
  return {
    active: c.active ?? 0,
    waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
    delayed: c.delayed ?? 0,
    completed: c.completed ?? 0,
    failed: c.failed ?? 0,
  };
}
