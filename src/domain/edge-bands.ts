/**
 * Edge bands: the value bets between the edge threshold and the sanity ceiling, split by the size of the edge
 * they were taken at, so a record can say whether larger edges have paid more. If the model's edges measured a
 * real advantage, ROI and closing-line value would rise from band to band; on real data they do not.
 */
import { DEFAULT_EDGE_RULE, type EdgeRule } from './value-bet.ts';

/** Inner boundaries of the bands (7.5 %, 10 %, 15 %): kept where they fall strictly inside the edge rule. */
export const EDGE_BAND_BOUNDS: readonly number[] = [0.075, 0.1, 0.15];

/** Edges from `from` (included) to `to` (excluded, except in the last band, which ends on the ceiling). */
export interface EdgeBand {
  readonly from: number;
  readonly to: number;
}

/**
 * The bands tiling [threshold, ceiling] of `rule`, in order; none when the rule admits no bet (threshold above
 * the ceiling). The defaults give [5, 7.5) [7.5, 10) [10, 15) [15, 25] %.
 */
export function edgeBands(
  rule: Pick<EdgeRule, 'threshold' | 'ceiling'> = DEFAULT_EDGE_RULE,
  bounds: readonly number[] = EDGE_BAND_BOUNDS,
): EdgeBand[] {
  if (!(rule.threshold <= rule.ceiling)) return [];
  const inner = [...new Set(bounds)]
    .filter((b) => b > rule.threshold && b < rule.ceiling)
    .sort((a, b) => a - b);
  const cuts = [rule.threshold, ...inner, rule.ceiling];
  return cuts.slice(1).map((to, k) => ({ from: cuts[k] as number, to }));
}

/** The index in `bands` of the band holding `edge`; -1 when it lies outside them all. */
export function edgeBandIndex(bands: readonly EdgeBand[], edge: number): number {
  const last = bands.length - 1;
  return bands.findIndex((b, k) => edge >= b.from && (edge < b.to || (k === last && edge <= b.to)));
}

/** `items` split by `bands`, one list per band in order (an item outside every band is left out). */
export function inEdgeBands<T>(
  bands: readonly EdgeBand[],
  items: readonly T[],
  edgeOf: (item: T) => number,
): T[][] {
  const split = bands.map((): T[] => []);
  for (const item of items) split[edgeBandIndex(bands, edgeOf(item))]?.push(item);
  return split;
}

const percent = (x: number) => Number((100 * x).toFixed(2));

/** `5–7.5 %`: how a band reads in a table. */
export function edgeBandLabel(band: EdgeBand): string {
  return `${percent(band.from)}–${percent(band.to)} %`;
}
