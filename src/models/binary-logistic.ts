/**
 * A small binary logistic regression (a handful of inputs, weighted rows, a light ridge on the slopes) fitted by
 * Newton's method with an exact Hessian: what recalibrating one probability on a few covariates needs, where the
 * 3-class champion's machinery would be overkill.
 *
 * @example
 *   const fit = fitBinaryLogistic(x, y, 2); // x: n × 2 row-major, y: 0/1
 *   binaryLogisticPredict(fit.coefficients, [0.1, -0.2]); // probability of y = 1
 */

export interface BinaryLogisticOptions {
  /** Ridge on the slopes (not the intercept), in units of one row's log loss. */
  readonly l2?: number;
  readonly maxIterations?: number;
}

export interface BinaryLogisticFit {
  /** Intercept, then one slope per input. */
  readonly coefficients: readonly number[];
  readonly converged: boolean;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Probability of the positive class for one input vector. */
export function binaryLogisticPredict(coefficients: readonly number[], x: ArrayLike<number>): number {
  let z = coefficients[0] as number;
  for (let j = 0; j < x.length; j++) z += (coefficients[j + 1] as number) * (x[j] as number);
  return sigmoid(z);
}

/** Solves the k × k system a · s = b in place by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, k: number): Float64Array {
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) {
      if (Math.abs(a[r * k + c] as number) > Math.abs(a[pivot * k + c] as number)) pivot = r;
    }
    if (pivot !== c) {
      for (let j = 0; j < k; j++) {
        const t = a[c * k + j] as number;
        a[c * k + j] = a[pivot * k + j] as number;
        a[pivot * k + j] = t;
      }
      const t = b[c] as number;
      b[c] = b[pivot] as number;
      b[pivot] = t;
    }
    const diagonal = a[c * k + c] as number;
    for (let r = c + 1; r < k; r++) {
      const f = (a[r * k + c] as number) / diagonal;
      if (f === 0) continue;
      for (let j = c; j < k; j++) a[r * k + j] = (a[r * k + j] as number) - f * (a[c * k + j] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  const s = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let v = b[r] as number;
    for (let j = r + 1; j < k; j++) v -= (a[r * k + j] as number) * (s[j] as number);
    s[r] = v / (a[r * k + r] as number);
  }
  return s;
}

/** Fits P(y = 1) = σ(b0 + Σ bj xj) on n rows of d inputs (x row-major). */
export function fitBinaryLogistic(
  x: Float64Array,
  y: Uint8Array,
  d: number,
  options: BinaryLogisticOptions = {},
): BinaryLogisticFit {
  const n = y.length;
  const k = d + 1;
  const l2 = options.l2 ?? 1e-3;
  const maxIterations = options.maxIterations ?? 50;
  const theta = new Float64Array(k);
  const g = new Float64Array(k);
  const h = new Float64Array(k * k);
  const row = new Float64Array(k);
  // The ridge is per row, so its pull does not depend on how many rows there are.
  const ridge = l2 * Math.max(n, 1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    g.fill(0);
    h.fill(0);
    for (let i = 0; i < n; i++) {
      row[0] = 1;
      for (let j = 0; j < d; j++) row[j + 1] = x[i * d + j] as number;
      let z = 0;
      for (let j = 0; j < k; j++) z += (theta[j] as number) * (row[j] as number);
      const q = sigmoid(z);
      const e = q - (y[i] as number);
      const v = q * (1 - q);
      for (let a = 0; a < k; a++) {
        g[a] = (g[a] as number) + e * (row[a] as number);
        for (let b = a; b < k; b++)
          h[a * k + b] = (h[a * k + b] as number) + v * (row[a] as number) * (row[b] as number);
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) h[a * k + b] = h[b * k + a] as number;
    for (let a = 1; a < k; a++) {
      g[a] = (g[a] as number) + ridge * (theta[a] as number);
      h[a * k + a] = (h[a * k + a] as number) + ridge;
    }
    // A row set of one class only: keep the intercept finite.
    h[0] = (h[0] as number) + 1e-9 * Math.max(n, 1);
    const step = solve(h, g, k);
    let largest = 0;
    for (let a = 0; a < k; a++) {
      theta[a] = (theta[a] as number) - (step[a] as number);
      largest = Math.max(largest, Math.abs(step[a] as number));
    }
    if (largest < 1e-9) return { coefficients: [...theta], converged: true };
  }
  return { coefficients: [...theta], converged: false };
}
