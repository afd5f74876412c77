/**
 * What the scheduler logs at which level: a failed scheduled job is an error and a stage's warning stays a warning
 * (log pipelines alert on levels, and both were info), while a job that ran is info.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pipeline, PipelineRunOptions } from '../../../src/pipelines/run/pipeline.ts';
import type { ScheduledJob } from '../../../src/pipelines/scheduling/schedule.ts';
import { startScheduler } from '../../../src/pipelines/scheduling/start-scheduler.ts';

const job: ScheduledJob = { name: 'often', repeat: { every: 1000 }, stages: ['ingest'] };

describe('scheduler log levels', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2025-01-02T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs a failed job as an error, a stage warning as a warning, and a finished job as info', async () => {
    let calls = 0;
    const pipeline: Pipeline = {
      async run(options: PipelineRunOptions = {}) {
        calls++;
        options.log?.('2 files rejected', 'warn');
        if (calls === 1) throw new Error('disk full');
        return [];
      },
      busy: () => false,
    };
    const lines: string[] = [];
    const scheduler = await startScheduler({
      pipeline,
      jobs: [job],
      log: (line, level) => lines.push(`${level ?? 'info'}: ${line}`),
    });
    await vi.advanceTimersByTimeAsync(2500);
    await scheduler.close();
    expect(lines).toEqual([
      'warn: often: 2 files rejected',
      'error: scheduled job often failed: disk full',
      'warn: often: 2 files rejected',
      'info: scheduled job often: nothing changed',
    ]);
  });
});
