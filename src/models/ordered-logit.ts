/**
 * The simple reference: an ordered logit on one rating difference (by default the goal-based Elo difference
 * with home advantage). The outcome is ordered away < draw < home along a latent η = βx:
 *   P(away) = σ(c1 − βx),  P(draw) = σ(c2 − βx) − σ(c1 − βx),  P(home) = 1 − σ(c2 − βx).
 * Fitted by maximum likelihood with Newton steps (the log-likelihood is concave in c1, c2, β), so the fit is
 * deterministic and needs no seed.
 *
 * @example
 *   const reference = new OrderedLogitTrainer('elo_diff').train(dataset, { seed: 0 });
 */
import type { Dataset, TrainedModel, Trainer } from './model.ts';
import { orderedLogitToOnnx } from './onnx/ordered-logit.ts';

export interface OrderedLogitFit {
  readonly beta: number;
  readonly cut1: number;
  readonly cut2: number;
  readonly iterations: number;
  /** Mean log-likelihood per row at the optimum. */
  readonly meanLogLikelihood: number;
}

const MAX_ITERATIONS = 100;
const GRADIENT_TOLERANCE = 1e-10;

/** Class order of the model (0 home, 1 draw, 2 away) mapped to the ordinal rank along η (away lowest). */
const RANK = [2, 1, 0] as const;

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Maximum-likelihood fit of (β, c1, c2) for values x and outcome classes y (0 home, 1 draw, 2 away). */
export function fitOrderedLogit(x: ArrayLike<number>, y: ArrayLike<number>): OrderedLogitFit {
  const n = y.length;
  const counts = [0, 0, 0];
  let mean = 0;
  for (let i = 0; i < n; i++) {
    counts[RANK[y[i] as 0 | 1 | 2]]! += 1;
    mean += x[i]!;
  }
  if (counts.some((c) => c === 0)) throw new Error('ordered logit: every outcome must occur at least once');
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (x[i]! - mean) ** 2;
  const scale = Math.sqrt(variance / n) || 1;
  const z = Float64Array.from({ length: n }, (_, i) => (x[i]! - mean) / scale);
  const rank = Uint8Array.from({ length: n }, (_, i) => RANK[y[i] as 0 | 1 | 2]);

  // θ = [c1, c2, β] on the standardised scale, started at the class frequencies with β = 0.
  const logit = (p: number): number => Math.log(p / (1 - p));
  let theta = [logit(counts[0]! / n), logit((counts[0]! + counts[1]!) / n), 0];
  let current = evaluate(theta, z, rank, false);
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS; iterations++) {
    const step = solve3(current.hessian, current.gradient);
    if (Math.hypot(...current.gradient) < GRADIENT_TOLERANCE * n) break;
    // Newton ascent step (H is negative definite), halved until the likelihood rises and the cuts stay ordered.
    let t = 1;
    let next = null;
    for (let halvings = 0; halvings < 40; halvings++, t /= 2) {
      const candidate = theta.map((v, j) => v - t * step[j]!);
      if (candidate[1]! <= candidate[0]!) continue;
      const value = evaluate(candidate, z, rank, true);
      if (value.logLikelihood >= current.logLikelihood) {
        next = { theta: candidate, value };
        break;
      }
    }
    if (!next) break;
    const gain = next.value.logLikelihood - current.logLikelihood;
    theta = next.theta;
    current = evaluate(theta, z, rank, false);
    if (gain < 1e-13 * n) break;
  }
  const [c1, c2, b] = theta as [number, number, number];
  // Undo the standardisation: c − b(x − m)/s = (c + b·m/s) − (b/s)·x.
  return {
    beta: b / scale,
    cut1: c1 + (b * mean) / scale,
    cut2: c2 + (b * mean) / scale,
    iterations,
    meanLogLikelihood: current.logLikelihood / n,
  };
}

interface Evaluation {
  readonly logLikelihood: number;
  readonly gradient: number[];
  readonly hessian: number[][];
}

function evaluate(
  theta: readonly number[],
  z: Float64Array,
  rank: Uint8Array,
  valueOnly: boolean,
): Evaluation {
  const b = theta[2]!;
  let ll = 0;
  const g = [0, 0, 0];
  const h = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 0; i < z.length; i++) {
    const eta = b * z[i]!;
    const r = rank[i]!;
    // The row's probability is F(upper − η) − F(lower − η); a missing cut is ±∞ where F, f and f' vanish.
    const upperCut = r === 0 ? 0 : r === 1 ? 1 : -1;
    const lowerCut = r === 0 ? -1 : r === 1 ? 0 : 1;
    const fu = upperCut < 0 ? 1 : sigmoid(theta[upperCut]! - eta);
    const fv = lowerCut < 0 ? 0 : sigmoid(theta[lowerCut]! - eta);
    const p = fu - fv;
    ll += Math.log(p);
    if (valueOnly) continue;
    const du = upperCut < 0 ? 0 : fu * (1 - fu);
    const dv = lowerCut < 0 ? 0 : fv * (1 - fv);
    const d2u = du * (1 - 2 * fu);
    const d2v = dv * (1 - 2 * fv);
    const lu = du / p;
    const lv = -dv / p;
    const luu = d2u / p - lu * lu;
    const lvv = -d2v / p - lv * lv;
    const luv = -lu * lv;
    // u = c_upper − β z and v = c_lower − β z: their gradients in θ = [c1, c2, β].
    const ju = [upperCut === 0 ? 1 : 0, upperCut === 1 ? 1 : 0, -z[i]!];
    const jv = [lowerCut === 0 ? 1 : 0, lowerCut === 1 ? 1 : 0, -z[i]!];
    for (let a = 0; a < 3; a++) {
      g[a]! += lu * ju[a]! + lv * jv[a]!;
      for (let c = 0; c < 3; c++) {
        h[a]![c]! +=
          luu * ju[a]! * ju[c]! + lvv * jv[a]! * jv[c]! + luv * (ju[a]! * jv[c]! + jv[a]! * ju[c]!);
      }
    }
  }
  return { logLikelihood: ll, gradient: g, hessian: h };
}

/** Solves the 3 × 3 system A s = b by Gaussian elimination with partial pivoting. */
function solve3(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < 3; r++) {
      const factor = m[r]![col]! / m[col]![col]!;
      for (let c = col; c < 4; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  const s = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let acc = m[r]![3]!;
    for (let c = r + 1; c < 3; c++) acc -= m[r]![c]! * s[c]!;
    s[r] = acc / m[r]![r]!;
  }
  return s;
}

/** Probabilities (home, draw, away) of the ordered logit for one value. */
export function orderedLogitProbabilities(
  fit: Pick<OrderedLogitFit, 'beta' | 'cut1' | 'cut2'>,
  x: number,
): [number, number, number] {
  const away = sigmoid(fit.cut1 - fit.beta * x);
  const notHome = sigmoid(fit.cut2 - fit.beta * x);
  return [1 - notHome, notHome - away, away];
}

export class OrderedLogitTrainer implements Trainer {
  readonly family = 'ordered_logit';

  /** @param featureName the single column the model reads, e.g. "elo_diff" (home advantage included). */
  constructor(readonly featureName: string) {}

  train(data: Dataset): TrainedModel {
    const column = data.featureNames.indexOf(this.featureName);
    if (column < 0) throw new Error(`ordered logit: feature "${this.featureName}" is not in the dataset`);
    const d = data.d;
    const values = Float64Array.from({ length: data.n }, (_, r) => data.x[r * d + column]!);
    const raw = fitOrderedLogit(values, data.y);
    // Rounded to float32 so the TypeScript model and the float32 ONNX graph hold the very same coefficients.
    const fit = { beta: Math.fround(raw.beta), cut1: Math.fround(raw.cut1), cut2: Math.fround(raw.cut2) };
    const featureNames = data.featureNames;
    return {
      family: this.family,
      featureNames,
      params: {
        feature: this.featureName,
        ...fit,
        iterations: raw.iterations,
        meanLogLikelihood: raw.meanLogLikelihood,
      },
      predict: (x, n) => {
        if (x.length !== n * d)
          throw new Error(`ordered logit: expected ${n} × ${d} values, got ${x.length}`);
        const out = new Float64Array(n * 3);
        // fround: read the value as the float32 ONNX graph does, so both see the same input.
        for (let r = 0; r < n; r++) {
          out.set(orderedLogitProbabilities(fit, Math.fround(x[r * d + column]!)), r * 3);
        }
        return out;
      },
      toOnnx: () => orderedLogitToOnnx({ featureNames, featureIndex: column, ...fit }),
    };
  }
}
