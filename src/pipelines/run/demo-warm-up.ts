/**
 * The demo's recent past, lived rather than generated: on a first start the demo world is created a few weeks
 * before now and played forward on a virtual clock with the real stages — the world advanced to each virtual
 * day (only the results and prices seen by then), features, batch inference logging its predictions at that
 * day — then the whole pipeline runs at now. So the track record has pre-kick-off predictions graded against
 * the closing market from the first minute, built exactly as the running system builds it later.
 *
 * The model is trained once, at the start of the warm-up, on the history before it (the scheduled retraining
 * resumes at now): every warm-up prediction comes from a model that never saw the match.
 *
 * @example
 * await warmUpDemo(pipeline, { clock: systemClock, source: { kind: 'demo', seed: 42 } });
 */
import type { Clock } from '../../domain/clock.ts';
import type { Pipeline } from './pipeline.ts';
import type { DemoSource, StageLog } from './pipeline-context.ts';
import type { StageEvent, StageReport } from './runner.ts';
import type { StageName } from './stage.ts';

const DAY_MS = 86_400_000;

/**
 * Weeks of lived past: about 50 value bets on the default world, enough for a CLV interval a few points wide,
 * for some 10 s more on a first start.
 */
export const DEMO_WARM_UP_WEEKS = 4;

/** What a warm-up step runs: the scheduled batch-inference job's stages. */
const STEP_STAGES: readonly StageName[] = ['ingest', 'features', 'batch_inference'];

export interface WarmUpOptions {
  readonly clock: Clock;
  readonly source: DemoSource;
  /** Default DEMO_WARM_UP_WEEKS. */
  readonly weeks?: number;
  readonly onEvent?: ((event: StageEvent) => void) | undefined;
  readonly log?: StageLog | undefined;
}

/**
 * The virtual days of a warm-up ending at `nowMs`: its start, then each Friday 12:00 UTC at least a day after
 * it and before now (every demo round plays on Saturday and Sunday, so each is predicted the day before).
 */
export function warmUpDays(nowMs: number, weeks: number): number[] {
  const startMs = nowMs - weeks * 7 * DAY_MS;
  const days = [startMs];
  const midnight = Math.floor(startMs / DAY_MS) * DAY_MS;
  const weekday = new Date(midnight).getUTCDay(); // 0 Sunday … 5 Friday
  let friday = midnight + ((5 - weekday + 7) % 7) * DAY_MS + 12 * 3_600_000;
  if (friday < startMs + DAY_MS) friday += 7 * DAY_MS;
  for (; friday < nowMs; friday += 7 * DAY_MS) days.push(friday);
  return days;
}

/** Creates the demo world `weeks` before now, plays it forward week by week, then runs the whole pipeline now. */
export async function warmUpDemo(pipeline: Pipeline, options: WarmUpOptions): Promise<StageReport[]> {
  const nowMs = options.clock.nowMs();
  const [first, ...steps] = warmUpDays(nowMs, options.weeks ?? DEMO_WARM_UP_WEEKS);
  const at = (ms: number) => ({ source: options.source, now: new Date(ms), log: options.log });
  options.log?.(`living the demo's last ${options.weeks ?? DEMO_WARM_UP_WEEKS} weeks on a virtual clock`);
  await pipeline.run({
    ...at(first!),
    only: ['ingest', 'features', 'train', 'evaluate', 'register', 'batch_inference'],
  });
  for (const day of steps) await pipeline.run({ ...at(day), only: STEP_STAGES });
  return pipeline.run({ ...at(nowMs), onEvent: options.onEvent });
}
