/** reports/drift/latest.json, checked to be an object whose drift_score is a number (or null). */
import { ArtifactShapeError } from './table-columns.ts';

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
