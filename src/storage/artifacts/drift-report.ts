/**
 * reports/drift/latest.json (and its dated copies): the shape monitor_drift writes, which the API documents, and
 * the lenient read the API serves it through (an object whose drift_score is a number or null: reports written
 * before a field existed still serve).
 */
import { type Static, Type } from 'typebox';
import { ArtifactShapeError } from './table-columns.ts';

export const FeatureDrift = Type.Object({
  feature: Type.String(),
  psi: Type.Number({ description: 'population stability index, current against reference' }),
  ks_statistic: Type.Number(),
  ks_pvalue: Type.Number(),
  drifted: Type.Boolean({
    description: 'psi at or above thresholds.psi, or ks_pvalue below thresholds.ks_pvalue',
  }),
});
export type FeatureDrift = Static<typeof FeatureDrift>;

const Window = {
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  n: Type.Integer({ description: 'matches in the window' }),
};

export const DriftReport = Type.Object({
  drift_score: Type.Number({ description: 'share of the watched features that drifted' }),
  generated_at: Type.String({ format: 'date-time' }),
  model_name: Type.String(),
  model_version: Type.Union([Type.Integer(), Type.Null()]),
  reference: Type.Object({
    ...Window,
    same_days_of_year: Type.Optional(
      Type.Boolean({ description: "only the window's matches on the current window's days of the year" }),
    ),
  }),
  current: Type.Object(Window),
  thresholds: Type.Optional(
    Type.Object(
      { psi: Type.Number(), ks_pvalue: Type.Number() },
      { description: 'the rule `drifted` applied' },
    ),
  ),
  features: Type.Array(FeatureDrift),
  performance: Type.Object({
    rolling_log_loss: Type.Union([Type.Number(), Type.Null()], {
      description: "the champion's mean log loss on recently finished matches it predicted before kick-off",
    }),
    validation_log_loss: Type.Union([Type.Number(), Type.Null()]),
    n: Type.Integer(),
  }),
});
export type DriftReport = Static<typeof DriftReport>;

export interface DriftSnapshot {
  readonly driftScore: number | null;
  /** The champion's mean log loss on recently finished matches it predicted before kick-off; null without any. */
  readonly rollingLogLoss: number | null;
  readonly modelName: string | null;
  /** The report as written, re-serialised once. */
  readonly json: string;
}

export function parseDriftReport(body: Buffer): DriftSnapshot {
  const value: unknown = JSON.parse(body.toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ArtifactShapeError('the drift report is not a JSON object');
  const score = (value as { drift_score?: unknown }).drift_score;
  if (score !== null && (typeof score !== 'number' || !Number.isFinite(score)))
    throw new ArtifactShapeError('drift_score is not a number');
  const { performance, model_name: modelName } = value as {
    performance?: { rolling_log_loss?: unknown };
    model_name?: unknown;
  };
  const loss = performance?.rolling_log_loss;
  return {
    driftScore: score,
    rollingLogLoss: typeof loss === 'number' && Number.isFinite(loss) ? loss : null,
    modelName: typeof modelName === 'string' ? modelName : null,
    json: JSON.stringify(value),
  };
}
