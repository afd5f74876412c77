/**
 * The Matchcast pipeline: its stages in order, and one entry point that builds the stage context and runs them
 * (from the CLI, the scheduler and `start`). Runs never overlap: within a process they queue; across processes
 * on a PostgreSQL server an advisory lock makes a second run wait its turn.
 *
 * @example
 *   const pipeline = createPipeline({ db, store, registry, runs, params, modelName });
 *   await pipeline.run({ only: ['batch_inference'], onEvent: print });
 */
import { holdTransactionLock, LOCK_KEYS } from '../../db/advisory-lock.ts';
import { type Clock, systemClock } from '../../domain/clock.ts';
import { backtestStage } from '../stages/backtest-stage.ts';
import { batchInferenceStage } from '../stages/batch-inference-stage.ts';
import { evaluateStage } from '../stages/evaluate-stage.ts';
import { featuresStage } from '../stages/features-stage.ts';
import { ingestStage } from '../stages/ingest-stage.ts';
import { liveBettingStage } from '../stages/live-betting-stage.ts';
import { monitorDriftStage } from '../stages/monitor-drift-stage.ts';
import { oddsStage } from '../stages/odds-stage.ts';
import { registerStage } from '../stages/register-stage.ts';
import { syncStage } from '../stages/sync-stage.ts';
import { trainStage } from '../stages/train-stage.ts';
import { readIngestSource } from './ingest-source-store.ts';
import type { IngestSource, PipelineContext, StageLog } from './pipeline-context.ts';
import type { PipelineMetrics } from './pipeline-metrics.ts';
import { PIPELINE_EXPERIMENT, runPipeline, type StageEvent, type StageReport } from './runner.ts';
import type { Stage, StageName } from './stage.ts';

export const PIPELINE_STAGES: readonly Stage<PipelineContext>[] = [
  syncStage,
  ingestStage,
  featuresStage,
  trainStage,
  evaluateStage,
  backtestStage,
  registerStage,
  batchInferenceStage,
  oddsStage,
  liveBettingStage,
  monitorDriftStage,
];

/** The services every run's context is made of, and how the pipeline runs. */
export interface PipelineDeps
  extends Pick<PipelineContext, 'db' | 'store' | 'registry' | 'runs' | 'params' | 'modelName'> {
  /** Where each run's "now" comes from (default the system clock; a replay's virtual day). */
  readonly clock?: Clock | undefined;
  /** Stage list override (tests). */
  readonly stages?: readonly Stage<PipelineContext>[];
  /** Fed every stage event of every run. */
  readonly metrics?: PipelineMetrics | undefined;
}

export interface PipelineRunOptions {
  readonly only?: readonly StageName[] | undefined;
  readonly force?: boolean | undefined;
  /** Default: the source remembered in the store (see ingest-source-store.ts). */
  readonly source?: IngestSource | undefined;
  /** The run's "now" (default: the deps' clock). */
  readonly now?: Date | undefined;
  readonly onEvent?: ((event: StageEvent) => void) | undefined;
  readonly log?: StageLog | undefined;
  /** Stops the run between stages (shutdown). */
  readonly signal?: AbortSignal | undefined;
}

export interface Pipeline {
  run(options?: PipelineRunOptions): Promise<StageReport[]>;
  /** True while a run is in progress in this process. */
  busy(): boolean;
}

/** The error of a run row a stopped process (Ctrl-C, a crash, a killed pod) left `running`. */
const ABANDONED = 'interrupted: the process stopped before this run finished';

export function createPipeline(deps: PipelineDeps): Pipeline {
  let tail: Promise<unknown> = Promise.resolve();
  let running = 0;
  const clock = deps.clock ?? systemClock;
  const lasting = new Map<string, unknown>();

  const runOnce = async (options: PipelineRunOptions): Promise<StageReport[]> => {
    const context: PipelineContext = {
      db: deps.db,
      store: deps.store,
      registry: deps.registry,
      runs: deps.runs,
      params: deps.params,
      modelName: deps.modelName,
      source: options.source ?? (await readIngestSource(deps.store)),
      now: options.now ?? new Date(clock.nowMs()),
      log: options.log ?? (() => {}),
      memo: new Map(),
      lasting,
    };
    // No other run can be under way here (this process runs one at a time; across processes the lock below, or
    // the embedded database's folder lock): a run row still `running` is one a stopped process left.
    const closeAbandoned = async () => {
      const left = await deps.runs.closeAbandoned(PIPELINE_EXPERIMENT, ABANDONED);
      if (left > 0) context.log(`${left} run(s) left running by a stopped process marked failed`);
    };
    const go = async () => {
      await closeAbandoned();
      return runPipeline({
        runs: deps.runs,
        store: deps.store,
        stages: deps.stages ?? PIPELINE_STAGES,
        context,
        clock,
        only: options.only,
        force: options.force,
        onEvent: (event) => {
          deps.metrics?.observe(event);
          options.onEvent?.(event);
        },
        signal: options.signal,
      });
    };
    if (deps.db.driver !== 'postgres') return go();
    // The lock lives in a transaction on its own pooled connection; the stages use the pool's others.
    return deps.db.transaction(async (tx) => {
      await holdTransactionLock(tx, LOCK_KEYS.pipelineRuns);
      return go();
    });
  };

  return {
    run(options = {}) {
      running++;
      const result = tail.then(() => runOnce(options));
      tail = result.catch(() => undefined);
      return result.finally(() => {
        running--;
      });
    },
    busy: () => running > 0,
  };
}
