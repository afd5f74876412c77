/**
 * The queues' Prometheus series, served by every process that talks to a queue: the API and workers report the
 * `ml` queue, the scheduler reports it too and adds its own `pipeline` queue (`watch`). Per queue, the job counts
 * by state, the age of the oldest waiting job and whether the queue could be read at all are read when scraped
 * (a handful of Redis commands per queue, whatever the backlog); the enqueue → finished duration is observed by
 * workers as jobs end.
 */

import { Gauge, Histogram, type Registry } from 'prom-client';
import type { MetricName } from '../config/metric-names.ts';
import { type Clock, systemClock } from '../domain/clock.ts';
import type { QueueCounts, TaskQueue } from './task-queue.ts';
import { QUEUE_NAME } from './tasks.ts';

/** What the gauges read from a queue on each scrape. */
export type QueueGaugeSource = Pick<TaskQueue, 'counts' | 'oldestWaitingSince'>;

export interface QueueMetrics {
  readonly jobDuration: Histogram<'queue' | 'task'>;
  /**
   * Reports one more queue, labelled `queue=<name>` (the scheduler's `pipeline` queue). Returns the function that
   * stops reporting it; its series go with it.
   */
  watch(name: string, queue: QueueGaugeSource): () => void;
}

const STATES = [
  'waiting',
  'active',
  'delayed',
  'failed',
  'completed',
] as const satisfies readonly (keyof QueueCounts)[];

interface Reading {
  readonly counts: QueueCounts;
  readonly oldestWaitingSince: number | null;
}

/**
 * @param queue the `ml` queue, reported from the start; `watch` adds others.
 */
export function createQueueMetrics(
  registry: Registry,
  queue: QueueGaugeSource,
  clock: Clock = systemClock,
): QueueMetrics {
  const sources = new Map<string, QueueGaugeSource>([[QUEUE_NAME, queue]]);
  // The registry collects its gauges concurrently: the three below share one read per queue and scrape.
  const inFlight = new Map<string, Promise<Reading | null>>();
  const read = (name: string, source: QueueGaugeSource): Promise<Reading | null> => {
    let reading = inFlight.get(name);
    if (reading === undefined) {
      reading = Promise.all([source.counts(), source.oldestWaitingSince()])
        .then(([counts, oldestWaitingSince]) => ({ counts, oldestWaitingSince }))
        .catch(() => null)
        .finally(() => inFlight.delete(name));
      inFlight.set(name, reading);
    }
    return reading;
  };
  const readAll = () =>
    Promise.all([...sources].map(async ([name, source]) => [name, await read(name, source)] as const));

  const jobs = new Gauge({
    name: 'matchcast_queue_jobs' satisfies MetricName,
    help: 'Jobs of the queue by state (completed and failed: those still kept, see the result TTL)',
    labelNames: ['queue', 'state'] as const,
    aggregator: 'first',
    registers: [registry],
    async collect() {
      for (const [name, reading] of await readAll()) {
        // A queue that cannot be read has no series, rather than a misleading zero (matchcast_queue_reachable
        // says why).
        for (const state of STATES) {
          if (reading === null) this.remove({ queue: name, state });
          else this.set({ queue: name, state }, reading.counts[state]);
        }
      }
    },
  });
  const oldestAge = new Gauge({
    name: 'matchcast_queue_oldest_waiting_age_seconds' satisfies MetricName,
    help: 'How long the job that has waited longest has been waiting (0 when none waits)',
    labelNames: ['queue'] as const,
    aggregator: 'first',
    registers: [registry],
    async collect() {
      for (const [name, reading] of await readAll()) {
        if (reading === null) this.remove({ queue: name });
        else {
          const since = reading.oldestWaitingSince;
          this.set({ queue: name }, since === null ? 0 : Math.max(0, (clock.nowMs() - since) / 1000));
        }
      }
    },
  });
  const reachable = new Gauge({
    name: 'matchcast_queue_reachable' satisfies MetricName,
    help: 'Whether this process could read the queue at this scrape (0: Redis did not answer, the other queue series are left out)',
    labelNames: ['queue'] as const,
    aggregator: 'min',
    registers: [registry],
    async collect() {
      for (const [name, reading] of await readAll()) this.set({ queue: name }, reading === null ? 0 : 1);
    },
  });

  return {
    jobDuration: new Histogram({
      name: 'matchcast_queue_job_duration_seconds' satisfies MetricName,
      help: 'Time from enqueue to the end of the job (waiting included), observed by the worker',
      labelNames: ['queue', 'task'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    watch(name, source) {
      sources.set(name, source);
      return () => {
        if (sources.get(name) !== source) return;
        sources.delete(name);
        for (const state of STATES) jobs.remove({ queue: name, state });
        oldestAge.remove({ queue: name });
        reachable.remove({ queue: name });
      };
    },
  };
}
