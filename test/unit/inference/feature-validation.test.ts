import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normaliseProbabilities,
  validateFeatureMatrix,
  validateFeatureVector,
} from '../../../src/inference/feature-validation.ts';
import { InvalidFeaturesError } from '../../../src/inference/inference-errors.ts';
import { FIXTURE_FEATURES, fixtureSignature } from '../../support/onnx-fixtures.ts';

const signature = fixtureSignature();
const names = [...FIXTURE_FEATURES];

describe('feature validation', () => {
  it('accepts a vector of the right length, names and finite values', () => {
    expect(() => validateFeatureVector(signature, [1, 2, 3, 4], names)).not.toThrow();
    expect(() => validateFeatureVector(signature, [1, 2, 3, 4])).not.toThrow();
  });

  it.each([
    [[1, 2, 3], names, /got 3 feature values, the model takes 4/],
    [[1, 2, 3, Number.NaN], names, /rest_days_diff is NaN/],
    [[1, 2, Number.POSITIVE_INFINITY, 4], names, /diff_goals_for_5_mean is Infinity/],
    [[1, 2, 3, 4], names.slice(0, 3), /got 3 feature names/],
    [
      [1, 2, 3, 4],
      [names[1], names[0], names[2], names[3]],
      /feature 0 is diff_points_5_mean, the model expects diff_elo/,
    ],
  ] as const)('refuses %j with names %j', (values, given, message) => {
    expect(() => validateFeatureVector(signature, values, given as readonly string[])).toThrow(
      InvalidFeaturesError,
    );
    expect(() => validateFeatureVector(signature, values, given as readonly string[])).toThrow(message);
  });

  it('checks matrices by shape and finiteness', () => {
    expect(() => validateFeatureMatrix(signature, new Float64Array(8), 2)).not.toThrow();
    expect(() => validateFeatureMatrix(signature, new Float64Array(7), 2)).toThrow(
      /7 values, expected 2 rows × 4/,
    );
    const x = new Float64Array(8);
    x[6] = Number.NaN;
    expect(() => validateFeatureMatrix(signature, x, 2)).toThrow(
      /row 1 feature diff_goals_for_5_mean is NaN/,
    );
  });

  it('normalises any positive triple to rows summing to 1, keeping the ratios', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.float({ min: Math.fround(1e-6), max: 10, noNaN: true }),
            fc.float({ min: Math.fround(1e-6), max: 10, noNaN: true }),
            fc.float({ min: Math.fround(1e-6), max: 10, noNaN: true }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        (rows) => {
          const raw = Float32Array.from(rows.flat());
          const p = normaliseProbabilities(raw, rows.length);
          for (let r = 0; r < rows.length; r++) {
            const sum = (p[r * 3] ?? 0) + (p[r * 3 + 1] ?? 0) + (p[r * 3 + 2] ?? 0);
            expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
            expect((p[r * 3] ?? 0) / (p[r * 3 + 1] ?? 1)).toBeCloseTo(
              (raw[r * 3] ?? 0) / (raw[r * 3 + 1] ?? 1),
              6,
            );
          }
        },
      ),
    );
  });

  it('refuses negative, NaN or all-zero outputs', () => {
    expect(() => normaliseProbabilities([0, 0, 0], 1)).toThrow(/invalid probabilities/);
    expect(() => normaliseProbabilities([-0.1, 0.6, 0.5], 1)).toThrow(/invalid probabilities/);
    expect(() => normaliseProbabilities([Number.NaN, 0.6, 0.5], 1)).toThrow(/invalid probabilities/);
  });
});
