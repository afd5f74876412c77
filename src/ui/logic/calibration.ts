/**
 * Reliability (calibration) curve from scored finished cards: for each outcome, predictions are binned by
 * probability and each bin's mean prediction is set against how often that outcome happened.
 */

import type { OutcomeClass } from '../../domain/outcome.ts';
import type { MatchCard } from '../api/cards.ts';

export interface CalibrationBin {
  readonly meanPredicted: number;
  readonly observed: number;
  readonly n: number;
}

export interface Calibration {
  /** Per outcome (home, draw, away), the non-empty bins in increasing probability. */
  readonly byOutcome: readonly [CalibrationBin[], CalibrationBin[], CalibrationBin[]];
  /** Expected calibration error over all three outcomes (bin-size-weighted |mean − observed|). */
  readonly ece: number | null;
  readonly matches: number;
}

/**
 * Fewest matches a bin needs to be drawn: the observed share of a bin of three matches is 0, ⅓, ⅔ or 1, a swing
 * that says nothing about calibration. Every bin still counts in the ECE, weighted by its size.
 */
export const MIN_DRAWN_BIN = 20;

/** The bins of one outcome worth drawing (MIN_DRAWN_BIN). */
export function drawnBins(bins: readonly CalibrationBin[]): CalibrationBin[] {
  return bins.filter((b) => b.n >= MIN_DRAWN_BIN);
}

export function computeCalibration(cards: readonly MatchCard[], binCount = 10): Calibration {
  const sums = [0, 1, 2].map(() => Array.from({ length: binCount }, () => ({ p: 0, y: 0, n: 0 })));
  let matches = 0;
  for (const c of cards) {
    if (!c.scored || c.outcome === null) continue;
    matches++;
    for (const k of [0, 1, 2] as const) {
      const p = c.probs[k];
      const bin = sums[k]![Math.min(binCount - 1, Math.max(0, Math.floor(p * binCount)))]!;
      bin.p += p;
      bin.y += c.outcome === (k as OutcomeClass) ? 1 : 0;
      bin.n++;
    }
  }
  let gap = 0;
  let total = 0;
  const byOutcome = sums.map((bins) =>
    bins
      .filter((b) => b.n > 0)
      .map((b) => {
        gap += Math.abs(b.p - b.y);
        total += b.n;
        return { meanPredicted: b.p / b.n, observed: b.y / b.n, n: b.n };
      }),
  );
  return {
    byOutcome: [byOutcome[0]!, byOutcome[1]!, byOutcome[2]!],
    ece: total === 0 ? null : gap / total,
    matches,
  };
}
