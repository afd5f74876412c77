/** Every reported metric of one set of forecasts, in the shape `matchcast evaluate --json` prints. */
import { expectedCalibrationError } from './calibration.ts';
import { accuracy, brierScore, logLoss, rankedProbabilityScore, rocAucOvr } from './metrics.ts';

export interface ForecastScores {
  readonly n: number;
  readonly log_loss: number | null;
  readonly rps: number | null;
  readonly brier: number | null;
  readonly accuracy: number | null;
  readonly roc_auc_ovr: number | null;
  readonly ece: number | null;
}

/** Scores n × 3 forecasts against labels; all null (n = 0) when there is nothing to score. */
export function scoreForecasts(p: Float64Array, y: Uint8Array, calibrationBins = 10): ForecastScores {
  if (y.length === 0) {
    return { n: 0, log_loss: null, rps: null, brier: null, accuracy: null, roc_auc_ovr: null, ece: null };
  }
  return {
    n: y.length,
    log_loss: logLoss(p, y),
    rps: rankedProbabilityScore(p, y),
    brier: brierScore(p, y),
    accuracy: accuracy(p, y),
    roc_auc_ovr: rocAucOvr(p, y),
    ece: expectedCalibrationError(p, y, calibrationBins),
  };
}
