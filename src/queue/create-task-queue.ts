/**
 * Chooses the queue from configuration: BullMQ when a Redis URL is given, else the in-process queue (which
 * needs a worker attached in the same process: `startWorker({ queue, … })`).
 *
 * @example
 *   const queue = createTaskQueue({ redisUrl: config.redisUrl });
 */
import { createBullmqTaskQueue } from './bullmq-task-queue.ts';
import { createInProcessTaskQueue, type InProcessTaskQueue } from './in-process-task-queue.ts';
import type { TaskQueue } from './task-queue.ts';

export interface TaskQueueOptions {
  /** redis://…; undefined = in-process */
  readonly redisUrl?: string | undefined;
  /** Redis key prefix (default `matchcast`). */
  readonly prefix?: string;
  /** How long finished tasks stay queryable (seconds, default 3600). */
  readonly resultTtlSeconds?: number;
}

export function createTaskQueue(options: TaskQueueOptions & { readonly redisUrl: string }): TaskQueue;
export function createTaskQueue(
  options: TaskQueueOptions & { readonly redisUrl?: undefined },
): InProcessTaskQueue;
export function createTaskQueue(options: TaskQueueOptions): TaskQueue | InProcessTaskQueue;
export function createTaskQueue(options: TaskQueueOptions): TaskQueue | InProcessTaskQueue {
  const ttl = options.resultTtlSeconds !== undefined ? { resultTtlSeconds: options.resultTtlSeconds } : {};
  if (options.redisUrl) {
    return createBullmqTaskQueue({
      redisUrl: options.redisUrl,
      ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
      ...ttl,
    });
  }
  return createInProcessTaskQueue(ttl);
}
