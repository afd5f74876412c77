/**
 * Runs pipeline stages in order, skipping those whose inputs, params and outputs match the lock file (DVC's
 * `repro`). Each stage run is a row in `runs`; the lock entry of a stage is written only after it succeeds, so a
 * failure leaves the earlier stages' outputs and lock entries intact and the next run resumes from the failure.
 */
import { type Clock, systemClock } from '../../domain/clock.ts';
import type { RunRepository } from '../../registry/run-repository.ts';
import type { ArtifactStore } from '../../storage/artifact-store.ts';
import {
  hashValue,
  LOCK_FILE_KEY,
  type LockFile,
  parseLockFile,
  type StaleReason,
  staleReason,
} from './lock-file.ts';
import type { Stage, StageName, StageOutcome } from './stage.ts';

export const PIPELINE_EXPERIMENT = 'pipeline';
/** The input name under which a stage reports the data fingerprint it read; copied into its run row. */
export const DATA_FINGERPRINT_INPUT = 'data';

export type StageEvent =
  | { readonly type: 'start'; readonly stage: StageName; readonly index: number; readonly total: number }
  | {
      readonly type: 'skipped';
      readonly stage: StageName;
      readonly index: number;
      readonly total: number;
      readonly runId: string;
    }
  | {
      readonly type: 'ran';
      readonly stage: StageName;
      readonly index: number;
      readonly total: number;
      readonly runId: string;
      readonly reason: StaleReason;
      readonly durationMs: number;
      readonly outcome: StageOutcome;
    }
  | {
      readonly type: 'failed';
      readonly stage: StageName;
      readonly index: number;
      readonly total: number;
      readonly runId: string;
      readonly durationMs: number;
      readonly error: Error;
    };

export interface StageReport {
  readonly stage: StageName;
  readonly status: 'ran' | 'skipped' | 'failed';
  readonly runId: string;
  readonly durationMs: number;
  readonly reason: StaleReason | null;
  readonly outcome: StageOutcome | null;
}

export interface RunOptions<C> {
  readonly runs: RunRepository;
  readonly store: ArtifactStore;
  readonly stages: readonly Stage<C>[];
  readonly context: C;
  /** Only these stages (in pipeline order); default all. */
  readonly only?: readonly StageName[] | undefined;
  /** Run even when nothing changed. */
  readonly force?: boolean | undefined;
  readonly onEvent?: ((event: StageEvent) => void) | undefined;
  /** Aborted: no further stage starts (the one running finishes); resolves with the reports so far. */
  readonly signal?: AbortSignal | undefined;
  readonly clock?: Clock | undefined;
}

/** A stage threw: the pipeline stopped there. Earlier outputs are untouched. */
export class StageFailedError extends Error {
  override readonly name = 'StageFailedError';
  constructor(
    readonly stage: StageName,
    readonly runId: string,
    readonly reports: readonly StageReport[],
    override readonly cause: Error,
  ) {
    super(`stage ${stage} failed (run ${runId}): ${cause.message}`);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

async function outputEtags(
  store: ArtifactStore,
  keys: readonly string[],
): Promise<Record<string, string | null>> {
  const entries = await Promise.all(keys.map(async (key) => [key, (await store.head(key))?.etag ?? null]));
  return Object.fromEntries(entries);
}

async function readLock(store: ArtifactStore): Promise<LockFile> {
  const object = await store.get(LOCK_FILE_KEY);
  return parseLockFile(object ? object.body.toString('utf8') : null);
}

/** Runs the pipeline; resolves with one report per selected stage, or rejects with StageFailedError. */
export async function runPipeline<C>(options: RunOptions<C>): Promise<StageReport[]> {
  const { runs, store, context } = options;
  const clock = options.clock ?? systemClock;
  const selected = options.stages.filter((s) => options.only === undefined || options.only.includes(s.name));
  const reports: StageReport[] = [];
  for (const [i, stage] of selected.entries()) {
    if (options.signal?.aborted) break;
    const index = i + 1;
    const total = selected.length;
    options.onEvent?.({ type: 'start', stage: stage.name, index, total });
    const params = (stage.params(context) ?? {}) as Readonly<Record<string, unknown>>;
    const paramsHash = hashValue(params);
    let inputs: Readonly<Record<string, string>>;
    try {
      inputs = await stage.inputs(context);
    } catch (error) {
      const { runId } = await runs.start({ experiment: PIPELINE_EXPERIMENT, stage: stage.name, params });
      return recordFailure(
        options,
        stage.name,
        runId,
        asError(error),
        reports,
        index,
        total,
        performance.now(),
      );
    }
    const inputsHash = hashValue(inputs);
    // Read per stage: a scheduled job may have run other stages since this run began.
    const lock = await readLock(store);
    const reason = staleReason(
      lock.stages[stage.name],
      inputsHash,
      paramsHash,
      await outputEtags(store, stage.outputs),
      options.force === true,
    );
    const { runId } = await runs.start({
      experiment: PIPELINE_EXPERIMENT,
      stage: stage.name,
      params,
      dataFingerprint: inputs[DATA_FINGERPRINT_INPUT] ?? null,
    });
    if (reason === null) {
      await runs.finish(runId, { status: 'skipped' });
      reports.push({ stage: stage.name, status: 'skipped', runId, durationMs: 0, reason, outcome: null });
      options.onEvent?.({ type: 'skipped', stage: stage.name, index, total, runId });
      continue;
    }
    const t0 = performance.now();
    let outcome: StageOutcome;
    try {
      outcome = await stage.run(context, runId);
    } catch (error) {
      return recordFailure(options, stage.name, runId, asError(error), reports, index, total, t0);
    }
    const durationMs = performance.now() - t0;
    await runs.finish(runId, {
      status: 'success',
      metrics: { ...outcome.metrics, duration_ms: Math.round(durationMs) },
      artifacts: outcome.artifacts ?? {},
    });
    const outputs = await outputEtags(store, stage.outputs);
    const entry = {
      inputs_hash: inputsHash,
      params_hash: paramsHash,
      inputs: { ...inputs },
      outputs: Object.fromEntries(
        Object.entries(outputs).filter((e): e is [string, string] => e[1] !== null),
      ),
      run_id: runId,
      completed_at: new Date(clock.nowMs()).toISOString(),
      duration_ms: Math.round(durationMs),
    };
    const latest = await readLock(store);
    const next: LockFile = { version: 1, stages: { ...latest.stages, [stage.name]: entry } };
    await store.put(LOCK_FILE_KEY, `${JSON.stringify(next, null, 2)}\n`);
    reports.push({ stage: stage.name, status: 'ran', runId, durationMs, reason, outcome });
    options.onEvent?.({ type: 'ran', stage: stage.name, index, total, runId, reason, durationMs, outcome });
  }
  return reports;
}

async function recordFailure<C>(
  options: RunOptions<C>,
  stage: StageName,
  runId: string,
  error: Error,
  reports: StageReport[],
  index: number,
  total: number,
  t0: number,
): Promise<never> {
  const durationMs = performance.now() - t0;
  await options.runs.finish(runId, {
    status: 'failed',
    metrics: { duration_ms: Math.round(durationMs) },
    error: error.stack ?? error.message,
  });
  const failed = { stage, status: 'failed', runId, durationMs, reason: null, outcome: null } as const;
  reports.push(failed);
  options.onEvent?.({ type: 'failed', stage, index, total, runId, durationMs, error });
  throw new StageFailedError(stage, runId, reports, error);
}
