/**
 * The market-aware challenger's forecast: the fundamentals model stacked with the pre-match market (and, when
 * given, the pre-match detail: Pinnacle's own price and the spread between books). Never a closing price.
 */

import type { Probabilities } from '../../domain/outcome.ts';
import { DETAIL_WIDTH, type MarketStack } from '../../models/market-stack.ts';
import type { PreMatchDetail } from './model-market.ts';

/** The rows `indices` of an n × 3 probability matrix. */
export function subset(p: Float64Array, indices: readonly number[]): Float64Array {
  const out = new Float64Array(indices.length * 3);
  indices.forEach((i, j) => {
    out.set(p.subarray(i * 3, i * 3 + 3), j * 3);
  });
  return out;
}

/** n × DETAIL_WIDTH pre-match detail of matches that have a pre-match price (the stack's extra inputs). */
export function detailMatrix(
  matchIds: readonly number[],
  preMatch: ReadonlyMap<number, Probabilities>,
  detail: ReadonlyMap<number, PreMatchDetail>,
): Float64Array {
  const out = new Float64Array(matchIds.length * DETAIL_WIDTH);
  matchIds.forEach((id, i) => {
    const d = detail.get(id);
    // Without Pinnacle's own price the average stands in (no departure); without a spread, none.
    out.set(d?.pinnacle ?? (preMatch.get(id) as Probabilities), i * DETAIL_WIDTH);
    const spread = d?.spread;
    out[i * DETAIL_WIDTH + 3] = spread ? (spread[0] + spread[1] + spread[2]) / 3 : 0;
  });
  return out;
}

/** The fundamentals model stacked with the pre-match market; a match without a pre-match price keeps the model's. */
export function marketAwareForecast(
  stack: MarketStack,
  model: Float64Array,
  matchIds: readonly number[],
  preMatch: ReadonlyMap<number, Probabilities>,
  detail?: ReadonlyMap<number, PreMatchDetail>,
): Float64Array {
  const out = Float64Array.from(model);
  const priced = matchIds.flatMap((id, i) => (preMatch.has(id) ? [i] : []));
  const market = new Float64Array(priced.length * 3);
  priced.forEach((i, j) => {
    market.set(preMatch.get(matchIds[i] as number) as Probabilities, j * 3);
  });
  const pricedIds = priced.map((i) => matchIds[i] as number);
  const stacked = stack.predict(
    subset(model, priced),
    market,
    detail ? detailMatrix(pricedIds, preMatch, detail) : undefined,
  );
  priced.forEach((i, j) => {
    out.set(stacked.subarray(j * 3, j * 3 + 3), i * 3);
  });
  return out;
}
