/**
 * Probability-forecast metrics for 3-class outcomes (0 home, 1 draw, 2 away). Inputs: n × 3 probabilities,
 * row-major, and n labels. Probabilities are clipped to [1e-15, 1] inside the log so one confident miss
 * cannot make the loss infinite.
 */
const K = 3;
const EPS = 1e-15;

/** Match i's negative log-likelihood of its observed class (natural log). */
export function matchLogLoss(p: Float64Array, y: Uint8Array, i: number): number {
  return -Math.log(Math.max(EPS, p[i * K + (y[i] as number)] as number));
}

/** Mean negative log-likelihood of the observed class (natural log). */
export function logLoss(p: Float64Array, y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += matchLogLoss(p, y, i);
  return s / y.length;
}

/**
 * Two-outcome log loss (natural log) of n event probabilities `p` (e.g. over 2.5 goals) against `happened`
 * (1 when the event happened), clipped like logLoss.
 */
export function binaryLogLoss(p: Float64Array, happened: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < happened.length; i++) {
    const q = p[i] as number;
    s -= Math.log(Math.max(EPS, happened[i] === 1 ? q : 1 - q));
  }
  return s / happened.length;
}

/** Two-outcome Brier score: mean (p − 1[event])² (range 0–1). */
export function binaryBrierScore(p: Float64Array, happened: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < happened.length; i++) {
    const e = (p[i] as number) - (happened[i] as number);
    s += e * e;
  }
  return s / happened.length;
}

/**
 * Ranked probability score for ordered outcomes (home < draw < away): mean over matches of
 * Σ_{k<K-1} (cumulative forecast − cumulative outcome)² / (K − 1).
 */
export function rankedProbabilityScore(p: Float64Array, y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += matchRps(p, y, i);
  return s / y.length;
}

/** Match i's ranked probability score (see rankedProbabilityScore). */
export function matchRps(p: Float64Array, y: Uint8Array, i: number): number {
  const label = y[i] as number;
  const c0 = (p[i * K] as number) - (label === 0 ? 1 : 0);
  const c1 = c0 + (p[i * K + 1] as number) - (label === 1 ? 1 : 0);
  return (c0 * c0 + c1 * c1) / (K - 1);
}

/** Multi-class Brier score: mean over matches of Σ_k (p_k − 1[y = k])² (range 0–2). */
export function brierScore(p: Float64Array, y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    for (let k = 0; k < K; k++) {
      const e = (p[i * K + k] as number) - ((y[i] as number) === k ? 1 : 0);
      s += e * e;
    }
  }
  return s / y.length;
}

/** Share of matches whose most probable class (ties → lower index) is the observed one. */
export function accuracy(p: Float64Array, y: Uint8Array): number {
  let hits = 0;
  for (let i = 0; i < y.length; i++) {
    const a = p[i * K] as number;
    const b = p[i * K + 1] as number;
    const c = p[i * K + 2] as number;
    const best = b > a ? (c > b ? 2 : 1) : c > a ? 2 : 0;
    if (best === y[i]) hits++;
  }
  return hits / y.length;
}

/** Binary ROC-AUC (Mann–Whitney, ties count ½); null when one class is absent. */
export function binaryRocAuc(scores: Float64Array, positive: Uint8Array): number | null {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += positive[i] as number;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  // A positive's rank is the mean rank of its ties: (values below it) + (ties + 1) / 2, found by binary search in
  // the sorted scores (evaluate scores every forecaster, league and region this way). Ranks are half-integers,
  // so their sum is exact in any order.
  const sorted = Float64Array.from(scores).sort();
  let rankSum = 0;
  for (let i = 0; i < n; i++) {
    if (!positive[i]) continue;
    const s = scores[i] as number;
    const below = firstIndex(sorted, (v) => v >= s);
    const upTo = firstIndex(sorted, (v) => v > s);
    rankSum += (below + upTo - 1) / 2 + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** The first index of ascending `sorted` whose value meets `test` (monotone), or its length. */
function firstIndex(sorted: Float64Array, test: (v: number) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(sorted[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Macro-averaged one-vs-rest ROC-AUC over the classes present; null when none can be scored. */
export function rocAucOvr(p: Float64Array, y: Uint8Array): number | null {
  const n = y.length;
  const aucs: number[] = [];
  for (let k = 0; k < K; k++) {
    const scores = new Float64Array(n);
    const positive = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      scores[i] = p[i * K + k] as number;
      positive[i] = y[i] === k ? 1 : 0;
    }
    const auc = binaryRocAuc(scores, positive);
    if (auc !== null) aucs.push(auc);
  }
  return aucs.length === 0 ? null : aucs.reduce((a, b) => a + b, 0) / aucs.length;
}
