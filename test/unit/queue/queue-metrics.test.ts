/**
 * The queue gauges: one home for every queue a process reports (the `ml` queue everywhere, the scheduler's
 * `pipeline` queue added with `watch`), one read per queue and scrape, and a queue that cannot be read reported as
 * unreachable with its other series left out rather than zeroed.
 */
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createQueueMetrics, type QueueGaugeSource } from '../../../src/queue/queue-metrics.ts';
import type { QueueCounts } from '../../../src/queue/task-queue.ts';
import { seriesOf } from '../../support/metrics-text.ts';

const NOW_MS = 1_750_000_000_000;
const clock = { nowMs: () => NOW_MS };

function fakeQueue(counts: Partial<QueueCounts>, oldestWaitingSince: number | null) {
  const reads = { counts: 0, oldest: 0 };
  let down = false;
  const source: QueueGaugeSource = {
    async counts() {
      reads.counts++;
      if (down) throw new Error('connect ECONNREFUSED');
      return { active: 0, waiting: 0, delayed: 0, completed: 0, failed: 0, ...counts };
    },
    async oldestWaitingSince() {
      reads.oldest++;
      if (down) throw new Error('connect ECONNREFUSED');
      return oldestWaitingSince;
    },
  };
  return {
    source,
    reads,
    setDown(value: boolean) {
      down = value;
    },
  };
}

const byQueue = (text: string, name: string) =>
  Object.fromEntries(
    seriesOf(text, name)
      .filter((s) => s.labels.state === undefined || s.labels.state === 'waiting')
      .map((s) => [s.labels.queue, s.value]),
  );

describe('queue metrics', () => {
  it('reports the ml queue, and the pipeline queue once watched, each under its own queue label', async () => {
    const registry = new Registry();
    const ml = fakeQueue({ waiting: 3 }, NOW_MS - 12_000);
    const pipeline = fakeQueue({ waiting: 1, delayed: 5, active: 1 }, NOW_MS - 2_400_000);
    const metrics = createQueueMetrics(registry, ml.source, clock);

    let text = await registry.metrics();
    expect(byQueue(text, 'matchcast_queue_jobs')).toEqual({ ml: 3 });

    metrics.watch('pipeline', pipeline.source);
    text = await registry.metrics();
    expect(byQueue(text, 'matchcast_queue_jobs')).toEqual({ ml: 3, pipeline: 1 });
    expect(
      seriesOf(text, 'matchcast_queue_jobs')
        .filter((s) => s.labels.queue === 'pipeline')
        .map((s) => [s.labels.state, s.value]),
    ).toEqual([
      ['waiting', 1],
      ['active', 1],
      ['delayed', 5],
      ['failed', 0],
      ['completed', 0],
    ]);
    expect(byQueue(text, 'matchcast_queue_oldest_waiting_age_seconds')).toEqual({ ml: 12, pipeline: 2400 });
    expect(byQueue(text, 'matchcast_queue_reachable')).toEqual({ ml: 1, pipeline: 1 });
  });

  it('reads each queue once per scrape, whatever the number of gauges', async () => {
    const registry = new Registry();
    const ml = fakeQueue({}, null);
    createQueueMetrics(registry, ml.source, clock);
    await registry.metrics();
    expect(ml.reads).toEqual({ counts: 1, oldest: 1 });
    await registry.metrics();
    expect(ml.reads).toEqual({ counts: 2, oldest: 2 });
  });

  it('marks a queue that cannot be read unreachable and leaves its other series out, not at zero', async () => {
    const registry = new Registry();
    const ml = fakeQueue({ waiting: 2 }, null);
    const pipeline = fakeQueue({ waiting: 1 }, NOW_MS - 60_000);
    const metrics = createQueueMetrics(registry, ml.source, clock);
    metrics.watch('pipeline', pipeline.source);
    await registry.metrics();

    ml.setDown(true);
    let text = await registry.metrics();
    expect(byQueue(text, 'matchcast_queue_reachable')).toEqual({ ml: 0, pipeline: 1 });
    expect(byQueue(text, 'matchcast_queue_jobs')).toEqual({ pipeline: 1 });
    expect(byQueue(text, 'matchcast_queue_oldest_waiting_age_seconds')).toEqual({ pipeline: 60 });

    ml.setDown(false);
    text = await registry.metrics();
    expect(byQueue(text, 'matchcast_queue_reachable')).toEqual({ ml: 1, pipeline: 1 });
    expect(byQueue(text, 'matchcast_queue_jobs')).toEqual({ ml: 2, pipeline: 1 });
  });

  it('drops a queue and its series once it is no longer watched', async () => {
    const registry = new Registry();
    const metrics = createQueueMetrics(registry, fakeQueue({}, null).source, clock);
    const pipeline = fakeQueue({ waiting: 4 }, null);
    const unwatch = metrics.watch('pipeline', pipeline.source);
    await registry.metrics();
    unwatch();
    const text = await registry.metrics();
    for (const name of [
      'matchcast_queue_jobs',
      'matchcast_queue_oldest_waiting_age_seconds',
      'matchcast_queue_reachable',
    ])
      expect(Object.keys(byQueue(text, name)), name).toEqual(['ml']);
    expect(pipeline.reads.counts).toBe(1);
  });
});
