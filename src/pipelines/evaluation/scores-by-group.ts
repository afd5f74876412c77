/**
 * The evaluation's scores cut by league or region, and the paired gaps of its models to a market baseline: the
 * `by_league`, `by_region`, `gap_to_market` and `gap_to_pre_match_market` parts of the report.
 */
import { type PairedGap, pairedGap } from '../../models/paired-gap.ts';
import { type ForecastScores, scoreForecasts } from '../../models/scores.ts';
import { subset } from './market-aware-forecast.ts';

export interface GroupScores {
  /** League (competition) or region name. */
  readonly group: string;
  readonly region_id: number;
  readonly n: number;
  readonly scores: Readonly<Record<string, ForecastScores>>;
  /** Each model's paired gap to the closing market on the group's matches (see EvaluationReport). */
  readonly gap_to_market: Readonly<Record<string, PairedGap>>;
}

/** Each of `models` against `baseline` on the matches `indices` (all when omitted); empty without that baseline. */
export function gapsTo(
  baseline: string,
  models: readonly string[],
  forecasts: ReadonlyMap<string, Float64Array>,
  y: Uint8Array,
  indices?: readonly number[],
): Record<string, PairedGap> {
  const base = forecasts.get(baseline);
  if (base === undefined) return {};
  const pick = (p: Float64Array) => (indices === undefined ? p : subset(p, indices));
  const yi = indices === undefined ? y : Uint8Array.from(indices, (i) => y[i] as number);
  const b = pick(base);
  const gaps: Record<string, PairedGap> = {};
  for (const name of models) {
    const p = forecasts.get(name);
    if (p !== undefined) gaps[name] = pairedGap(pick(p), b, yi);
  }
  return gaps;
}

export function groupScores(
  keys: readonly string[],
  regionOf: readonly number[],
  forecasts: ReadonlyMap<string, Float64Array>,
  models: readonly string[],
  y: Uint8Array,
  bins: number,
): GroupScores[] {
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, indices]) => {
      const yi = Uint8Array.from(indices, (i) => y[i] as number);
      const scores: Record<string, ForecastScores> = {};
      for (const [name, p] of forecasts) scores[name] = scoreForecasts(subset(p, indices), yi, bins);
      return {
        group,
        region_id: regionOf[indices[0] as number] as number,
        n: indices.length,
        scores,
        gap_to_market: gapsTo('market', models, forecasts, y, indices),
      };
    });
}
