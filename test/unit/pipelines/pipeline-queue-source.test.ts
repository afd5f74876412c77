/**
 * How long the scheduler's pipeline queue has kept a firing waiting: from when it fell due, whether BullMQ still
 * holds it as delayed (a busy replica does not promote it) or on the wait list, never from when the job scheduler
 * created it a whole interval earlier.
 */
import type { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { pipelineQueueSource } from '../../../src/pipelines/scheduling/bullmq-scheduler.ts';

const NOW = Date.parse('2026-03-04T03:20:00Z');
const DAY = 86_400_000;
const FIRING = Date.parse('2026-03-04T03:00:00Z');

interface FakeJob {
  readonly timestamp: number;
  readonly delay: number;
  readonly opts: { readonly prevMillis?: number };
}

function source(lists: { wait?: FakeJob; delayed?: FakeJob }) {
  const queue = {
    getJobCounts: async () => ({
      waiting: 1,
      prioritized: 0,
      active: 1,
      delayed: 4,
      completed: 9,
      failed: 2,
    }),
    getJobs: async ([state]: string[]) => {
      const job = lists[state as 'wait' | 'delayed'];
      return job ? [job] : [];
    },
  } as unknown as Pick<Queue, 'getJobCounts' | 'getJobs'>;
  return pipelineQueueSource(queue, () => NOW);
}

describe('pipeline queue source', () => {
  it('counts the jobs by state', async () => {
    expect(await source({}).counts()).toEqual({ waiting: 1, active: 1, delayed: 4, completed: 9, failed: 2 });
  });

  it('ages a due firing still held as delayed from when it fell due', async () => {
    // Created at the previous day's firing, due at 03:00.
    const delayed = { timestamp: FIRING - DAY, delay: DAY, opts: { prevMillis: FIRING } };
    expect(await source({ delayed }).oldestWaitingSince()).toBe(FIRING);
  });

  it('ignores a delayed firing that is not due yet: nothing waits', async () => {
    const delayed = { timestamp: NOW - 60_000, delay: DAY, opts: { prevMillis: NOW - 60_000 + DAY } };
    expect(await source({ delayed }).oldestWaitingSince()).toBeNull();
  });

  it('ages a promoted firing on the wait list from its firing time, not its creation', async () => {
    const wait = { timestamp: FIRING - DAY, delay: 0, opts: { prevMillis: FIRING } };
    const delayed = { timestamp: FIRING, delay: DAY, opts: { prevMillis: FIRING + DAY } };
    expect(await source({ wait, delayed }).oldestWaitingSince()).toBe(FIRING);
  });

  it('counts a job promoted by hand before its firing time from now', async () => {
    const wait = { timestamp: NOW - 60_000, delay: DAY, opts: { prevMillis: NOW - 60_000 + DAY } };
    expect(await source({ wait }).oldestWaitingSince()).toBe(NOW);
  });
});
