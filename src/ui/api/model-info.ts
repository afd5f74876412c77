/** GET /predict/model/info?stage=…: one registered model version behind an alias. */
import { asArray, asObject, type Json, str, strOrNull } from './decode.ts';

export interface ModelInfo {
  readonly modelName: string;
  readonly stage: string;
  readonly version: string;
  readonly runId: string | null;
  /** Numeric metrics only; anything else the registry stores is shown as text. */
  readonly metrics: Readonly<Record<string, number | string>>;
  readonly params: Readonly<Record<string, string>>;
  readonly featureNames: readonly string[];
  readonly createdAt: string;
}

function scalarRecord(o: Json): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(o)) out[k] = typeof v === 'number' ? v : JSON.stringify(v);
  return out;
}

export function decodeModelInfo(value: unknown): ModelInfo {
  const o = asObject(value, 'model');
  const version = o.version;
  return {
    modelName: str(o, 'model_name', 'model'),
    stage: str(o, 'stage', 'model'),
    version: typeof version === 'number' ? String(version) : str(o, 'version', 'model'),
    runId: strOrNull(o, 'run_id', 'model'),
    metrics: scalarRecord(asObject(o.metrics ?? {}, 'model.metrics')),
    params: Object.fromEntries(
      Object.entries(scalarRecord(asObject(o.params ?? {}, 'model.params'))).map(([k, v]) => [
        k,
        typeof v === 'number' ? String(v) : v,
      ]),
    ),
    featureNames: asArray(o.feature_names ?? [], 'model.feature_names').map((f, i) => {
      if (typeof f !== 'string') throw new Error(`unexpected API data at model.feature_names[${i}]`);
      return f;
    }),
    createdAt: str(o, 'created_at', 'model'),
  };
}
