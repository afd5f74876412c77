/** Pipeline stage runs as rows of `runs` (DESIGN §4): one per stage run, skipped ones included. */
import type { Db } from '../db/db.ts';

export type RunStatus = 'running' | 'success' | 'failed' | 'skipped';

export interface RunRow {
  readonly run_id: string;
  readonly experiment: string;
  readonly stage: string;
  readonly status: RunStatus;
  readonly params: Record<string, unknown>;
  readonly metrics: Record<string, unknown>;
  readonly artifacts: Record<string, unknown>;
  readonly data_fingerprint: string | null;
  readonly error: string | null;
  readonly started_at: Date;
  readonly ended_at: Date | null;
}

// $1 run_id, $2 experiment, $3 stage, $4 status, $5 params, $6 data_fingerprint, $7 started_at
const INSERT_RUN = `
  INSERT INTO runs (run_id, experiment, stage, status, params, data_fingerprint, started_at)
  VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`;

// $1 run_id, $2 status, $3 metrics, $4 artifacts, $5 error, $6 ended_at
const FINISH_RUN = `
  UPDATE runs SET status = $2, metrics = $3::jsonb, artifacts = $4::jsonb, error = $5, ended_at = $6
  WHERE run_id = $1`;

// $1 stage (or null for all), $2 limit
const SELECT_RECENT_RUNS = `
  SELECT run_id, experiment, stage, status, params, metrics, artifacts, data_fingerprint, error, started_at,
         ended_at
  FROM runs WHERE $1::text IS NULL OR stage = $1
  ORDER BY started_at DESC LIMIT $2`;

export interface StartRun {
  readonly runId: string;
  readonly experiment: string;
  readonly stage: string;
  readonly status: 'running' | 'skipped';
  readonly params: unknown;
  readonly dataFingerprint: string | null;
  readonly startedAt: Date;
}

export async function insertRun(db: Db, run: StartRun): Promise<void> {
  await db.query(INSERT_RUN, [
    run.runId,
    run.experiment,
    run.stage,
    run.status,
    JSON.stringify(run.params ?? {}),
    run.dataFingerprint,
    run.startedAt,
  ]);
}

export interface FinishRun {
  readonly runId: string;
  readonly status: 'success' | 'failed' | 'skipped';
  readonly metrics: unknown;
  readonly artifacts: unknown;
  readonly error: string | null;
  readonly endedAt: Date;
}

export async function finishRun(db: Db, run: FinishRun): Promise<void> {
  await db.query(FINISH_RUN, [
    run.runId,
    run.status,
    JSON.stringify(run.metrics ?? {}),
    JSON.stringify(run.artifacts ?? {}),
    run.error,
    run.endedAt,
  ]);
}

export async function recentRuns(db: Db, stage: string | null, limit: number): Promise<RunRow[]> {
  return db.query<RunRow & Record<string, unknown>>(SELECT_RECENT_RUNS, [stage, limit]);
}
