/**
 * Runs (MLflow's runs): one row per pipeline stage execution with its params, metrics, artifacts,
 * status and duration.
 *
 * @example
 *   const run = await runs.start({ experiment: 'pipeline', stage: 'train', params: { c: 1 } });
 *   await runs.finish(run.runId, { status: 'success', metrics: { log_loss: 0.98 } });
 */
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db.ts';
import { RunNotFoundError } from './registry-errors.ts';

export const RUN_STATUSES = ['running', 'success', 'failed', 'skipped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type JsonRecord = Readonly<Record<string, unknown>>;

export interface RunRecord {
  readonly runId: string;
  readonly experiment: string;
  readonly stage: string;
  readonly status: RunStatus;
  readonly params: JsonRecord;
  readonly metrics: JsonRecord;
  /** artifact name → key or URI */
  readonly artifacts: JsonRecord;
  readonly dataFingerprint: string | null;
  readonly error: string | null;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  /** null while running */
  readonly durationMs: number | null;
}

export interface StartRun {
  readonly experiment: string;
  readonly stage: string;
  readonly params?: JsonRecord;
  readonly dataFingerprint?: string | null;
  /** default: a random 32-hex id */
  readonly runId?: string;
}

export interface FinishRun {
  readonly status: Exclude<RunStatus, 'running'>;
  readonly metrics?: JsonRecord;
  readonly artifacts?: JsonRecord;
  readonly error?: string | null;
}

export interface RunRepository {
  start(run: StartRun): Promise<RunRecord>;
  /** Merges metrics and artifacts into what the run already has; throws RunNotFoundError. */
  finish(runId: string, result: FinishRun): Promise<RunRecord>;
  get(runId: string): Promise<RunRecord | null>;
  /**
   * Marks the experiment's runs still `running` as failed with `error`, and returns how many. Call it only where no
   * run of that experiment can be under way (the pipeline holds its lock): they are what a stopped process left.
   */
  closeAbandoned(experiment: string, error: string): Promise<number>;
  /**
   * When each stage of the experiment last succeeded or was found up to date (its latest `success` or `skipped`
   * run's end); stages that never did are left out.
   */
  lastSuccesses(experiment: string): Promise<ReadonlyMap<string, Date>>;
  /** Newest first. */
  list(filter?: {
    readonly stage?: string;
    readonly experiment?: string;
    readonly limit?: number;
  }): Promise<RunRecord[]>;
}

interface RunRow {
  [column: string]: unknown;
  run_id: string;
  experiment: string;
  stage: string;
  status: RunStatus;
  params: JsonRecord;
  metrics: JsonRecord;
  artifacts: JsonRecord;
  data_fingerprint: string | null;
  error: string | null;
  started_at: Date;
  ended_at: Date | null;
}

const COLUMNS =
  'run_id, experiment, stage, status, params, metrics, artifacts, data_fingerprint, error, started_at, ended_at';

// $1 run_id, $2 experiment, $3 stage, $4 params, $5 data_fingerprint
const INSERT_RUN = `INSERT INTO runs (run_id, experiment, stage, status, params, data_fingerprint)
  VALUES ($1, $2, $3, 'running', $4::jsonb, $5) RETURNING ${COLUMNS}`;
// $1 run_id, $2 status, $3 metrics, $4 artifacts, $5 error
const FINISH_RUN = `UPDATE runs SET status = $2, metrics = metrics || $3::jsonb, artifacts = artifacts || $4::jsonb,
  error = $5, ended_at = now() WHERE run_id = $1 RETURNING ${COLUMNS}`;
// $1 experiment, $2 error
const CLOSE_ABANDONED = `UPDATE runs SET status = 'failed', error = $2, ended_at = now()
  WHERE status = 'running' AND experiment = $1 RETURNING run_id`;
// $1 run_id
const SELECT_RUN = `SELECT ${COLUMNS} FROM runs WHERE run_id = $1`;
// $1 experiment
const LAST_SUCCESSES = `SELECT stage, max(ended_at) AS at FROM runs
  WHERE experiment = $1 AND status IN ('success', 'skipped') AND ended_at IS NOT NULL
  GROUP BY stage`;
// $1 stage or null, $2 experiment or null, $3 limit
const LIST_RUNS = `SELECT ${COLUMNS} FROM runs
  WHERE ($1::text IS NULL OR stage = $1) AND ($2::text IS NULL OR experiment = $2)
  ORDER BY started_at DESC, run_id LIMIT $3`;

function toRecord(row: RunRow): RunRecord {
  return {
    runId: row.run_id,
    experiment: row.experiment,
    stage: row.stage,
    status: row.status,
    params: row.params,
    metrics: row.metrics,
    artifacts: row.artifacts,
    dataFingerprint: row.data_fingerprint,
    error: row.error,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationMs: row.ended_at ? row.ended_at.getTime() - row.started_at.getTime() : null,
  };
}

export function createRunRepository(db: Queryable | Db): RunRepository {
  return {
    async start(run) {
      const [row] = await db.query<RunRow>(INSERT_RUN, [
        run.runId ?? randomUUID().replaceAll('-', ''),
        run.experiment,
        run.stage,
        JSON.stringify(run.params ?? {}),
        run.dataFingerprint ?? null,
      ]);
      if (!row) throw new Error('INSERT INTO runs returned no row');
      return toRecord(row);
    },
    async finish(runId, result) {
      const [row] = await db.query<RunRow>(FINISH_RUN, [
        runId,
        result.status,
        JSON.stringify(result.metrics ?? {}),
        JSON.stringify(result.artifacts ?? {}),
        result.error ?? null,
      ]);
      if (!row) throw new RunNotFoundError(runId);
      return toRecord(row);
    },
    async closeAbandoned(experiment, error) {
      return (await db.query(CLOSE_ABANDONED, [experiment, error])).length;
    },
    async lastSuccesses(experiment) {
      const rows = await db.query<{ stage: string; at: Date }>(LAST_SUCCESSES, [experiment]);
      return new Map(rows.map((row) => [row.stage, row.at]));
    },
    async get(runId) {
      const [row] = await db.query<RunRow>(SELECT_RUN, [runId]);
      return row ? toRecord(row) : null;
    },
    async list(filter = {}) {
      const rows = await db.query<RunRow>(LIST_RUNS, [
        filter.stage ?? null,
        filter.experiment ?? null,
        filter.limit ?? 100,
      ]);
      return rows.map(toRecord);
    },
  };
}
