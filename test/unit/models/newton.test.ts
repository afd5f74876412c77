/**
 * Newton's Hessian accumulates rows in blocks (newton.ts `accumulateBlock`) for speed only: every entry must be
 * the per-row sum in row order, so fits stay the same bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/domain/seeded-random.ts';
import { meanLogLossHessian } from '../../../src/models/newton.ts';

/** The definition, one row at a time in row order: Σ_i (x_ij·w_i·c_kk'(i))·x_ij' / Σ_i w_i. */
function rowByRowHessian(
  z: Float64Array,
  n: number,
  d: number,
  theta: Float64Array,
  stride: number,
  weights: Float64Array | null,
): Float64Array {
  const e = d + 1;
  const p = 3 * e;
  const sums = new Float64Array(p * p);
  let used = 0;
  for (let i = 0; i < n; i += stride) {
    const wi = weights ? (weights[i] as number) : 1;
    used += wi;
    const x = [...z.subarray(i * d, i * d + d), 1];
    const logits = [0, 1, 2].map((k) => {
      let l = theta[d * 3 + k] as number;
      for (let j = 0; j < d; j++) l += (x[j] as number) * (theta[j * 3 + k] as number);
      return l;
    });
    const m = Math.max(...logits);
    const ex = logits.map((l) => Math.exp(l - m));
    const t = (ex[0] as number) + (ex[1] as number) + (ex[2] as number);
    const q = ex.map((v) => v / t);
    const c = (k: number, kk: number) =>
      k === kk ? wi * (q[k] as number) * (1 - (q[k] as number)) : -wi * (q[k] as number) * (q[kk] as number);
    for (let k = 0; k < 3; k++) {
      for (let kk = k; kk < 3; kk++) {
        for (let j = 0; j < e; j++) {
          for (let jj = 0; jj <= j; jj++) {
            const at = (j * 3 + k) * p + (jj * 3 + kk);
            sums[at] = (sums[at] as number) + (x[j] as number) * c(k, kk) * (x[jj] as number);
          }
        }
      }
    }
  }
  const h = new Float64Array(p * p);
  for (let k = 0; k < 3; k++) {
    for (let kk = k; kk < 3; kk++) {
      for (let j = 0; j < e; j++) {
        for (let jj = 0; jj <= j; jj++) {
          const v = (sums[(j * 3 + k) * p + (jj * 3 + kk)] as number) / (used || 1);
          for (const [r, s] of [
            [j * 3 + k, jj * 3 + kk],
            [jj * 3 + k, j * 3 + kk],
          ] as const) {
            h[r * p + s] = v;
            h[s * p + r] = v;
          }
        }
      }
    }
  }
  return h;
}

describe('meanLogLossHessian', () => {
  // Row counts around the block size, strided subsamples and row weights.
  const cases = [
    { n: 1, d: 3, maxRows: 100, weighted: false },
    { n: 7, d: 5, maxRows: 100, weighted: true },
    { n: 64, d: 4, maxRows: 100, weighted: false },
    { n: 403, d: 9, maxRows: 100, weighted: true },
    { n: 1001, d: 12, maxRows: 5_000, weighted: false },
  ];
  it.each(cases)(
    'is the row-by-row sum bit for bit (n $n, d $d, at most $maxRows rows, weighted $weighted)',
    ({ n, d, maxRows, weighted }) => {
      const random = seededRandom(n * 31 + d);
      const z = Float64Array.from({ length: n * d }, () => random() * 4 - 2);
      const theta = Float64Array.from({ length: d * 3 + 3 }, () => random() - 0.5);
      const weights = weighted ? Float64Array.from({ length: n }, () => 0.2 + random()) : null;
      const stride = Math.max(1, Math.floor(n / maxRows));
      const h = meanLogLossHessian(z, n, d, theta, maxRows, weights);
      const expected = rowByRowHessian(z, n, d, theta, stride, weights);
      expect(Array.from(h)).toEqual(Array.from(expected));
    },
  );
});
