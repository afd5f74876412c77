/**
 * Calibration of 3-class forecasts, class by class: each class's probabilities are put into equal-width bins
 * and the mean forecast of a bin is compared with how often that class happened. The expected calibration
 * error (ECE) is the count-weighted mean absolute gap, averaged over the three classes ("classwise ECE").
 */
import { OUTCOME_LABELS, type OutcomeLabel } from '../domain/outcome.ts';

const K = 3;

export interface ReliabilityBin {
  readonly outcome: OutcomeLabel;
  readonly lower: number;
  readonly upper: number;
  readonly n: number;
  /** Mean forecast probability of the outcome in this bin (null when the bin is empty). */
  readonly meanPredicted: number | null;
  /** Observed frequency of the outcome in this bin (null when the bin is empty). */
  readonly observed: number | null;
}

function binOf(probability: number, bins: number): number {
  return Math.min(bins - 1, Math.max(0, Math.floor(probability * bins)));
}

export function reliabilityTable(p: Float64Array, y: Uint8Array, bins = 10): ReliabilityBin[] {
  const table: ReliabilityBin[] = [];
  for (let k = 0; k < K; k++) {
    const count = new Float64Array(bins);
    const sumP = new Float64Array(bins);
    const hits = new Float64Array(bins);
    for (let i = 0; i < y.length; i++) {
      const q = p[i * K + k] as number;
      const b = binOf(q, bins);
      count[b] = (count[b] as number) + 1;
      sumP[b] = (sumP[b] as number) + q;
      if (y[i] === k) hits[b] = (hits[b] as number) + 1;
    }
    for (let b = 0; b < bins; b++) {
      const n = count[b] as number;
      table.push({
        outcome: OUTCOME_LABELS[k] as OutcomeLabel,
        lower: b / bins,
        upper: (b + 1) / bins,
        n,
        meanPredicted: n > 0 ? (sumP[b] as number) / n : null,
        observed: n > 0 ? (hits[b] as number) / n : null,
      });
    }
  }
  return table;
}

/** Classwise expected calibration error from a reliability table (0 = perfectly calibrated). */
export function expectedCalibrationError(p: Float64Array, y: Uint8Array, bins = 10): number {
  const n = y.length;
  if (n === 0) return 0;
  let total = 0;
  for (const bin of reliabilityTable(p, y, bins)) {
    if (bin.n > 0) total += (bin.n / n) * Math.abs((bin.meanPredicted as number) - (bin.observed as number));
  }
  return total / K;
}
