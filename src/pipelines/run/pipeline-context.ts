/**
 * Everything a stage needs, built once per pipeline run: database, artifact store, registry, params, the clock
 * and where the ingest stage gets its data. Also a per-run memo of the feature table, so stages that need it
 * compute it once, and what a pipeline keeps from one run to the next.
 */
import type { Params } from '../../config/params.ts';
import type { Db } from '../../db/db.ts';
import type { ModelRegistry } from '../../registry/model-registry.ts';
import type { RunRepository } from '../../registry/run-repository.ts';
import type { ArtifactStore } from '../../storage/artifact-store.ts';

/**
 * Where matches come from: the demo simulator played forward, football-data CSV paths (both by `ingest`), the
 * provider at a base URL (pulled by `sync`, remembered by `matchcast sync`), or nothing.
 */
export type IngestSource =
  | DemoSource
  | { readonly kind: 'football-data'; readonly paths: readonly string[] }
  | {
      readonly kind: 'provider';
      readonly url: string;
      /** What the last `matchcast sync` was asked for instead of params.yaml (`--leagues`, `--from-season`). */
      readonly leagues?: readonly string[];
      readonly fromSeason?: string;
    }
  | { readonly kind: 'none' };

export interface DemoSource {
  readonly kind: 'demo';
  readonly seed: number;
  /** Years of history before the world's first day (default DEMO_HISTORY_YEARS; fewer in fast tests). */
  readonly historyYears?: number;
}

/**
 * A stage's progress line. `warn` marks one a person should read even when progress is hidden (a file left out,
 * a provider's refusal); the line says so in its words too, for the consumers that print lines as they are.
 */
export type StageLog = (line: string, level?: 'warn') => void;

export interface PipelineContext {
  readonly db: Db;
  readonly store: ArtifactStore;
  readonly registry: ModelRegistry;
  readonly runs: RunRepository;
  readonly params: Params;
  readonly modelName: string;
  readonly source: IngestSource;
  /** The pipeline's "now": decides which matches are upcoming. Fixed for one run. */
  readonly now: Date;
  /** One progress line (stage internals: "predicted 312 upcoming matches"). */
  readonly log: StageLog;
  /** Per-run memo of expensive shared values, keyed by what they depend on. */
  readonly memo: Map<string, unknown>;
  /**
   * Kept across the runs of one pipeline (one process): the feature builder's checkpoint and the incremental reads'
   * previous results (`carriedOver`), so the next run computes only what changed. Values here are checked against
   * the run's own data before use.
   */
  readonly lasting: Map<string, unknown>;
}

/**
 * `next` of what the previous run of this process kept under `key` (null on the first run), kept in turn for the
 * next run (ADR 0013).
 */
export async function carriedOver<T>(
  ctx: PipelineContext,
  key: string,
  next: (previous: T | null) => T | Promise<T>,
): Promise<T> {
  const value = await next((ctx.lasting.get(key) as T | undefined) ?? null);
  ctx.lasting.set(key, value);
  return value;
}

/** Memoises `compute` under `key` for the rest of the run. */
export async function memoised<T>(ctx: PipelineContext, key: string, compute: () => Promise<T>): Promise<T> {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = await compute();
  ctx.memo.set(key, value);
  return value;
}
