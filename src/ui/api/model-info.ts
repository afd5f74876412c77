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
  /** Held-out scores of the version's recipe. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Texts, as the API serves them (`trained_until`, `test_from`, …). */
  readonly params: Readonly<Record<string, string>>;
  readonly featureNames: readonly string[];
  readonly createdAt: string;
}

/** The entries of `o` whose values pass `keep` (the API serves metrics as numbers and params as texts). */
function entriesOf<T>(o: Json, keep: (v: unknown) => v is T): Record<string, T> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, T] => keep(e[1])));
}

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isText = (v: unknown): v is string => typeof v === 'string';

export function decodeModelInfo(value: unknown): ModelInfo {
  const o = asObject(value, 'model');
  return {
    modelName: str(o, 'model_name', 'model'),
    stage: str(o, 'stage', 'model'),
    version: str(o, 'version', 'model'),
    runId: strOrNull(o, 'run_id', 'model'),
    metrics: entriesOf(asObject(o.metrics ?? {}, 'model.metrics'), isNumber),
    params: entriesOf(asObject(o.params ?? {}, 'model.params'), isText),
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

/** The model behind an alias; "nothing registered" (400/404, docs/api.md) is a normal state, not an error. */
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
