/**
 * Distribution-shift statistics between a reference sample (the champion's training window) and a current one
 * (recent and upcoming matches): the population stability index and the two-sample Kolmogorov–Smirnov test.
 * Written by hand so they are pure, dependency-free and unit-tested against known values.
 */

/** Bin shares below this are clamped, so an empty bin does not make the PSI infinite. */
const PSI_EPSILON = 1e-4;

/**
 * Bin edges at the reference sample's quantiles (deciles by default). Repeated quantiles collapse, so a
 * discrete feature such as `sex` gets one bin per value rather than empty bins.
 */
export function quantileEdges(reference: readonly number[], bins = 10): number[] {
  return quantileEdgesOfSorted(Float64Array.from(reference).sort(), bins);
}

/** quantileEdges of a sample already sorted ascending. */
function quantileEdgesOfSorted(sorted: Float64Array, bins: number): number[] {
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const q = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / bins))];
    // An edge at the minimum would open an always-empty first bin.
    const floor = edges.at(-1) ?? (sorted[0] as number);
    if (q !== undefined && q > floor) edges.push(q);
  }
  return edges;
}

/** Share of `values` in each bin defined by ascending `edges`: bin i holds edges[i-1] ≤ v < edges[i]. */
export function binShares(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v < (edges[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    counts[lo] = (counts[lo] as number) + 1;
  }
  return counts.map((c) => (values.length === 0 ? 0 : c / values.length));
}

/**
 * Population stability index Σ (c − r)·ln(c / r) over reference-quantile bins. Rules of thumb:
 * < 0.1 stable, 0.1–0.2 moderate shift, ≥ 0.2 significant shift.
 */
export function populationStabilityIndex(
  reference: readonly number[],
  current: readonly number[],
  bins = 10,
): number {
  return psiOfSorted(Float64Array.from(reference).sort(), Float64Array.from(current).sort(), bins);
}

/** binShares of a sample sorted ascending: each bin's count is where its upper edge falls (same shares). */
function binSharesOfSorted(sorted: Float64Array, edges: readonly number[]): number[] {
  const below = (edge: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) < edge) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const ends = [...edges.map(below), sorted.length];
  return ends.map((end, i) => (end - (i === 0 ? 0 : (ends[i - 1] as number))) / sorted.length);
}

/** populationStabilityIndex of two samples already sorted ascending. */
function psiOfSorted(reference: Float64Array, current: Float64Array, bins: number): number {
  if (reference.length === 0 || current.length === 0) return 0;
  const edges = quantileEdgesOfSorted(reference, bins);
  const r = binSharesOfSorted(reference, edges);
  const c = binSharesOfSorted(current, edges);
  let psi = 0;
  for (let i = 0; i < r.length; i++) {
    const ri = Math.max(r[i] as number, PSI_EPSILON);
    const ci = Math.max(c[i] as number, PSI_EPSILON);
    psi += (ci - ri) * Math.log(ci / ri);
  }
  return psi;
}

export interface KsResult {
  /** sup |F_ref(x) − F_cur(x)| over all x. */
  readonly statistic: number;
  /** Asymptotic two-sided p-value. */
  readonly pValue: number;
}

/**
 * Survival function of the Kolmogorov distribution, Q(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2 j² λ²}. For small λ the
 * alternating series converges slowly, so there the equivalent theta-function form is used.
 */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    // Q = 1 − (√(2π)/λ) Σ_{j≥1} e^{−(2j−1)² π² / (8 λ²)}
    const y = Math.exp((-Math.PI * Math.PI) / (8 * lambda * lambda));
    let sum = 0;
    for (let j = 1; j <= 6; j++) sum += y ** ((2 * j - 1) ** 2);
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += j % 2 === 1 ? term : -term;
    if (term < 1e-16) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Two-sample Kolmogorov–Smirnov test. The p-value uses the asymptotic distribution with Stephens' small-sample
 * correction λ = (√nₑ + 0.12 + 0.11/√nₑ)·D, nₑ = n·m/(n+m), as in Numerical Recipes.
 */
export function ksTwoSample(reference: readonly number[], current: readonly number[]): KsResult {
  return ksOfSorted(Float64Array.from(reference).sort(), Float64Array.from(current).sort());
}

/** ksTwoSample of two samples already sorted ascending. */
function ksOfSorted(a: Float64Array, b: Float64Array): KsResult {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return { statistic: 0, pValue: 1 };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = Math.min(a[i] as number, b[j] as number);
    while (i < n && (a[i] as number) <= x) i++;
    while (j < m && (b[j] as number) <= x) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const en = Math.sqrt((n * m) / (n + m));
  return { statistic: d, pValue: kolmogorovSurvival((en + 0.12 + 0.11 / en) * d) };
}

/**
 * PSI and KS of one feature with each sample sorted once (drift monitoring runs both on up to 50,000 reference
 * rows per feature every day): the same figures as populationStabilityIndex and ksTwoSample.
 */
export function psiAndKs(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  bins = 10,
): { readonly psi: number; readonly ks: KsResult } {
  const a = new Float64Array(reference).sort();
  const b = new Float64Array(current).sort();
  return { psi: psiOfSorted(a, b, bins), ks: ksOfSorted(a, b) };
}
