/**
 * The task queue seen by its clients (the API, pipelines) and by workers: BullMQ on Redis in production, an
 * in-process queue in the embedded mode. Task id = job id.
 */
import type { TaskDataMap, TaskName, TaskResultMap } from './tasks.ts';

/** A task's states as clients see them: one list for the queues and the API's task_status schema. */
export const TASK_STATES = ['pending', 'started', 'success', 'failure'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface TaskStatus<N extends TaskName = TaskName> {
  readonly taskId: string;
  readonly name: N;
  readonly status: TaskState;
  readonly result: TaskResultMap[N] | null;
  readonly error?: string;
}

export interface WorkerInfo {
  readonly name: string;
  readonly queues: readonly string[];
  readonly pid: number;
  readonly hostname: string;
  /** ISO 8601 */
  readonly lastHeartbeat: string;
  /** e.g. ["soccer-match-outcome@champion:3"] */
  readonly modelsLoaded: readonly string[];
  /** The worker answered its latest heartbeat window. */
  readonly alive: boolean;
}

export interface QueueCounts {
  readonly active: number;
  readonly waiting: number;
  readonly delayed: number;
  readonly completed: number;
  readonly failed: number;
}

export interface TaskQueue {
  readonly kind: 'bullmq' | 'inprocess';
  enqueue<N extends TaskName>(name: N, data: TaskDataMap[N]): Promise<string>;
  /** Waits for a task's end; rejects with TaskTimeoutError after `timeoutMs`, TaskFailedError when it failed. */
  waitFor<N extends TaskName>(taskId: string, name: N, timeoutMs: number): Promise<TaskResultMap[N]>;
  /** Null for an unknown (or expired) task id. */
  status(taskId: string): Promise<TaskStatus | null>;
  workers(): Promise<WorkerInfo[]>;
  counts(): Promise<QueueCounts>;
  /** When the task that has waited longest was enqueued (Unix ms), or null when none waits. */
  oldestWaitingSince(): Promise<number | null>;
  /** True when at least one live worker listens on the queue. */
  hasLiveWorker(): Promise<boolean>;
  /**
   * True when the task is running on a worker whose connection is gone: the worker died with it, and the task
   * runs again only once its lock expires (seconds later). False while it waits, runs on a live worker or is done.
   */
  taskWorkerGone(taskId: string): Promise<boolean>;
  /** True when the broker answers (always true in-process). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export class TaskTimeoutError extends Error {
  override readonly name = 'TaskTimeoutError';
}
export class TaskFailedError extends Error {
  override readonly name = 'TaskFailedError';
}
