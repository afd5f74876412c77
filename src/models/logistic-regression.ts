/**
 * Multinomial logistic regression (the champion family): standardised inputs, L2 penalty on the weights (not
 * the intercepts), fitted by Newton's method. Deterministic: no randomness at all, so the seed is irrelevant.
 * Objective: total log loss + l2/2 · ||W||² (W on the standardised scale), i.e. a Gaussian prior of fixed
 * precision `l2`, so small data sets (the demo league) are shrunk harder than 200,000 matches.
 * Inputs are held to the range each feature had in training before they are standardised: a linear model must not
 * extrapolate. A column that barely varied in training (league_history_weight on three long-running leagues:
 * 0.7115–0.7143, sd 0.0003) otherwise turns a value it never saw (0 for a league new to the data) into thousands
 * of standard deviations and a probability of exactly 1 (docs/model-quality.md, "Inputs outside the training range").
 *
 * @example
 *   const model = createLogisticRegressionTrainer({ l2: 100 }).train(dataset, { seed: 42 });
 *   const proba = model.predict(x, n); // n × 3
 */
import type { Dataset, TrainedModel, Trainer, TrainOptions } from './model.ts';
import { minimiseNewton } from './newton.ts';
import { softmaxRegressionToOnnx } from './onnx/softmax-regression.ts';
import { softmaxInto } from './softmax.ts';
import { fitFeatureRange, fitStandardiser } from './standardiser.ts';

export const LOGREG_FAMILY = 'logreg';
const K = 3;

export interface LogisticRegressionOptions {
  /** Prior precision on standardised weights (default 100): total log loss + l2/2 · ||W||². */
  readonly l2?: number;
  /** Newton iterations (default 50). */
  readonly maxIterations?: number;
  /** Gradient tolerance (default 1e-7). */
  readonly tolerance?: number;
}

/** The fitted coefficients. Stored rounded to float32 so the ONNX graph (float32) and `predict` share them. */
export interface LogisticRegressionCoefficients {
  readonly featureNames: readonly string[];
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  /** Smallest and largest training value per feature: inputs are clamped to [lower, upper] first. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** d × 3, row-major: weights[j * 3 + k] */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

export interface LogisticRegressionModel extends TrainedModel {
  readonly coefficients: LogisticRegressionCoefficients;
  /** Cholesky factor of the Hessian at the fit (standardised scale), reused by walk-forward retrains. */
  readonly hessianFactor: Float64Array;
}

export interface LogisticRegressionTrainer extends Trainer {
  train(data: Dataset, options: TrainOptions): LogisticRegressionModel;
  /**
   * Trains starting from an earlier model's coefficients (the walk-forward backtest's warm start). With
   * `reuseScaling` the earlier model's standardisation and curvature are kept too, so a retrain on a slightly
   * larger window costs a few passes over the data instead of fresh Hessians.
   */
  trainFrom(
    data: Dataset,
    options: TrainOptions,
    start: LogisticRegressionModel | null,
    reuseScaling?: boolean,
  ): LogisticRegressionModel;
}

function toFloat32(values: Float64Array): Float64Array {
  return Float64Array.from(values, (v) => Math.fround(v));
}

class FittedLogisticRegression implements LogisticRegressionModel {
  readonly family = LOGREG_FAMILY;
  readonly featureNames: readonly string[];

  constructor(
    readonly coefficients: LogisticRegressionCoefficients,
    readonly params: Readonly<Record<string, unknown>>,
    readonly hessianFactor: Float64Array,
  ) {
    this.featureNames = coefficients.featureNames;
  }

  predict(x: Float64Array, n: number): Float64Array {
    const { mean, scale, lower, upper, weights, bias } = this.coefficients;
    const d = mean.length;
    const out = new Float64Array(n * K);
    const logits = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      logits[0] = bias[0] as number;
      logits[1] = bias[1] as number;
      logits[2] = bias[2] as number;
      for (let j = 0; j < d; j++) {
        const held = Math.min(upper[j] as number, Math.max(lower[j] as number, x[i * d + j] as number));
        const z = (held - (mean[j] as number)) / (scale[j] as number);
        logits[0] = (logits[0] as number) + z * (weights[j * K] as number);
        logits[1] = (logits[1] as number) + z * (weights[j * K + 1] as number);
        logits[2] = (logits[2] as number) + z * (weights[j * K + 2] as number);
      }
      softmaxInto(logits, 0, K, out, i * K);
    }
    return out;
  }

  toOnnx(): Uint8Array {
    const { featureNames, mean, scale, lower, upper, weights, bias } = this.coefficients;
    return softmaxRegressionToOnnx({
      featureNames,
      range: { lower: Array.from(lower), upper: Array.from(upper) },
      mean: Array.from(mean),
      scale: Array.from(scale),
      weights: featureNames.map(
        (_, j) => [weights[j * K], weights[j * K + 1], weights[j * K + 2]] as number[],
      ),
      bias: Array.from(bias),
    });
  }
}

export function createLogisticRegressionTrainer(
  options: LogisticRegressionOptions = {},
): LogisticRegressionTrainer {
  const l2 = options.l2 ?? 100;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-7;

  const trainFrom = (
    data: Dataset,
    _options: TrainOptions,
    start: LogisticRegressionModel | null,
    reuseScaling = false,
  ): LogisticRegressionModel => {
    const { n, d, x, y } = data;
    if (n === 0) throw new Error('logistic regression: no training rows');
    const sameFeatures =
      start !== null &&
      start.featureNames.length === d &&
      start.featureNames.every((name, j) => name === data.featureNames[j]);
    const reuse = reuseScaling && start !== null && sameFeatures;
    let meanF: Float64Array;
    let scaleF: Float64Array;
    if (reuse && start) {
      meanF = start.coefficients.mean;
      scaleF = start.coefficients.scale;
    } else {
      const fitted = fitStandardiser(x, n, d);
      meanF = toFloat32(fitted.mean);
      scaleF = toFloat32(fitted.scale);
    }
    const z = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++)
        z[i * d + j] = ((x[i * d + j] as number) - (meanF[j] as number)) / (scaleF[j] as number);
    }
    const theta0 = new Float64Array(d * K + K);
    if (reuse && start) {
      theta0.set(start.coefficients.weights, 0);
      theta0.set(start.coefficients.bias, d * K);
    } else if (start && sameFeatures) {
      // Re-express the earlier weights on this window's standardisation so the start is the same function.
      const c = start.coefficients;
      for (let k = 0; k < K; k++) theta0[d * K + k] = c.bias[k] as number;
      for (let j = 0; j < d; j++) {
        const ratio = (scaleF[j] as number) / (c.scale[j] as number);
        const shift = ((meanF[j] as number) - (c.mean[j] as number)) / (c.scale[j] as number);
        for (let k = 0; k < K; k++) {
          const w = c.weights[j * K + k] as number;
          theta0[j * K + k] = w * ratio;
          theta0[d * K + k] = (theta0[d * K + k] as number) + w * shift;
        }
      }
    } else {
      // Intercepts at the log class frequencies: the optimum when every weight is zero.
      const counts = [1, 1, 1];
      for (let i = 0; i < n; i++) counts[y[i] as number] = (counts[y[i] as number] as number) + 1;
      for (let k = 0; k < K; k++) theta0[d * K + k] = Math.log((counts[k] as number) / (n + 3));
    }
    // Newton works on the (weighted) mean log loss, so the prior's weight per row is l2 / n (l2 / Σw: a row of
    // weight w counts as w rows).
    const rowWeights = data.w ?? null;
    let total = n;
    if (rowWeights) {
      total = 0;
      for (let i = 0; i < n; i++) total += rowWeights[i] as number;
    }
    const result = minimiseNewton(z, y, n, d, theta0, {
      l2: l2 / total,
      weights: rowWeights,
      maxIterations,
      tolerance,
      factor: reuse && start ? start.hessianFactor : null,
    });
    const weights = toFloat32(result.theta.subarray(0, d * K));
    const bias = toFloat32(result.theta.subarray(d * K));
    // This window's range even when the scaling is reused: a later window may have seen wider values.
    const range = fitFeatureRange(x, n, d);
    return new FittedLogisticRegression(
      {
        featureNames: [...data.featureNames],
        mean: meanF,
        scale: scaleF,
        lower: toFloat32(range.lower),
        upper: toFloat32(range.upper),
        weights,
        bias,
      },
      {
        l2,
        max_iterations: maxIterations,
        tolerance,
        iterations: result.iterations,
        hessians: result.hessians,
        converged: result.converged,
        train_objective: result.value,
        n_train: n,
      },
      result.factor,
    );
  };

  return {
    family: LOGREG_FAMILY,
    train: (data, trainOptions) => trainFrom(data, trainOptions, null),
    trainFrom,
  };
}
