/**
 * The embedded mode's scheduler: a timer per job inside the one `matchcast start` process. Firings of one job do
 * not pile up: if a run is still going when the next one is due, that firing is skipped.
 */
import { nextCronTime, parseCron } from './cron-schedule.ts';
import type { JobRunner, RunningScheduler, ScheduledJob } from './schedule.ts';

export interface InProcessSchedulerOptions {
  readonly jobs: readonly ScheduledJob[];
  readonly run: JobRunner;
  readonly onError?: (job: ScheduledJob, error: unknown) => void;
  readonly now?: () => Date;
}

export function startInProcessScheduler(options: InProcessSchedulerOptions): RunningScheduler {
  const now = options.now ?? (() => new Date());
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;

  const delayOf = (job: ScheduledJob): number => {
    if ('every' in job.repeat) return job.repeat.every;
    const at = now();
    return Math.max(0, nextCronTime(parseCron(job.repeat.pattern), at).getTime() - at.getTime());
  };

  const arm = (job: ScheduledJob, busy: { value: boolean }) => {
    if (closed) return;
    const delay = delayOf(job);
    const due = now().getTime() + delay;
    const timer = setTimeout(() => {
      arm(job, busy);
      if (busy.value) return;
      busy.value = true;
      const firing = options
        .run(job, { id: `${job.name}:${new Date(due).toISOString()}` })
        .catch((error: unknown) => options.onError?.(job, error))
        .finally(() => {
          busy.value = false;
          inFlight.delete(firing);
        });
      inFlight.add(firing);
    }, delay);
    // The schedule alone must not keep a process alive (tests, a CLI that has finished).
    timer.unref();
    timers.set(job.name, timer);
  };

  for (const job of options.jobs) {
    if ('pattern' in job.repeat) parseCron(job.repeat.pattern); // fail now on a bad expression
    arm(job, { value: false });
  }

  return {
    kind: 'inprocess',
    jobs: options.jobs,
    async close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.all(inFlight);
    },
  };
}
