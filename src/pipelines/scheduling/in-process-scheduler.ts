/**
 * The embedded mode's scheduler: a timer per job inside the one `matchcast start` process. Firings of one job do
 * not pile up: if a run is still going when the next one is due, that firing is skipped. A firing further away
 * than a Node timer can wait (2^31 − 1 ms, about 24.8 days: a longer setTimeout fires after 1 ms) is reached in
 * steps, re-checking the clock at each.
 */
import { type Clock, systemClock } from '../../domain/clock.ts';
import { checkCron, nextCronTime } from './cron-schedule.ts';
import type { JobRunner, RunningScheduler, ScheduledJob } from './schedule.ts';

export interface InProcessSchedulerOptions {
  readonly jobs: readonly ScheduledJob[];
  readonly run: JobRunner;
  readonly onError?: (job: ScheduledJob, error: unknown) => void;
  readonly clock?: Clock;
}

/** The longest delay a Node timer honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function startInProcessScheduler(options: InProcessSchedulerOptions): RunningScheduler {
  const clock = options.clock ?? systemClock;
  const now = () => new Date(clock.nowMs());
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;

  const delayOf = (job: ScheduledJob): number => {
    if ('every' in job.repeat) return job.repeat.every;
    const at = now();
    return Math.max(0, nextCronTime(job.repeat.pattern, at).getTime() - at.getTime());
  };

  const wait = (job: ScheduledJob, dueMs: number, fire: () => void) => {
    if (closed) return;
    const remaining = Math.max(0, dueMs - now().getTime());
    const timer = setTimeout(
      () => (remaining > MAX_TIMER_MS ? wait(job, dueMs, fire) : fire()),
      Math.min(remaining, MAX_TIMER_MS),
    );
    // The schedule alone must not keep a process alive (tests, a CLI that has finished).
    timer.unref();
    timers.set(job.name, timer);
  };

  const arm = (job: ScheduledJob, busy: { value: boolean }) => {
    if (closed) return;
    const due = now().getTime() + delayOf(job);
    wait(job, due, () => {
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
    });
  };

  for (const job of options.jobs) {
    if ('pattern' in job.repeat) checkCron(job.repeat.pattern); // fail now on a bad expression
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
