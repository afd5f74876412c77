/**
 * What the API needs from the registry: the version a stage (alias) points at now. Answers are kept for a
 * couple of seconds so a burst of live predictions costs one registry query, not one each; an alias move is
 * seen within that time. While the registry cannot be reached, the last answer keeps serving (live
 * predictions go on with the cached champion through a database outage) and is asked for again each TTL.
 */
import type { ModelAlias } from '../../domain/model-signature.ts';
import { MODEL_ALIASES } from '../../domain/model-signature.ts';
import type { ModelRegistry, ModelVersion } from '../../registry/model-registry.ts';
import { type ApiError, apiError } from '../errors.ts';
import type { ModelHistory, ModelInfo } from '../schemas/predict.ts';

export interface ModelCatalog {
  readonly modelName: string;
  /** The version the stage points at, or null when no version holds it. */
  resolve(stage: ModelAlias): Promise<ModelVersion | null>;
  /** A version by number (versions never change, so each is asked for once); null when there is none. */
  version(version: number): Promise<ModelVersion | null>;
  info(stage: ModelAlias): Promise<ModelInfo | null>;
  /** Every alias move of the model, newest first. */
  history(): Promise<ModelHistory>;
  servedModels(): Promise<{ model_name: string; version: string; stage: string; created_at: string }[]>;
  /** The 400 for a stage no version holds, naming the stages held now. */
  notServed(stage: ModelAlias): Promise<ApiError>;
}

/** A recorded value as the text a param is (MLflow keeps params as strings). */
const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

/**
 * A version in the contract's shape, MLflow's: `metrics` are numbers and `params` texts. A metric recorded as a
 * text (the evaluation's `test_from`) is listed among the params; a structured one (the held-out reliability
 * table) only by `matchcast models show`.
 */
export function modelInfoOf(version: ModelVersion, stage: ModelAlias): ModelInfo {
  const metrics: Record<string, number> = {};
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(version.params)) params[name] = asText(value);
  for (const [name, value] of Object.entries(version.metrics)) {
    if (typeof value === 'number' && Number.isFinite(value)) metrics[name] = value;
    else if (typeof value === 'string' && !(name in params)) params[name] = value;
  }
  return {
    model_name: version.name,
    stage,
    version: String(version.version),
    run_id: version.runId,
    metrics,
    params,
    feature_names: [...version.signature.featureNames],
    created_at: version.createdAt.toISOString(),
  };
}

export interface ModelCatalogOptions {
  /** How long an answer is trusted (ms, default 2000). */
  readonly ttlMs?: number;
  /** Called once per outage when the registry cannot be reached and the last answer keeps serving. */
  readonly onRegistryUnreachable?: (error: unknown) => void;
}

export function createModelCatalog(
  registry: Pick<ModelRegistry, 'resolve' | 'history' | 'getVersion'>,
  modelName: string,
  options: ModelCatalogOptions = {},
): ModelCatalog {
  const ttlMs = options.ttlMs ?? 2000;
  const entries = new Map<ModelAlias, { at: number; value: Promise<ModelVersion | null> }>();
  /** stage → the last answer the registry gave */
  const known = new Map<ModelAlias, ModelVersion | null>();
  let down = false;
  const ask = async (stage: ModelAlias): Promise<ModelVersion | null> => {
    try {
      const version = await registry.resolve(modelName, stage);
      known.set(stage, version);
      down = false;
      return version;
    } catch (error) {
      if (!known.has(stage)) throw error;
      if (!down) options.onRegistryUnreachable?.(error);
      down = true;
      return known.get(stage) ?? null;
    }
  };
  const resolve = (stage: ModelAlias): Promise<ModelVersion | null> => {
    // Elapsed time for a cache, not a clock read.
    const now = performance.now();
    const entry = entries.get(stage);
    if (entry && now - entry.at < ttlMs) return entry.value;
    const value = ask(stage);
    entries.set(stage, { at: now, value });
    // A failed lookup with nothing known is not remembered: the next request asks again.
    value.catch(() => entries.delete(stage));
    return value;
  };
  // Bounded like any cache of client-chosen keys (task results name their version).
  const byNumber = new Map<number, ModelVersion>();
  const servedModels = async () => {
    const versions = await Promise.all(MODEL_ALIASES.map((stage) => resolve(stage)));
    return versions.flatMap((v, i) =>
      v
        ? [
            {
              model_name: v.name,
              version: String(v.version),
              stage: MODEL_ALIASES[i] as string,
              created_at: v.createdAt.toISOString(),
            },
          ]
        : [],
    );
  };
  return {
    modelName,
    resolve,
    async version(number) {
      const cached = byNumber.get(number);
      if (cached) return cached;
      const found = await registry.getVersion(modelName, number);
      if (found) {
        if (byNumber.size >= 64) byNumber.clear();
        byNumber.set(number, found);
      }
      return found;
    },
    async info(stage) {
      const version = await resolve(stage);
      return version ? modelInfoOf(version, stage) : null;
    },
    async history() {
      const entries = await registry.history(modelName);
      return [...entries]
        .sort((a, b) => b.id - a.id)
        .map((e) => ({
          alias: e.alias,
          from_version: e.fromVersion === null ? null : String(e.fromVersion),
          to_version: e.toVersion === null ? null : String(e.toVersion),
          actor: e.actor,
          reason: e.reason,
          at: e.at.toISOString(),
          rollback: e.rollback,
        }));
    },
    servedModels,
    async notServed(stage) {
      const held = (await servedModels()).map((m) => m.stage);
      return apiError(
        'STAGE_NOT_SERVED',
        `no model version is ${stage}; stages held now: ${held.length > 0 ? held.join(', ') : 'none'}`,
      );
    },
  };
}
