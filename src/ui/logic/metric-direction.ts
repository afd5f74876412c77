/**
 * Which registered metrics a model can be "best" on in the model view, and which way. Only scores of the model's
 * own forecasts compare models; the registry also holds counts (`n_test`) and baselines scored on the same matches
 * (`market_log_loss`, `prior_log_loss`), where the highest count or the easiest market would be marked "best" and
 * would say nothing about the model.
 */

/** Null: not a score of the model (a count, a baseline, or a name not known), so nothing is marked. */
export function metricDirection(metric: string): 'lower' | 'higher' | null {
  if (/^(n|n_.*|.*_n)$|^(market|prior|class_prior|elo)_/.test(metric)) return null;
  if (/^(log_loss|rps|brier|ece|calibration_error)$/.test(metric)) return 'lower';
  if (/^(accuracy|roc_auc.*)$/.test(metric)) return 'higher';
  return null;
}

/**
 * The columns holding the best value of `metric`; none when it is not a score of the model, or fewer than two
 * models differ on it.
 */
export function bestColumns(metric: string, values: readonly (number | string | undefined)[]): Set<number> {
  const direction = metricDirection(metric);
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (direction === null || new Set(numbers).size < 2) return new Set();
  const top = direction === 'lower' ? Math.min(...numbers) : Math.max(...numbers);
  return new Set(values.flatMap((v, k) => (v === top ? [k] : [])));
}

/** How a best value reads: green, or only the best of the models when the market did better on the same matches. */
export type BestMark =
  | { readonly kind: 'good' }
  | { readonly kind: 'behind-market'; readonly market: number; readonly behind: number };

/**
 * Green must mean good: a model's best value of `metric` is green unless the market, scored on the same matches
 * (the registry's `market_<metric>`: the evaluation scores every forecast on one set of matches), did better;
 * then it is the best of the models only, `behind` the market by that much. Without a market score there is
 * nothing to be behind, and the best of the models stays green. `metrics`: that model's registered metrics.
 */
export function bestMark(metric: string, metrics: Readonly<Record<string, number>>): BestMark {
  const value = metrics[metric];
  const market = metrics[`market_${metric}`];
  const direction = metricDirection(metric);
  if (value === undefined || market === undefined || direction === null) return { kind: 'good' };
  const behind = direction === 'lower' ? value - market : market - value;
  return behind > 0 ? { kind: 'behind-market', market, behind } : { kind: 'good' };
}
