/**
 * `replay`: plays real football-data seasons forward one virtual day at a time (issue #13 item 4). A local
 * stand-in provider publishes the files as they were that day; the real `sync` stage pulls them and the real
 * scheduled stages run on a manual clock set to the day — features, retraining when params' retrain schedule
 * fires (train, evaluate, register), batch inference, odds, live betting, drift when its schedule fires.
 * After each day the progress is saved in the artifact store, so a killed replay continues from the last
 * finished day. The result is the track record of what was logged before kick-off
 * (pipelines/reports/track-record.ts), over the matches kicking off in the window.
 *
 * @example
 * const result = await runReplay({ deps, dataDir, fromMs, toMs, leagues: ['E0', 'D1'], onDay: print });
 * result.record.late_predictions; // 0
 */
import { Type } from 'typebox';
import type { Params } from '../../config/params.ts';
import { trackRecordRulesOf } from '../../config/params.ts';
import { loadTrackRecordInput } from '../../db/track-record-repository.ts';
import { manualClock } from '../../domain/clock.ts';
import { ExpectedError } from '../../domain/expected-error.ts';
import type { TrackRecord } from '../../domain/track-record.ts';
import { startReplayProvider } from '../../ingest/replay/replay-provider.ts';
import { getJson, putJson } from '../../storage/artifact-io.ts';
import { trackRecord } from '../reports/track-record.ts';
import { createPipeline, type PipelineDeps } from '../run/pipeline.ts';
import type { StageReport } from '../run/runner.ts';
import type { StageName } from '../run/stage.ts';
import { nextCronTime } from '../scheduling/cron-schedule.ts';

export const DAY_MS = 86_400_000;
export const REPLAY_PROGRESS_KEY = 'replay/progress.json';

const Progress = Type.Object({
  from: Type.String(),
  to: Type.String(),
  leagues: Type.Array(Type.String()),
  /** The last virtual day whose stages all finished (ISO date). */
  done: Type.String(),
  /** The stand-in provider's port: reused on resume, so the sync's per-URL state (ETags) still applies. */
  port: Type.Optional(Type.Integer()),
});

export interface ReplayOptions {
  /** The pipeline's parts (database, store, registry, runs, params, model name). */
  readonly deps: PipelineDeps;
  /** Local football-data folder (`<Div>/<season>.csv`, `new/<CODE>.csv`). */
  readonly dataDir: string;
  /** First and last virtual day (UTC midnight, inclusive). */
  readonly fromMs: number;
  readonly toMs: number;
  /** Leagues to replay (default params.sync.leagues). */
  readonly leagues?: readonly string[] | undefined;
  /** Earliest season of history pulled on the first day (default params.sync). */
  readonly fromSeason?: string | undefined;
  /** Retraining cron (UTC; default params.schedule.retrain). */
  readonly retrain?: string | undefined;
  /** Stop after this many days of this call (a kill, in tests). */
  readonly maxDays?: number | undefined;
  readonly onDay?: ((day: ReplayDay) => void) | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

export interface ReplayDay {
  readonly dayMs: number;
  /** 1-based index of the day in the whole window, and the window's length. */
  readonly index: number;
  readonly total: number;
  readonly retrained: boolean;
  readonly durationMs: number;
  readonly stages: readonly StageReport[];
}

export interface ReplayResult {
  /** Days run by this call (a resumed replay skips those already done). */
  readonly daysRun: number;
  /** The last day a previous, interrupted call had finished (ISO date), or null on a fresh start. */
  readonly resumedAfter: string | null;
  readonly finished: boolean;
  readonly record: TrackRecord;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** True when `pattern` fires in (afterMs, atMs]. */
function firesBetween(pattern: string, afterMs: number, atMs: number): boolean {
  return nextCronTime(pattern, new Date(afterMs)).getTime() <= atMs;
}

/** The params the replay runs with: the sync asks for the replayed leagues, from a stand-in that needs no pause. */
function replayParams(params: Params, leagues: readonly string[], fromSeason: string | undefined): Params {
  return {
    ...params,
    sync: {
      ...params.sync,
      leagues: [...leagues],
      ...(fromSeason === undefined ? {} : { from_season: fromSeason }),
      min_interval_ms: 0,
      backoff_ms: 10,
    },
  };
}

export async function runReplay(options: ReplayOptions): Promise<ReplayResult> {
  const { deps } = options;
  const leagues = options.leagues ?? deps.params.sync.leagues;
  const days = Math.floor((options.toMs - options.fromMs) / DAY_MS) + 1;
  if (days < 1) throw new ExpectedError('replay: --to is before --from');
  // One step per day at 00:00 UTC, and one more the morning after the last day to bring its results.
  const total = days + 1;
  const lastStep = isoDay(options.fromMs + days * DAY_MS);
  const retrain = options.retrain ?? deps.params.schedule.retrain;
  if (retrain === undefined) throw new ExpectedError('replay: params.yaml schedule.retrain is not set');
  const params = replayParams(deps.params, leagues, options.fromSeason);
  const clock = manualClock(options.fromMs);
  const pipeline = createPipeline({ ...deps, params, clock });
  const identity = { from: isoDay(options.fromMs), to: isoDay(options.toMs), leagues: [...leagues] };

  const saved = (await getJson(deps.store, REPLAY_PROGRESS_KEY, Progress).catch(() => null))?.value ?? null;
  const same =
    saved !== null &&
    saved.from === identity.from &&
    saved.to === identity.to &&
    saved.leagues.join(',') === identity.leagues.join(',');
  const firstIndex = same ? Math.round((Date.parse(saved.done) - options.fromMs) / DAY_MS) + 1 : 0;
  const resumedAfter = same ? saved.done : null;

  const provider = await startReplayProvider({
    dataDir: options.dataDir,
    leagues,
    ...(same && saved.port !== undefined ? { port: saved.port } : {}),
  });
  let daysRun = 0;
  try {
    for (let i = firstIndex; i < total; i++) {
      if (options.maxDays !== undefined && daysRun >= options.maxDays) break;
      const dayMs = options.fromMs + i * DAY_MS;
      clock.set(dayMs);
      provider.setNow(dayMs);
      const hasChampion = (await deps.registry.aliasVersion(deps.modelName, 'champion')) !== null;
      const retrained = !hasChampion || firesBetween(retrain, dayMs - DAY_MS, dayMs);
      const drift = deps.params.schedule.drift;
      const publish: StageName[] = [
        'batch_inference',
        'odds',
        'live_betting',
        ...(firesBetween(drift, dayMs - DAY_MS, dayMs) ? (['monitor_drift'] as const) : []),
      ];
      const t0 = performance.now();
      const run = (only: StageName[]) =>
        pipeline.run({
          only,
          now: new Date(dayMs),
          source: { kind: 'provider', url: provider.url },
          log: (line) => options.log?.(`${isoDay(dayMs)} ${line}`),
        });
      const stages: StageReport[] = [];
      if (retrained) {
        // The retrained model is promoted before it predicts: it serves from the day it was trained.
        stages.push(...(await run(['sync', 'features', 'train', 'evaluate', 'register'])));
        await promoteRetrained(deps, dayMs);
        stages.push(...(await run(publish)));
      } else {
        stages.push(...(await run(['sync', 'features', ...publish])));
      }
      await putJson(deps.store, REPLAY_PROGRESS_KEY, {
        ...identity,
        done: isoDay(dayMs),
        port: provider.port,
      });
      daysRun++;
      options.onDay?.({
        dayMs,
        index: i + 1,
        total,
        retrained,
        durationMs: performance.now() - t0,
        stages,
      });
    }
  } finally {
    await provider.close();
  }
  const done = (await getJson(deps.store, REPLAY_PROGRESS_KEY, Progress).catch(() => null))?.value;
  return {
    daysRun,
    resumedAfter,
    finished: done?.done === lastStep,
    record: await replayTrackRecord(deps, options.fromMs, options.toMs),
  };
}

/**
 * The replay stands for an operator who serves each model retrained on the schedule: the newly registered
 * candidate becomes champion through the registry (recorded with actor `replay`), as `models promote` would.
 */
async function promoteRetrained(deps: PipelineDeps, dayMs: number): Promise<void> {
  const candidate = await deps.registry.aliasVersion(deps.modelName, 'candidate');
  if (candidate === null) return;
  await deps.registry.promote({
    name: deps.modelName,
    version: candidate,
    alias: 'champion',
    actor: 'replay',
    reason: `replay: retrained on the schedule (virtual day ${isoDay(dayMs)})`,
    at: new Date(dayMs),
  });
}

/** The track record of the matches kicking off on the replayed days, from the prediction log and odds history. */
export async function replayTrackRecord(
  deps: PipelineDeps,
  fromMs: number,
  toMs: number,
): Promise<TrackRecord> {
  const input = await loadTrackRecordInput(deps.db, { from: new Date(fromMs), to: new Date(toMs + DAY_MS) });
  return trackRecord(input, trackRecordRulesOf(deps.params));
}
