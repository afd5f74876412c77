import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startInProcessScheduler } from '../../../src/pipelines/scheduling/in-process-scheduler.ts';
import type { ScheduledJob } from '../../../src/pipelines/scheduling/schedule.ts';

const DAY = 86_400_000;

describe('the in-process scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2025-01-02T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for a firing further away than a Node timer can wait, and fires it once', async () => {
    const fired: string[] = [];
    const job = { name: 'monthly', repeat: { pattern: '0 4 1 * *' } } as unknown as ScheduledJob;
    const scheduler = startInProcessScheduler({
      jobs: [job],
      run: async (_job, { id }) => {
        fired.push(id);
      },
    });
    await vi.advanceTimersByTimeAsync(25 * DAY); // past the 24.8-day timer limit, before 1 February
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(5.5 * DAY);
    expect(fired).toEqual(['monthly:2025-02-01T04:00:00.000Z']);
    await scheduler.close();
  });

  it('runs interval jobs and skips a firing while the previous run is still going', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const job = { name: 'often', repeat: { every: 1000 } } as unknown as ScheduledJob;
    const scheduler = startInProcessScheduler({
      jobs: [job],
      run: () => {
        runs++;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });
    await vi.advanceTimersByTimeAsync(3500);
    expect(runs).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
    release();
    await scheduler.close();
  });
});
