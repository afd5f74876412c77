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

/**
 * Whether the models' metrics were scored on different numbers of matches (their registered `n` differ): then a
 * "best" among them would compare different sets of matches, and the gap between them is no bigger than the noise
 * between the sets, so none is marked.
 */
export function scoredOnDifferentMatches(models: readonly Readonly<Record<string, number>>[]): boolean {
  return new Set(models.flatMap((m) => (m.n === undefined ? [] : [m.n]))).size > 1;
}

/**
 * How one model's value of a metric reads: green (`good`); or a grey note that the market, scored on the same
 * matches, did better — `best` when it is still the best of the models; or nothing.
 */
export type MetricMark =
  | { readonly kind: 'good' }
  | {
      readonly kind: 'behind-market';
      readonly market: number;
      readonly behind: number;
      readonly best: boolean;
    }
  | null;

/**
 * Each model column's mark for `metric`. Green must mean good, so a value is green when it is the best of models
 * scored on the same matches and the market (that model's registered `market_<metric>`, scored on its matches) did
 * no better — or, with no best among the models (one model alone, a tie, or models scored on different matches),
 * when it is ahead of the market. Every value behind the market says by how much, alone or not.
 * `models`: each column's registered metrics.
 */
export function metricMarks(
  metric: string,
  models: readonly Readonly<Record<string, number>>[],
): MetricMark[] {
  const direction = metricDirection(metric);
  if (direction === null) return models.map(() => null);
  const wins = scoredOnDifferentMatches(models)
    ? new Set<number>()
    : bestColumns(
        metric,
        models.map((m) => m[metric]),
      );
  return models.map((metrics, k): MetricMark => {
    const value = metrics[metric];
    const market = metrics[`market_${metric}`];
    if (value === undefined) return null;
    const behind = market === undefined ? null : direction === 'lower' ? value - market : market - value;
    if (market !== undefined && behind !== null && behind > 0)
      return { kind: 'behind-market', market, behind, best: wins.has(k) };
    if (wins.size > 0) return wins.has(k) ? { kind: 'good' } : null;
    return behind !== null && behind < 0 ? { kind: 'good' } : null;
  });
}
