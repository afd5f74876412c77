/**
 * Pure checks of feature vectors against a model signature: the right count, the right names in the right
 * order, and finite numbers only (NaN or Infinity would silently turn into garbage probabilities).
 */
import type { ModelSignature } from '../domain/model-signature.ts';
import { InvalidFeaturesError } from './inference-errors.ts';

/** Throws InvalidFeaturesError unless `values` fits the signature; `names`, when given, must match exactly. */
export function validateFeatureVector(
  signature: ModelSignature,
  values: ArrayLike<number>,
  names?: readonly string[],
): void {
  const expected = signature.featureNames;
  if (names !== undefined) {
    if (names.length !== expected.length) {
      throw new InvalidFeaturesError(`got ${names.length} feature names, the model takes ${expected.length}`);
    }
    for (let i = 0; i < expected.length; i++) {
      if (names[i] !== expected[i]) {
        throw new InvalidFeaturesError(`feature ${i} is ${names[i]}, the model expects ${expected[i]} there`);
      }
    }
  }
  if (values.length !== expected.length) {
    throw new InvalidFeaturesError(`got ${values.length} feature values, the model takes ${expected.length}`);
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new InvalidFeaturesError(`feature ${expected[i]} is ${values[i]}, expected a finite number`);
    }
  }
}

/** Throws InvalidFeaturesError unless `x` holds `n` rows of finite values of the signature's width. */
export function validateFeatureMatrix(signature: ModelSignature, x: ArrayLike<number>, n: number): void {
  const d = signature.featureNames.length;
  if (!Number.isInteger(n) || n < 0 || x.length !== n * d) {
    throw new InvalidFeaturesError(`matrix has ${x.length} values, expected ${n} rows × ${d} features`);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      const row = Math.floor(i / d);
      throw new InvalidFeaturesError(
        `row ${row} feature ${signature.featureNames[i % d]} is ${x[i]}, expected a finite number`,
      );
    }
  }
}

/**
 * float32 probabilities → float64 rows that sum to 1: each row is divided by its own sum, which removes the
 * float32 rounding (and any model that emits unnormalised scores).
 */
export function normaliseProbabilities(raw: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * 3);
  for (let r = 0; r < n; r++) {
    const a = raw[r * 3] ?? Number.NaN;
    const b = raw[r * 3 + 1] ?? Number.NaN;
    const c = raw[r * 3 + 2] ?? Number.NaN;
    const sum = a + b + c;
    if (!(sum > 0) || !Number.isFinite(sum) || a < 0 || b < 0 || c < 0) {
      throw new InvalidFeaturesError(`model returned invalid probabilities [${a}, ${b}, ${c}] for row ${r}`);
    }
    out[r * 3] = a / sum;
    out[r * 3 + 1] = b / sum;
    out[r * 3 + 2] = c / sum;
  }
  return out;
}
