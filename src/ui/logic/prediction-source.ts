/**
 * Where a published probability came from, and whether it may be scored. Only predictions that no model
 * could have fitted on the result count for right/wrong marks, ROI and calibration: walk-forward backtest
 * rows (each period predicted by a model trained on earlier data) and predictions logged before kick-off.
 */
export const PREDICTION_SOURCES = ['forecast', 'backtest', 'before_kickoff', 'after_kickoff'] as const;
export type PredictionSource = (typeof PREDICTION_SOURCES)[number];

export const SOURCE_LABELS: Readonly<Record<PredictionSource, string>> = {
  forecast: 'forecast (match not finished)',
  backtest: 'walk-forward backtest',
  before_kickoff: 'logged before kick-off',
  after_kickoff: 'computed after kick-off — not scored',
};

export interface SourceInput {
  readonly modelStage: string;
  /** Epoch ms, null when the API did not say. */
  readonly computedAtMs: number | null;
  readonly kickoffMs: number;
  readonly finished: boolean;
}

export function predictionSource(p: SourceInput): PredictionSource {
  if (!p.finished) return 'forecast';
  if (p.modelStage === 'backtest') return 'backtest';
  if (p.computedAtMs !== null && p.computedAtMs < p.kickoffMs) return 'before_kickoff';
  return 'after_kickoff';
}

/** True when the prediction may be scored against the result (see the module comment). */
export function isScored(source: PredictionSource): boolean {
  return source === 'backtest' || source === 'before_kickoff';
}
