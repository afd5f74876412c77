/**
 * Newton's method for the penalised multinomial log loss. The gradient is exact; the Hessian is computed on a
 * fixed, evenly strided subsample of at most HESSIAN_ROWS rows (deterministic), which keeps each iteration
 * cheap on large data while the exact gradient still drives the iterates to the exact optimum.
 * theta layout: d × 3 weights row-major, then 3 intercepts.
 */
const K = 3;
const BORROWED_STEPS = 4;
const HESSIAN_ROWS = 50_000;

export interface NewtonOptions {
  readonly l2: number;
  readonly maxIterations: number;
  /** Stop when the largest absolute gradient component falls below this. */
  readonly tolerance: number;
  /**
   * Cholesky factor of the (penalised) Hessian of a nearby problem, e.g. last month's fit in a walk-forward
   * backtest: reused for the steps until it stops giving full steps, which saves most Hessian evaluations.
   */
  readonly factor?: Float64Array | null;
  /**
   * Per-row weights (e.g. recency): the objective becomes the weighted mean log loss; null or absent = all 1.
   * The caller scales `l2` by the weight total, as it would by n.
   */
  readonly weights?: Float64Array | null;
}

export interface NewtonResult {
  readonly theta: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Cholesky factor of the Hessian last used, for the next nearby fit. */
  readonly factor: Float64Array;
  /** Hessians computed (the expensive part). */
  readonly hessians: number;
}

/** Objective value ((weighted) mean log loss + l2/2·||W||²); writes the gradient when given one. */
export function multinomialObjective(
  z: Float64Array,
  y: Uint8Array,
  n: number,
  d: number,
  l2: number,
  theta: Float64Array,
  gradient: Float64Array | null,
  weights: Float64Array | null = null,
): number {
  gradient?.fill(0);
  let loss = 0;
  let total = 0;
  const b0 = theta[d * K] as number;
  const b1 = theta[d * K + 1] as number;
  const b2 = theta[d * K + 2] as number;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let l0 = b0;
    let l1 = b1;
    let l2v = b2;
    for (let j = 0; j < d; j++) {
      const v = z[row + j] as number;
      const w = j * K;
      l0 += v * (theta[w] as number);
      l1 += v * (theta[w + 1] as number);
      l2v += v * (theta[w + 2] as number);
    }
    const m = Math.max(l0, l1, l2v);
    const e0 = Math.exp(l0 - m);
    const e1 = Math.exp(l1 - m);
    const e2 = Math.exp(l2v - m);
    const sum = e0 + e1 + e2;
    const label = y[i] as number;
    const wi = weights ? (weights[i] as number) : 1;
    total += wi;
    loss += wi * (Math.log(sum) + m - (label === 0 ? l0 : label === 1 ? l1 : l2v));
    if (!gradient) continue;
    const r0 = wi * (e0 / sum - (label === 0 ? 1 : 0));
    const r1 = wi * (e1 / sum - (label === 1 ? 1 : 0));
    const r2 = wi * (e2 / sum - (label === 2 ? 1 : 0));
    for (let j = 0; j < d; j++) {
      const v = z[row + j] as number;
      const w = j * K;
      gradient[w] = (gradient[w] as number) + v * r0;
      gradient[w + 1] = (gradient[w + 1] as number) + v * r1;
      gradient[w + 2] = (gradient[w + 2] as number) + v * r2;
    }
    gradient[d * K] = (gradient[d * K] as number) + r0;
    gradient[d * K + 1] = (gradient[d * K + 1] as number) + r1;
    gradient[d * K + 2] = (gradient[d * K + 2] as number) + r2;
  }
  const inv = 1 / (weights ? total || 1 : Math.max(1, n));
  let penalty = 0;
  for (let t = 0; t < d * K; t++) penalty += (theta[t] as number) ** 2;
  if (gradient) {
    for (let t = 0; t < gradient.length; t++) {
      gradient[t] = (gradient[t] as number) * inv + (t < d * K ? l2 * (theta[t] as number) : 0);
    }
  }
  return loss * inv + 0.5 * l2 * penalty;
}

/** Rows whose outer products one pass over the accumulators adds (see `accumulateBlock`). */
const BLOCK = 4;

/**
 * Writes row i's class-pair curvatures wi·(δkk'·pk − pk·pk') into c[at..at+5], pairs (0,0) (0,1) (0,2) (1,1)
 * (1,2) (2,2), and its inputs into ext[0..d−1] (ext[d] stays 1, the intercept).
 */
function rowCurvature(
  z: Float64Array,
  i: number,
  d: number,
  theta: Float64Array,
  wi: number,
  ext: Float64Array,
  extAt: number,
  c: Float64Array,
  at: number,
): void {
  const row = i * d;
  let l0 = theta[d * K] as number;
  let l1 = theta[d * K + 1] as number;
  let l2v = theta[d * K + 2] as number;
  for (let j = 0; j < d; j++) {
    const v = z[row + j] as number;
    ext[extAt + j] = v;
    l0 += v * (theta[j * K] as number);
    l1 += v * (theta[j * K + 1] as number);
    l2v += v * (theta[j * K + 2] as number);
  }
  const m = Math.max(l0, l1, l2v);
  const e0 = Math.exp(l0 - m);
  const e1 = Math.exp(l1 - m);
  const e2 = Math.exp(l2v - m);
  const t = e0 + e1 + e2;
  const p0 = e0 / t;
  const p1 = e1 / t;
  const p2 = e2 / t;
  c[at] = wi * p0 * (1 - p0);
  c[at + 1] = -wi * p0 * p1;
  c[at + 2] = -wi * p0 * p2;
  c[at + 3] = wi * p1 * (1 - p1);
  c[at + 4] = -wi * p1 * p2;
  c[at + 5] = wi * p2 * (1 - p2);
}

/**
 * Adds one row's outer products to the lower-triangle accumulators (six class pairs of an entry side by side):
 * acc[entry·6 + pair] += (ext[j]·c[pair])·ext[jj].
 */
function accumulateRow(acc: Float64Array, ext: Float64Array, c: Float64Array, e: number): void {
  const c0 = c[0] as number;
  const c1 = c[1] as number;
  const c2 = c[2] as number;
  const c3 = c[3] as number;
  const c4 = c[4] as number;
  const c5 = c[5] as number;
  let at = 0;
  for (let j = 0; j < e; j++) {
    const xj = ext[j] as number;
    const v0 = xj * c0;
    const v1 = xj * c1;
    const v2 = xj * c2;
    const v3 = xj * c3;
    const v4 = xj * c4;
    const v5 = xj * c5;
    for (let jj = 0; jj <= j; jj++) {
      const x = ext[jj] as number;
      acc[at] = (acc[at] as number) + v0 * x;
      acc[at + 1] = (acc[at + 1] as number) + v1 * x;
      acc[at + 2] = (acc[at + 2] as number) + v2 * x;
      acc[at + 3] = (acc[at + 3] as number) + v3 * x;
      acc[at + 4] = (acc[at + 4] as number) + v4 * x;
      acc[at + 5] = (acc[at + 5] as number) + v5 * x;
      at += 6;
    }
  }
}

/**
 * `accumulateRow` for BLOCK rows (ext and c hold them one after the other) in one pass over the accumulators:
 * each sum still receives row a's term, then b's, c's and d's, so the result is that of four single-row passes
 * bit for bit, but the accumulators (200 kB at 90 inputs) are read and written a quarter as often.
 */
function accumulateBlock(acc: Float64Array, ext: Float64Array, c: Float64Array, e: number): void {
  const b = e;
  const cc = 2 * e;
  const dd = 3 * e;
  let at = 0;
  for (let j = 0; j < e; j++) {
    const xa = ext[j] as number;
    const xb = ext[b + j] as number;
    const xc = ext[cc + j] as number;
    const xd = ext[dd + j] as number;
    const a0 = xa * (c[0] as number);
    const a1 = xa * (c[1] as number);
    const a2 = xa * (c[2] as number);
    const a3 = xa * (c[3] as number);
    const a4 = xa * (c[4] as number);
    const a5 = xa * (c[5] as number);
    const b0 = xb * (c[6] as number);
    const b1 = xb * (c[7] as number);
    const b2 = xb * (c[8] as number);
    const b3 = xb * (c[9] as number);
    const b4 = xb * (c[10] as number);
    const b5 = xb * (c[11] as number);
    const c0 = xc * (c[12] as number);
    const c1 = xc * (c[13] as number);
    const c2 = xc * (c[14] as number);
    const c3 = xc * (c[15] as number);
    const c4 = xc * (c[16] as number);
    const c5 = xc * (c[17] as number);
    const d0 = xd * (c[18] as number);
    const d1 = xd * (c[19] as number);
    const d2 = xd * (c[20] as number);
    const d3 = xd * (c[21] as number);
    const d4 = xd * (c[22] as number);
    const d5 = xd * (c[23] as number);
    for (let jj = 0; jj <= j; jj++) {
      const ya = ext[jj] as number;
      const yb = ext[b + jj] as number;
      const yc = ext[cc + jj] as number;
      const yd = ext[dd + jj] as number;
      acc[at] = (acc[at] as number) + a0 * ya + b0 * yb + c0 * yc + d0 * yd;
      acc[at + 1] = (acc[at + 1] as number) + a1 * ya + b1 * yb + c1 * yc + d1 * yd;
      acc[at + 2] = (acc[at + 2] as number) + a2 * ya + b2 * yb + c2 * yc + d2 * yd;
      acc[at + 3] = (acc[at + 3] as number) + a3 * ya + b3 * yb + c3 * yc + d3 * yd;
      acc[at + 4] = (acc[at + 4] as number) + a4 * ya + b4 * yb + c4 * yc + d4 * yd;
      acc[at + 5] = (acc[at + 5] as number) + a5 * ya + b5 * yb + c5 * yc + d5 * yd;
      at += 6;
    }
  }
}

/** Hessian of the mean log loss (without the penalty) on a strided subsample, p × p with p = 3(d+1). */
export function meanLogLossHessian(
  z: Float64Array,
  n: number,
  d: number,
  theta: Float64Array,
  maxRows: number,
  weights: Float64Array | null,
): Float64Array {
  const e = d + 1;
  const p = e * K;
  const h = new Float64Array(p * p);
  const stride = Math.max(1, Math.floor(n / maxRows));
  // BLOCK rows' inputs (each followed by the intercept's 1) and curvatures.
  const ext = new Float64Array(e * BLOCK);
  for (let r = 0; r < BLOCK; r++) ext[r * e + d] = 1;
  const c = new Float64Array(6 * BLOCK);
  // Lower triangle of the per-row outer product, accumulated per class pair (k ≤ k'), the six pairs of one entry
  // side by side, rows added in order (so the sums, and the Hessian, do not depend on the blocking).
  const entries = (e * (e + 1)) / 2;
  let used = 0;
  const acc = new Float64Array(entries * 6);
  let filled = 0;
  for (let i = 0; i < n; i += stride) {
    const wi = weights ? (weights[i] as number) : 1;
    used += wi;
    rowCurvature(z, i, d, theta, wi, ext, filled * e, c, filled * 6);
    filled++;
    if (filled === BLOCK) {
      accumulateBlock(acc, ext, c, e);
      filled = 0;
    }
  }
  for (let r = 0; r < filled; r++)
    accumulateRow(acc, ext.subarray(r * e, r * e + e), c.subarray(r * 6, r * 6 + 6), e);
  const pairs: [number, number][] = [
    [0, 0],
    [0, 1],
    [0, 2],
    [1, 1],
    [1, 2],
    [2, 2],
  ];
  // Index of (feature j, class k): weights j*K+k for j < d, intercept d*K+k.
  const index = (j: number, k: number) => j * K + k;
  for (let pair = 0; pair < 6; pair++) {
    const [k, kk] = pairs[pair] as [number, number];
    let at = pair;
    for (let j = 0; j < e; j++) {
      for (let jj = 0; jj <= j; jj++) {
        const v = (acc[at] as number) / (used || 1);
        at += 6;
        const r1 = index(j, k);
        const c1 = index(jj, kk);
        const r2 = index(jj, k);
        const c2 = index(j, kk);
        h[r1 * p + c1] = v;
        h[c1 * p + r1] = v;
        h[r2 * p + c2] = v;
        h[c2 * p + r2] = v;
      }
    }
  }
  return h;
}

/** Cholesky factorisation in place: the lower triangle of `a` becomes L with A = L·Lᵀ. */
function cholesky(a: Float64Array, p: number): Float64Array {
  for (let j = 0; j < p; j++) {
    let diag = a[j * p + j] as number;
    for (let k = 0; k < j; k++) diag -= (a[j * p + k] as number) ** 2;
    const l = Math.sqrt(Math.max(diag, 1e-300));
    a[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (a[i * p + k] as number) * (a[j * p + k] as number);
      a[i * p + j] = s / l;
    }
  }
  return a;
}

/** Solves L·Lᵀ x = b from a Cholesky factor. */
function solveCholesky(l: Float64Array, b: Float64Array, p: number): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    let s = x[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] as number) * (x[k] as number);
    x[i] = s / (l[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] as number) * (x[k] as number);
    x[i] = s / (l[i * p + i] as number);
  }
  return x;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

export function minimiseNewton(
  z: Float64Array,
  y: Uint8Array,
  n: number,
  d: number,
  start: Float64Array,
  options: NewtonOptions,
): NewtonResult {
  const p = (d + 1) * K;
  const theta = Float64Array.from(start);
  const gradient = new Float64Array(p);
  const candidate = new Float64Array(p);
  const candidateGradient = new Float64Array(p);
  const weights = options.weights ?? null;
  let value = multinomialObjective(z, y, n, d, options.l2, theta, gradient, weights);
  let factor = options.factor && options.factor.length === p * p ? options.factor : null;
  let fresh = false;
  let hessians = 0;
  const freshFactor = (): Float64Array => {
    hessians++;
    const h = meanLogLossHessian(z, n, d, theta, HESSIAN_ROWS, weights);
    // The penalty's curvature on the weights; a whisker on the intercepts, whose sum the softmax cannot see.
    for (let t = 0; t < p; t++) h[t * p + t] = (h[t * p + t] as number) + (t < d * K ? options.l2 : 0) + 1e-8;
    fresh = true;
    return cholesky(h, p);
  };
  const result = (iterations: number, converged: boolean): NewtonResult => ({
    theta,
    value,
    iterations,
    converged,
    factor: factor ?? freshFactor(),
    hessians,
  });
  // A borrowed factor drives at most BORROWED_STEPS steps; after that (or once it fails to give a full step)
  // the iteration is plain Newton with a fresh Hessian each step.
  let borrowedSteps = 0;
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    if (maxAbs(gradient) < options.tolerance) return result(iteration, true);
    if (!factor || (!fresh && borrowedSteps >= BORROWED_STEPS)) factor = freshFactor();
    const step = solveCholesky(factor, gradient, p);
    let scale = 1;
    let next = Number.POSITIVE_INFINITY;
    let slope = 0;
    for (let t = 0; t < p; t++) slope -= (gradient[t] as number) * (step[t] as number);
    for (let tries = 0; tries < 30; tries++) {
      for (let t = 0; t < p; t++) candidate[t] = (theta[t] as number) - scale * (step[t] as number);
      // The gradient comes along: an accepted step (the usual case) then needs no second pass.
      next = multinomialObjective(z, y, n, d, options.l2, candidate, candidateGradient, weights);
      if (next <= value + 1e-4 * scale * slope) break;
      scale *= 0.5;
      if (!fresh) break;
    }
    if (!fresh && scale < 1) {
      // The borrowed curvature is too stale for a full step: measure it here and retry.
      factor = null;
      continue;
    }
    if (!fresh) borrowedSteps++;
    if (!(next <= value)) return result(iteration, false);
    theta.set(candidate);
    gradient.set(candidateGradient);
    value = next;
    // A fresh factor was measured at the previous point: from now on it is borrowed (and replaced next step
    // unless the caller handed one in).
    if (fresh && !options.factor) factor = null;
    fresh = false;
  }
  return result(options.maxIterations, maxAbs(gradient) < options.tolerance);
}
