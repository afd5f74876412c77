/** reports/drift/latest.json, checked to be an object whose drift_score is a number (or null). */
import { ArtifactShapeError } from './table-columns.ts';

export interface DriftSnapshot {
  readonly driftScore: number | null;
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
  return { driftScore: score, json: JSON.stringify(value) };
}
