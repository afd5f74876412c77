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
