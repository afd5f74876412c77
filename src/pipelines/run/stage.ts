/**
 * A pipeline stage as the runner sees it: what it reads (inputs, fingerprinted just before it would run), which
 * params it depends on, which artifacts it writes, and how to run it.
 */
import type { ArtifactStore } from '../../storage/artifact-store.ts';

export const STAGE_NAMES = [
  'sync',
  'ingest',
  'features',
  'train',
  'evaluate',
  'backtest',
  'register',
  'batch_inference',
  'odds',
  'live_betting',
  'monitor_drift',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export function isStageName(name: string): name is StageName {
  return (STAGE_NAMES as readonly string[]).includes(name);
}

export type MetricValue = number | string | boolean | null;

export interface StageOutcome {
  /** Recorded in the run row and shown in the progress line. */
  readonly metrics?: Readonly<Record<string, MetricValue>>;
  /** Recorded in the run row: artifact keys or registry references the stage produced. */
  readonly artifacts?: Readonly<Record<string, string>>;
  /**
   * What the stage left out that a person must fix (a rejected file, a malformed row), one line each: the run
   * goes on with the rest, and `matchcast pipeline run` exits 1 naming them.
   */
  readonly leftOut?: readonly string[];
}

export interface Stage<C> {
  readonly name: StageName;
  /**
   * Named fingerprints of everything the stage reads: upstream artifact etags, the data fingerprint of the
   * match and odds tables, the registry aliases, a clock bucket… A change in any of them re-runs the stage.
   */
  inputs(ctx: C): Promise<Readonly<Record<string, string>>>;
  /** The params the stage depends on (its params.yaml section). */
  params(ctx: C): unknown;
  /** Artifact keys the stage writes; a missing or replaced output re-runs it. */
  readonly outputs: readonly string[];
  run(ctx: C, runId: string): Promise<StageOutcome>;
}

/**
 * The etags of artifacts a stage reads, by input name ('none' for an absent one), for its inputs(): a stage's
 * run() reads no artifact whose etag is not among them (test/integration/pipeline-fingerprints.test.ts).
 */
export async function artifactEtags(
  store: ArtifactStore,
  keys: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const names = Object.keys(keys);
  const infos = await Promise.all(names.map((name) => store.head(keys[name] as string)));
  return Object.fromEntries(names.map((name, i) => [name, infos[i]?.etag ?? 'none']));
}
