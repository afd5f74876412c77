/**
 * Quantile binning of features, as LightGBM does before growing trees. Every edge is a float32 value and a row
 * falls in the first bin whose upper edge is ≥ fround(x), so "bin ≤ b" on the binned data is exactly the
 * float32 comparison "x ≤ upper[b]" that the exported ONNX tree (and the TypeScript predictor) evaluate.
 */

export interface BinEdges {
  /** Per feature, ascending float32 upper edges; the last is +Infinity. */
  readonly upper: readonly Float64Array[];
}

/** Places up to maxBins quantile bins per feature, from evenly spaced sample rows. */
export function computeBinEdges(
  x: Float64Array,
  n: number,
  d: number,
  maxBins: number,
  sampleRows: number,
): BinEdges {
  const m = Math.min(n, sampleRows);
  const stride = n / m;
  const sample = new Float64Array(m);
  const upper: Float64Array[] = [];
  for (let f = 0; f < d; f++) {
    for (let i = 0; i < m; i++) sample[i] = Math.fround(x[Math.floor(i * stride) * d + f]!);
    sample.sort();
    upper.push(featureEdges(sample, maxBins));
  }
  return { upper };
}

function featureEdges(sorted: Float64Array, maxBins: number): Float64Array {
  const m = sorted.length;
  const edges: number[] = [];
  for (let q = 1; q < maxBins; q++) {
    const cut = sorted[Math.floor((q * m) / maxBins)]!;
    // The bin ends at the cut value; skip cuts that repeat an earlier one (ties) or leave nothing above.
    if (edges.length > 0 && cut <= edges[edges.length - 1]!) continue;
    const above = firstAbove(sorted, cut);
    if (above === m) continue;
    edges.push(between(cut, sorted[above]!));
  }
  edges.push(Number.POSITIVE_INFINITY);
  return Float64Array.from(edges);
}

/** A float32 edge e with lo ≤ e < hi, near the midpoint, so unseen values between them split evenly. */
function between(lo: number, hi: number): number {
  const mid = Math.fround(lo + (hi - lo) / 2);
  return mid >= lo && mid < hi ? mid : lo;
}

function firstAbove(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the bin holding x: the first upper edge ≥ fround(x). NaN never occurs (features are finite). */
export function binOf(upper: Float64Array, x: number): number {
  const v = Math.fround(x);
  let lo = 0;
  let hi = upper.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= upper[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Bins every value; one n-byte column per feature, because histograms are built feature by feature over the
 * rows of a leaf (a tight loop over one column is several times faster than hopping across a row).
 */
export function binColumns(x: Float64Array, n: number, d: number, edges: BinEdges): Uint8Array[] {
  const columns: Uint8Array[] = [];
  for (let f = 0; f < d; f++) {
    const upper = edges.upper[f]!;
    const column = new Uint8Array(n);
    for (let r = 0; r < n; r++) column[r] = binOf(upper, x[r * d + f]!);
    columns.push(column);
  }
  return columns;
}
