/**
 * The pipeline lock file (DVC's dvc.lock): per stage, the hashes of the inputs and params it last ran with and
 * the etags of the outputs it wrote. A stage whose inputs, params and outputs all still match is skipped.
 */
import { createHash } from 'node:crypto';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

/** Key of the lock file in the artifact store, beside the outputs it describes (shared by every replica). */
export const LOCK_FILE_KEY = 'pipeline/pipeline.lock.json';

export const StageLock = Type.Object({
  inputs_hash: Type.String(),
  params_hash: Type.String(),
  /** The inputs themselves, to show what changed. */
  inputs: Type.Record(Type.String(), Type.String()),
  /** Output key → etag when the stage finished. */
  outputs: Type.Record(Type.String(), Type.String()),
  run_id: Type.String(),
  completed_at: Type.String(),
  duration_ms: Type.Number(),
});
export type StageLock = Static<typeof StageLock>;

export const LockFile = Type.Object({
  version: Type.Literal(1),
  stages: Type.Record(Type.String(), StageLock),
});
export type LockFile = Static<typeof LockFile>;

export const EMPTY_LOCK: LockFile = { version: 1, stages: {} };

/** Why lock file text cannot be used (not JSON, not the lock's shape), or null when it can. */
export function lockFileProblem(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  const first = Value.Errors(LockFile, value)[0];
  return first ? `${first.instancePath || '/'} ${first.message}` : null;
}

/** Parses lock file text; anything unreadable counts as no lock (every stage then runs once). */
export function parseLockFile(text: string | null): LockFile {
  if (text === null) return EMPTY_LOCK;
  try {
    const value: unknown = JSON.parse(text);
    return Value.Check(LockFile, value) ? value : EMPTY_LOCK;
  } catch {
    return EMPTY_LOCK;
  }
}

/** JSON with object keys sorted at every depth, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function hashValue(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export type StaleReason = 'forced' | 'never ran' | 'inputs changed' | 'params changed' | 'outputs changed';

/**
 * Why a stage must run, or null when it can be skipped. `outputs` are the current etags of its declared
 * outputs (null = missing).
 */
export function staleReason(
  lock: StageLock | undefined,
  inputsHash: string,
  paramsHash: string,
  outputs: Readonly<Record<string, string | null>>,
  force: boolean,
): StaleReason | null {
  if (force) return 'forced';
  if (lock === undefined) return 'never ran';
  if (lock.inputs_hash !== inputsHash) return 'inputs changed';
  if (lock.params_hash !== paramsHash) return 'params changed';
  for (const [key, etag] of Object.entries(outputs)) {
    if (etag === null || lock.outputs[key] !== etag) return 'outputs changed';
  }
  return null;
}
