/**
 * The production scheduler against a real Redis: two replicas upsert the same job schedulers, and every firing
 * runs exactly once across them. Also the in-process scheduler's firings.
 */
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { startBullmqScheduler } from '../../src/pipelines/scheduling/bullmq-scheduler.ts';
import { startInProcessScheduler } from '../../src/pipelines/scheduling/in-process-scheduler.ts';
import type { RunningScheduler, ScheduledJob } from '../../src/pipelines/scheduling/schedule.ts';
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
