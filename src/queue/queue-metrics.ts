/**
 * The queue's Prometheus series, served by every process that talks to the queue (API and workers): job counts
 * by state and the age of the oldest waiting job, both read from the queue when scraped (a handful of Redis
 * commands, whatever the backlog), and the enqueue → finished duration that workers observe as jobs end.
 */
import { Gauge, Histogram, type Registry } from 'prom-client';
import { type Clock, systemClock } from '../domain/clock.ts';
import type { QueueCounts, TaskQueue } from './task-queue.ts';
import { QUEUE_NAME } from './tasks.ts';

export interface QueueMetrics {
  readonly jobDuration: Histogram<'queue' | 'task'>;
}

const STATES = [
  'waiting',
  'active',
  'delayed',
  'failed',
  'completed',
] as const satisfies readonly (keyof QueueCounts)[];

export function createQueueMetrics(
  registry: Registry,
  queue: Pick<TaskQueue, 'counts' | 'oldestWaitingSince'>,
  clock: Clock = systemClock,
): QueueMetrics {
  new Gauge({
    name: 'matchcast_queue_jobs',
    help: 'Jobs of the queue by state (completed and failed: those still kept, see the result TTL)',
    labelNames: ['queue', 'state'] as const,
    aggregator: 'first',
    registers: [registry],
    async collect() {
      const counts = await queue.counts().catch(() => null);
      // A queue that cannot be read has no series, rather than a misleading zero.
      if (counts === null) return this.reset();
      for (const state of STATES) this.set({ queue: QUEUE_NAME, state }, counts[state]);
    },
  });
  new Gauge({
    name: 'matchcast_queue_oldest_waiting_age_seconds',
    help: 'How long the job that has waited longest has been waiting (0 when none waits)',
    labelNames: ['queue'] as const,
    aggregator: 'first',
    registers: [registry],
    async collect() {
      const since = await queue.oldestWaitingSince().catch(() => undefined);
      if (since === undefined) return this.reset();
      this.set({ queue: QUEUE_NAME }, since === null ? 0 : Math.max(0, (clock.nowMs() - since) / 1000));
    },
  });
  return {
    jobDuration: new Histogram({
      name: 'matchcast_queue_job_duration_seconds',
      help: 'Time from enqueue to the end of the job (waiting included), observed by the worker',
      labelNames: ['queue', 'task'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  };
}
