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

/** Where a row of a match's prediction log (GET /predict/history) came from; the match is known. */
export type LoggedSource = Exclude<PredictionSource, 'forecast'>;

export interface LoggedInput {
  /** batch, live or backtest, as the log records it. */
  readonly source: string;
  readonly beforeKickoff: boolean;
  /** The API's leakage rule (isHonestFor): the model never saw the match. */
  readonly honest: boolean;
}

/**
 * A backtest row is logged when the backtest runs, after the match, yet by a model trained before it: the
 * leakage rule lets it be scored, so it is not hindsight.
 */
export function loggedSource(p: LoggedInput): LoggedSource {
  if (p.honest && p.source === 'backtest') return 'backtest';
  if (p.honest && p.beforeKickoff) return 'before_kickoff';
  return 'after_kickoff';
}
