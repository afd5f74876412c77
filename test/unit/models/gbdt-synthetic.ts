/** Seeded synthetic 3-class data with a known nonlinear truth, for the GBDT and ONNX parity tests. */
import { createPrng } from '../../../src/models/gbdt/prng.ts';
import type { Dataset } from '../../../src/models/model.ts';

export interface SyntheticData extends Dataset {
  /** n × 3 true class probabilities (home, draw, away). */
  readonly truth: Float64Array;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * x0, x1 uniform on [−2, 2] drive a nonlinear strength s = 1.5·sin(1.5·x0) + x1² − 1; the outcome follows an
 * ordered logit on s. x2 is an integer feature (ties on bin edges), x3… are noise at mixed scales.
 */
export function nonlinearDataset(n: number, d: number, seed: number): SyntheticData {
  const prng = createPrng(seed);
  const x = new Float64Array(n * d);
  const y = new Uint8Array(n);
  const truth = new Float64Array(n * 3);
  for (let r = 0; r < n; r++) {
    const o = r * d;
    x[o] = prng.next() * 4 - 2;
    x[o + 1] = prng.next() * 4 - 2;
    for (let f = 2; f < d; f++) x[o + f] = f === 2 ? prng.int(7) : (prng.next() - 0.5) * 10 ** (f % 4);
    const s = 1.5 * Math.sin(1.5 * x[o]!) + x[o + 1]! ** 2 - 1;
    const away = sigmoid(-0.7 - 1.5 * s);
    const notHome = sigmoid(0.5 - 1.5 * s);
    truth.set([1 - notHome, notHome - away, away], r * 3);
    const u = prng.next();
    y[r] = u < away ? 2 : u < notHome ? 1 : 0;
  }
  return { featureNames: Array.from({ length: d }, (_, f) => `x${f}`), n, d, x, y, truth };
}

/** Rows [from, to) of a dataset as its own dataset. */
export function sliceRows(data: Dataset, from: number, to: number): Dataset {
  return {
    featureNames: data.featureNames,
    n: to - from,
    d: data.d,
    x: data.x.slice(from * data.d, to * data.d),
    y: data.y.slice(from, to),
  };
}

/** Mean multi-class log loss of n × 3 probabilities. */
export function logLoss(p: Float64Array, y: Uint8Array): number {
  let total = 0;
  for (let r = 0; r < y.length; r++) total -= Math.log(p[r * 3 + y[r]!]!);
  return total / y.length;
}
