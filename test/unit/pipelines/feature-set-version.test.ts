import { describe, expect, it } from 'vitest';
import { loadParams } from '../../../src/config/params.ts';
import { FEATURE_REVISION } from '../../../src/features/feature-names.ts';
import { featureSetVersionOf } from '../../../src/pipelines/run/feature-source.ts';

describe('the feature-set version', () => {
  const features = loadParams().features;

  it('moves with the params and with the code revision, and with nothing else', () => {
    const now = featureSetVersionOf(features);
    expect(now).toMatch(/^fs-[0-9a-f]{12}$/);
    expect(featureSetVersionOf(structuredClone(features))).toBe(now);
    expect(featureSetVersionOf(features, FEATURE_REVISION)).toBe(now);
    expect(featureSetVersionOf(features, FEATURE_REVISION - 1)).not.toBe(now);
    const changed = { ...features, shots: { ...features.shots, goal_weight: 0.5 } };
    expect(featureSetVersionOf(changed)).not.toBe(now);
  });
});
