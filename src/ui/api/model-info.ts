/** GET /predict/model/info?stage=…: one registered model version behind an alias. */
import { MODEL_ALIASES, type ModelAlias } from '../../domain/model-signature.ts';
import { type ApiClient, ApiError } from './client.ts';
import { asArray, asObject, DecodeError, type Json, str, strOrNull } from './decode.ts';
import { decodeModelHistory, type PromotionEntry } from './model-history.ts';

export interface ModelInfo {
  readonly modelName: string;
  readonly stage: string;
  readonly version: string;
  readonly runId: string | null;
  /** Numbers and short texts; structured values (tables, curves) are only named in `structuredMetrics`. */
  readonly metrics: Readonly<Record<string, number | string>>;
  readonly structuredMetrics: readonly string[];
  readonly params: Readonly<Record<string, string>>;
  readonly featureNames: readonly string[];
  readonly createdAt: string;
}

/** Longer texts and nested values would swamp the comparison table. */
const MAX_TEXT = 60;

function scalar(v: unknown): number | string | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.length <= MAX_TEXT ? v : null;
  if (typeof v === 'boolean' || v === null) return String(v);
  const text = JSON.stringify(v);
  return text.length <= MAX_TEXT ? text : null;
}

function split(o: Json): { scalars: Record<string, number | string>; structured: string[] } {
  const scalars: Record<string, number | string> = {};
  const structured: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    const s = scalar(v);
    if (s === null) structured.push(k);
    else scalars[k] = s;
  }
  return { scalars, structured };
}

export function decodeModelInfo(value: unknown): ModelInfo {
  const o = asObject(value, 'model');
  const version = o.version;
  const metrics = split(asObject(o.metrics ?? {}, 'model.metrics'));
  const params = split(asObject(o.params ?? {}, 'model.params'));
  return {
    modelName: str(o, 'model_name', 'model'),
    stage: str(o, 'stage', 'model'),
    version: typeof version === 'number' ? String(version) : str(o, 'version', 'model'),
    runId: strOrNull(o, 'run_id', 'model'),
    metrics: metrics.scalars,
    structuredMetrics: metrics.structured,
    params: Object.fromEntries(Object.entries(params.scalars).map(([k, v]) => [k, String(v)])),
    featureNames: asArray(o.feature_names ?? [], 'model.feature_names').map((f, i) => {
      if (typeof f !== 'string') throw new DecodeError(`model.feature_names[${i}]`, 'string');
      return f;
    }),
    createdAt: str(o, 'created_at', 'model'),
  };
}

/** Every alias the registry has, in the order the model view shows them. */
export const MODEL_STAGES = MODEL_ALIASES;
export type ModelStage = ModelAlias;

export type StageInfo =
  | { readonly kind: 'model'; readonly info: ModelInfo }
  | { readonly kind: 'absent'; readonly reason: string };

/** The model of a held alias, else null. */
export const infoOf = (stage: StageInfo): ModelInfo | null => (stage.kind === 'model' ? stage.info : null);

/** The model behind an alias; "nothing registered" (400/404, DESIGN §9) is a normal state, not an error. */
function loadModelStage(client: ApiClient, stage: ModelStage): Promise<StageInfo> {
  return client.get(`/predict/model/info?stage=${stage}`, decodeModelInfo).then(
    (info): StageInfo => ({ kind: 'model', info }),
    (e: unknown): StageInfo => {
      if (e instanceof ApiError && (e.status === 400 || e.status === 404))
        return { kind: 'absent', reason: e.message };
      throw e;
    },
  );
}

/**
 * The aliases some version holds. The registry moves an alias only with a history entry and never removes one,
 * so an alias absent from the history holds nothing.
 */
export function heldStages(history: readonly PromotionEntry[]): ModelStage[] {
  return MODEL_STAGES.filter((stage) => history.some((entry) => entry.alias === stage));
}

/** The promotion history (newest first) and the model behind each alias. */
export interface RegisteredModels {
  readonly history: readonly PromotionEntry[];
  readonly stages: Readonly<Record<ModelStage, StageInfo>>;
}

/** A stage that holds a model, with it. */
export interface RegisteredStage {
  readonly stage: ModelStage;
  readonly info: ModelInfo;
}

/** The stages that have a model, in MODEL_STAGES order. */
export function registeredStages(stages: Readonly<Record<ModelStage, StageInfo>>): RegisteredStage[] {
  return MODEL_STAGES.flatMap((stage) => {
    const info = infoOf(stages[stage]);
    return info === null ? [] : [{ stage, info }];
  });
}

/**
 * The history first, then only the aliases it says are held: asking for one nobody holds is a 400 the browser
 * logs as an error on every fresh install.
 */
export async function loadRegisteredModels(client: ApiClient): Promise<RegisteredModels> {
  const history = await client.get('/predict/model/history', decodeModelHistory);
  const held = new Set(heldStages(history));
  const load = (stage: ModelStage): Promise<StageInfo> =>
    held.has(stage)
      ? loadModelStage(client, stage)
      : Promise.resolve({ kind: 'absent', reason: `no model version is ${stage}` });
  const [champion, challenger, candidate] = await Promise.all([
    load('champion'),
    load('challenger'),
    load('candidate'),
  ]);
  return { history, stages: { champion, challenger, candidate } };
}

/** The query key every view shares for `loadRegisteredModels`. */
export const REGISTERED_MODELS = 'registered-models';
