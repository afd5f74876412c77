/**
 * The embedded queue: tasks run in this process by the same processors a Redis worker runs, with the same task
 * ids, states, result TTL and failure semantics (no retries for unrecoverable errors; one retry otherwise).
 *
 * @example
 *   const queue = createInProcessTaskQueue();
 *   const worker = await startWorker({ queue, registry, modelName });
 *   const id = await queue.enqueue('predict_match', data);
 *   const result = await queue.waitFor(id, 'predict_match', 30_000);
 */

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { systemClock } from '../domain/clock.ts';
import { carryTraceContext, inSpan, SpanKind } from '../observability/tracing.ts';
import { UnrecoverableTaskError } from './queue-errors.ts';
import { ResultWaiters, type TaskOutcome } from './result-waiters.ts';
import {
  type QueueCounts,
  type TaskQueue,
  type TaskState,
  type TaskStatus,
  TaskTimeoutError,
  type WorkerInfo,
} from './task-queue.ts';
import type { TaskDataMap, TaskName, TaskResultMap } from './tasks.ts';
import { QUEUE_NAME } from './tasks.ts';

export interface InProcessWorkerOptions {
  readonly name: string;
  readonly concurrency: number;
  /** `enqueuedAt`: Unix ms, for the queue's job duration (enqueue → finished). */
  readonly run: (name: string, data: unknown, enqueuedAt: number) => Promise<unknown>;
  readonly modelsLoaded: () => string[];
}

export interface AttachedWorker {
  readonly name: string;
  /** Stops taking tasks and resolves once the worker's in-flight tasks have finished. */
  close(): Promise<void>;
}

export interface InProcessTaskQueue extends TaskQueue {
  readonly kind: 'inprocess';
  attachWorker(options: InProcessWorkerOptions): AttachedWorker;
}

export interface InProcessQueueOptions {
  /** How long finished tasks stay queryable (seconds, default 3600). */
  readonly resultTtlSeconds?: number;
  /** Attempts for recoverable errors (default 2: one retry). */
  readonly attempts?: number;
}

interface Job {
  readonly id: string;
  readonly name: TaskName;
  readonly data: unknown;
  readonly enqueuedAt: number;
  state: TaskState;
  attempts: number;
  result: unknown;
  error: string | undefined;
  finishedAt: number;
}

interface Slot {
  readonly options: InProcessWorkerOptions;
  active: number;
  closing: boolean;
  readonly idle: Set<() => void>;
}

class InProcessQueue implements InProcessTaskQueue {
  readonly kind = 'inprocess' as const;
  readonly #jobs = new Map<string, Job>();
  readonly #pending: Job[] = [];
  readonly #finished: Job[] = [];
  readonly #workers = new Set<Slot>();
  readonly #waiters = new ResultWaiters();
  readonly #ttlMs: number;
  readonly #attempts: number;
  #closed = false;

  constructor(options: InProcessQueueOptions) {
    this.#ttlMs = (options.resultTtlSeconds ?? 3600) * 1000;
    this.#attempts = options.attempts ?? 2;
  }

  enqueue<N extends TaskName>(name: N, data: TaskDataMap[N]): Promise<string> {
    return inSpan(
      'queue.enqueue',
      { 'messaging.system': 'inprocess', task: name },
      async () => this.#enqueue(name, carryTraceContext(data)),
      SpanKind.PRODUCER,
    );
  }

  #enqueue<N extends TaskName>(name: N, data: TaskDataMap[N]): string {
    if (this.#closed) throw new Error('queue is closed');
    const job: Job = {
      id: randomUUID(),
      name,
      data,
      enqueuedAt: systemClock.nowMs(),
      state: 'pending',
      attempts: 0,
      result: null,
      error: undefined,
      finishedAt: 0,
    };
    this.#jobs.set(job.id, job);
    this.#pending.push(job);
    this.#dispatch();
    return job.id;
  }

  waitFor<N extends TaskName>(taskId: string, _name: N, timeoutMs: number): Promise<TaskResultMap[N]> {
    const job = this.#jobs.get(taskId);
    if (!job) return Promise.reject(new TaskTimeoutError(`task ${taskId} is unknown or expired`));
    const pending = this.#waiters.wait(taskId, timeoutMs) as Promise<TaskResultMap[N]>;
    if (job.state === 'success' || job.state === 'failure')
      this.#waiters.deliver(taskId, outcomeOf(job), false);
    return pending;
  }

  async status(taskId: string): Promise<TaskStatus | null> {
    this.#sweep();
    const job = this.#jobs.get(taskId);
    if (!job) return null;
    return {
      taskId,
      name: job.name,
      status: job.state,
      result: job.state === 'success' ? (job.result as TaskResultMap[TaskName]) : null,
      ...(job.error !== undefined ? { error: job.error } : {}),
    };
  }

  async workers(): Promise<WorkerInfo[]> {
    const now = new Date(systemClock.nowMs()).toISOString();
    return [...this.#workers].map((slot) => ({
      name: slot.options.name,
      queues: [QUEUE_NAME],
      pid: process.pid,
      hostname: hostname(),
      lastHeartbeat: now,
      modelsLoaded: slot.options.modelsLoaded(),
      alive: !slot.closing,
    }));
  }

  async counts(): Promise<QueueCounts> {
    this.#sweep();
    let active = 0;
    let completed = 0;
    let failed = 0;
    for (const job of this.#jobs.values()) {
      if (job.state === 'started') active++;
      else if (job.state === 'success') completed++;
      else if (job.state === 'failure') failed++;
    }
    return { active, waiting: this.#pending.length, delayed: 0, completed, failed };
  }

  async oldestWaitingSince(): Promise<number | null> {
    return this.#pending[0]?.enqueuedAt ?? null;
  }

  async hasLiveWorker(): Promise<boolean> {
    for (const slot of this.#workers) if (!slot.closing) return true;
    return false;
  }

  async taskWorkerGone(): Promise<boolean> {
    // In-process workers die only with the process that waits on them.
    return false;
  }

  async ping(): Promise<boolean> {
    return !this.#closed;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#workers].map((slot) => this.#drain(slot)));
    this.#waiters.rejectAll(new Error('queue closed'));
  }

  attachWorker(options: InProcessWorkerOptions): AttachedWorker {
    const slot: Slot = { options, active: 0, closing: false, idle: new Set() };
    this.#workers.add(slot);
    this.#dispatch();
    return { name: options.name, close: () => this.#drain(slot) };
  }

  async #drain(slot: Slot): Promise<void> {
    slot.closing = true;
    if (slot.active > 0) await new Promise<void>((resolve) => slot.idle.add(resolve));
    this.#workers.delete(slot);
  }

  #dispatch(): void {
    for (const slot of this.#workers) {
      while (!slot.closing && slot.active < slot.options.concurrency && this.#pending.length > 0) {
        const job = this.#pending.shift();
        if (job) void this.#run(slot, job);
      }
    }
  }

  async #run(slot: Slot, job: Job): Promise<void> {
    slot.active++;
    job.state = 'started';
    job.attempts++;
    try {
      job.result = await slot.options.run(job.name, job.data, job.enqueuedAt);
      this.#finish(job, 'success', undefined);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof UnrecoverableTaskError) && job.attempts < this.#attempts) {
        job.state = 'pending';
        this.#pending.push(job);
      } else {
        this.#finish(job, 'failure', message);
      }
    } finally {
      slot.active--;
      if (slot.active === 0) for (const resolve of slot.idle) resolve();
      this.#dispatch();
    }
  }

  #finish(job: Job, state: 'success' | 'failure', error: string | undefined): void {
    job.state = state;
    job.error = error;
    job.finishedAt = performance.now();
    this.#finished.push(job);
    this.#waiters.deliver(job.id, outcomeOf(job), false);
    this.#sweep();
  }

  /** Forgets finished tasks older than the result TTL (the finished list is in finishing order). */
  #sweep(): void {
    const now = performance.now();
    while (this.#finished.length > 0) {
      const oldest = this.#finished[0];
      if (!oldest || now - oldest.finishedAt <= this.#ttlMs) break;
      this.#finished.shift();
      this.#jobs.delete(oldest.id);
    }
  }
}

function outcomeOf(job: Job): TaskOutcome {
  return job.state === 'success'
    ? { ok: true, result: job.result }
    : { ok: false, error: job.error ?? 'failed' };
}

export function createInProcessTaskQueue(options: InProcessQueueOptions = {}): InProcessTaskQueue {
  return new InProcessQueue(options);
}
