/**
 * The production scheduler against a real Redis: two replicas upsert the same job schedulers, and every firing
 * runs exactly once across them; the scheduler serves its pipeline queue's gauges (queue="pipeline"), a firing
 * stuck behind a running one ageing from when it fell due. Also the in-process scheduler's firings.
 */
import { Queue } from 'bullmq';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startBullmqScheduler } from '../../src/pipelines/scheduling/bullmq-scheduler.ts';
import { startInProcessScheduler } from '../../src/pipelines/scheduling/in-process-scheduler.ts';
import type { RunningScheduler, ScheduledJob } from '../../src/pipelines/scheduling/schedule.ts';
import { createQueueMetrics } from '../../src/queue/queue-metrics.ts';
import { seriesOf } from '../support/metrics-text.ts';
import { REDIS_URL, redisAvailable, uniqueName } from '../support/services.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const jobs: ScheduledJob[] = [
  { name: 'fast', repeat: { every: 400 }, stages: ['batch_inference'] },
  { name: 'slow', repeat: { every: 900 }, stages: ['monitor_drift'] },
];

describe('scheduler', () => {
  const running: RunningScheduler[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  it.runIf(redisAvailable)('runs each firing once across two replicas (BullMQ job schedulers)', async () => {
    const prefix = uniqueName('sched');
    const runs: { replica: number; job: string; id: string }[] = [];
    for (const replica of [1, 2]) {
      running.push(
        await startBullmqScheduler({
          redisUrl: REDIS_URL,
          prefix,
          jobs,
          run: async (job, firing) => {
            runs.push({ replica, job: job.name, id: firing.id });
            await sleep(50);
          },
        }),
      );
    }
    // Wait for a few firings of each job (no time bound asserted: the machine may be slow).
    for (let waited = 0; waited < 20_000; waited += 100) {
      if (
        runs.filter((r) => r.job === 'slow').length >= 2 &&
        runs.filter((r) => r.job === 'fast').length >= 4
      )
        break;
      await sleep(100);
    }
    await Promise.all(running.splice(0).map((s) => s.close()));

    const ids = runs.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const job of jobs) {
      // One schedule per job, not one per replica: firing times are distinct steps of the job's interval.
      const every = 'every' in job.repeat ? job.repeat.every : 0;
      const times = runs
        .filter((r) => r.job === job.name)
        .map((r) => Number(r.id.split(':').at(-1)))
        .sort((a, b) => a - b);
      expect(times.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < times.length; i++) {
        const gap = (times[i] as number) - (times[i - 1] as number);
        expect(gap).toBeGreaterThan(0);
        expect(gap % every).toBe(0);
      }
    }

    const queue = new Queue('pipeline', { connection: { url: REDIS_URL }, prefix });
    try {
      expect((await queue.getJobSchedulers()).map((s) => s.key).sort()).toEqual(['fast', 'slow']);
      await queue.obliterate({ force: true });
      for (const s of await queue.getJobSchedulers()) await queue.removeJobScheduler(s.key);
    } finally {
      await queue.close();
    }
  });

  it.runIf(redisAvailable)(
    'serves the pipeline queue as queue="pipeline": a firing stuck behind a running job ages from when it fell due',
    async () => {
      const prefix = uniqueName('schedmet');
      const registry = new Registry();
      // The ml queue is not what this test looks at: an empty one.
      const ml = { counts: async () => ({ active: 0, waiting: 0, delayed: 0, completed: 0, failed: 0 }) };
      const queueMetrics = createQueueMetrics(registry, { ...ml, oldestWaitingSince: async () => null });
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const started: string[] = [];
      const scheduler = await startBullmqScheduler({
        redisUrl: REDIS_URL,
        prefix,
        // `stuck` holds the replica's one slot; `next` falls due meanwhile and waits.
        jobs: [
          { name: 'stuck', repeat: { every: 60_000 }, stages: ['train'] },
          { name: 'next', repeat: { every: 500 }, stages: ['batch_inference'] },
        ],
        run: async (job) => {
          started.push(job.name);
          if (job.name === 'stuck') await held;
        },
        queueMetrics,
      });
      running.push(scheduler);
      const pipelineSeries = async (name: string) =>
        seriesOf(await registry.metrics(), name).filter((s) => s.labels.queue === 'pipeline');
      try {
        for (let waited = 0; waited < 20_000 && !started.includes('stuck'); waited += 50) await sleep(50);
        expect(started).toContain('stuck');
        let age = 0;
        for (let waited = 0; waited < 20_000 && age < 1.5; waited += 100) {
          await sleep(100);
          age = (await pipelineSeries('matchcast_queue_oldest_waiting_age_seconds'))[0]?.value ?? 0;
        }
        expect(age).toBeGreaterThanOrEqual(1.5);
        const jobs = Object.fromEntries(
          (await pipelineSeries('matchcast_queue_jobs')).map((s) => [s.labels.state, s.value]),
        );
        expect(jobs).toMatchObject({ active: 1 });
        expect((await pipelineSeries('matchcast_queue_reachable'))[0]?.value).toBe(1);
        // The ml queue is reported beside it, unchanged.
        expect(
          seriesOf(await registry.metrics(), 'matchcast_queue_reachable')
            .map((s) => s.labels.queue)
            .sort(),
        ).toEqual(['ml', 'pipeline']);
      } finally {
        release();
      }
      // Once the stuck job ends, the waiting firing runs and nothing waits any more.
      let age = Number.POSITIVE_INFINITY;
      for (let waited = 0; waited < 20_000 && age > 0.4; waited += 100) {
        await sleep(100);
        age = (await pipelineSeries('matchcast_queue_oldest_waiting_age_seconds'))[0]?.value ?? age;
      }
      expect(age).toBeLessThanOrEqual(0.4);
      expect(started).toContain('next');
      await Promise.all(running.splice(0).map((s) => s.close()));
      // A closed scheduler no longer reports the queue.
      expect(await pipelineSeries('matchcast_queue_jobs')).toEqual([]);

      const queue = new Queue('pipeline', { connection: { url: REDIS_URL }, prefix });
      try {
        await queue.obliterate({ force: true });
        for (const s of await queue.getJobSchedulers()) await queue.removeJobScheduler(s.key);
      } finally {
        await queue.close();
      }
    },
  );

  it('fires in-process jobs on their interval and never overlaps a job with itself', async () => {
    const fired: string[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    running.push(
      startInProcessScheduler({
        jobs: [{ name: 'busy', repeat: { every: 100 }, stages: ['odds'] }],
        run: async (_job, firing) => {
          fired.push(firing.id);
          concurrent++;
          maxConcurrent = Math.max(maxConcurrent, concurrent);
          await sleep(250);
          concurrent--;
        },
      }),
    );
    for (let waited = 0; waited < 20_000 && fired.length < 3; waited += 50) await sleep(50);
    expect(fired.length).toBeGreaterThanOrEqual(3);
    expect(maxConcurrent).toBe(1);
  });
});
