/**
 * Statistics of interleaved benches: each round measures every variant in the same minutes, so a variant's cost
 * is taken against the baseline within each round (the machine's load changes between rounds) and then summed
 * up by the median over rounds, which one disturbed round cannot move much.
 */

/** The q-quantile of `xs` (0 ≤ q ≤ 1), interpolated between the two nearest values; NaN when empty. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const below = sorted[Math.floor(at)] as number;
  const above = sorted[Math.ceil(at)] as number;
  return below + (above - below) * (at - Math.floor(at));
}

export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

/**
 * The cost of a variant in each round, as a fraction of the baseline: 1 − variant / baseline, each side the
 * median of its processes in that round (a higher figure is better: requests per second or per CPU-second).
 * `variant[round]` and `baseline[round]` hold one value per process; rounds missing on either side are skipped.
 */
export function roundCosts(
  variant: readonly (readonly number[])[],
  baseline: readonly (readonly number[])[],
): number[] {
  const costs: number[] = [];
  for (const [round, values] of variant.entries()) {
    const base = median(baseline[round] ?? []);
    const value = median(values);
    if (Number.isFinite(base) && Number.isFinite(value) && base > 0) costs.push(1 - value / base);
  }
  return costs;
}

/** A fraction as a percentage with one decimal. */
export const pct = (fraction: number): number => Math.round(fraction * 1000) / 10;

/**
 * The loads of one round of a two-sided comparison: a, b, b, a, and b, a, a, b in every other round, so neither
 * side gains from its place in the round (the first load after an idle spell runs slower).
 */
export function alternatingOrder<T>(round: number, a: T, b: T): readonly T[] {
  return round % 2 === 0 ? [a, b, b, a] : [b, a, a, b];
}
