/**
 * Small, real ONNX models for tests and benchmarks: a softmax regression over named features (the same exporter
 * the trainer uses), with its signature and a matching feature-set manifest.
 */
import type { FeatureSetManifest } from '../../src/domain/artifacts.ts';
import type { ModelSignature } from '../../src/domain/model-signature.ts';
import {
  INPUT_NAME,
  OUTPUT_NAME,
  softmaxRegressionToOnnx,
} from '../../src/models/onnx/softmax-regression.ts';

export const FIXTURE_FEATURES = [
  'diff_elo',
  'diff_points_5_mean',
  'diff_goals_for_5_mean',
  'rest_days_diff',
] as const;
export const FIXTURE_FEATURE_SET_VERSION = 'test-fs-1';

export function fixtureFeatureSet(
  featureNames: readonly string[] = FIXTURE_FEATURES,
  version = FIXTURE_FEATURE_SET_VERSION,
): FeatureSetManifest {
  return { version, featureNames, rows: 100, createdAt: '2026-01-01T00:00:00.000Z' };
}

export function fixtureSignature(featureSet: FeatureSetManifest = fixtureFeatureSet()): ModelSignature {
  return {
    inputName: INPUT_NAME,
    outputName: OUTPUT_NAME,
    featureNames: featureSet.featureNames,
    classes: [0, 1, 2],
    featureSetVersion: featureSet.version,
  };
}

/**
 * A softmax regression whose bias is `bias` (so tests can tell versions apart by their probabilities: a larger
 * first bias favours a home win) and whose weights depend on the first feature only.
 */
export function fixtureModel(
  bias: readonly [number, number, number] = [0.2, 0, -0.2],
  featureNames: readonly string[] = FIXTURE_FEATURES,
): Uint8Array {
  const d = featureNames.length;
  return softmaxRegressionToOnnx({
    featureNames,
    mean: new Array<number>(d).fill(0),
    scale: new Array<number>(d).fill(1),
    weights: featureNames.map((_, i) => (i === 0 ? [0.5, 0, -0.5] : [0.01 * i, 0, -0.01 * i])),
    bias: [...bias],
  });
}

/** Home-win probability of `fixtureModel(bias)` for an all-zero feature vector: softmax(bias)[0]. */
export function fixtureHomeProbabilityAtZero(bias: readonly [number, number, number]): number {
  const e = bias.map(Math.exp);
  return (e[0] ?? 0) / e.reduce((a, b) => a + b, 0);
}
