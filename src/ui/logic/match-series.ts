/** A match's history as chart series: its logged probabilities, and one bookmaker's odds over time. */
import type { OddsHistoryView, PredictionHistoryView } from '../api/match-history.ts';

export interface ThreeWaySeries {
  readonly timesMs: number[];
  readonly values: [number[], number[], number[]];
}

function series(points: readonly { readonly t: number; readonly v: readonly number[] }[]): ThreeWaySeries {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  return {
    timesMs: sorted.map((p) => p.t),
    values: [0, 1, 2].map((k) => sorted.map((p) => p.v[k] as number)) as [number[], number[], number[]],
  };
}

/** Every logged prediction, oldest first. */
export function probabilitySeries(history: PredictionHistoryView): ThreeWaySeries {
  return series(history.predictions.map((p) => ({ t: p.loggedAtMs, v: p.probs })));
}

/**
 * The odds movement of one bookmaker: the one whose closing price the API reports (else its latest or opening
 * price), so the line runs opening → latest → closing at a single bookmaker instead of zig-zagging between
 * several. Null when the match has no price at all.
 */
export function oddsSeries(odds: OddsHistoryView): (ThreeWaySeries & { readonly bookmaker: string }) | null {
  const bookmaker = (odds.closing ?? odds.latestPreMatch ?? odds.opening ?? odds.snapshots[0])?.bookmaker;
  if (bookmaker === undefined) return null;
  const own = odds.snapshots.filter((s) => s.bookmaker === bookmaker);
  return { bookmaker, ...series(own.map((s) => ({ t: s.observedAtMs, v: s.odds }))) };
}
