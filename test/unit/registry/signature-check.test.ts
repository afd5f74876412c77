import { describe, expect, it } from 'vitest';
import { graphProblems, signatureProblems } from '../../../src/registry/signature-check.ts';
import { fixtureFeatureSet, fixtureModel, fixtureSignature } from '../../support/onnx-fixtures.ts';

describe('signature checks', () => {
  const featureSet = fixtureFeatureSet();

  it('accepts a signature built from the current feature set', () => {
    expect(signatureProblems(fixtureSignature(featureSet), featureSet)).toEqual([]);
    expect(graphProblems(fixtureModel(), fixtureSignature(featureSet))).toEqual([]);
  });

  it('names reordered, missing and stale features', () => {
    const names = [...featureSet.featureNames];
    const swapped = {
      ...fixtureSignature(featureSet),
      featureNames: [names[1] ?? '', names[0] ?? '', ...names.slice(2)],
    };
    expect(signatureProblems(swapped, featureSet).join()).toMatch(
      /feature 0 is diff_points_5_mean, expected diff_elo/,
    );
    const shorter = { ...fixtureSignature(featureSet), featureNames: names.slice(1) };
    expect(signatureProblems(shorter, featureSet).join()).toMatch(/3 features, current feature set has 4/);
    const stale = { ...fixtureSignature(featureSet), featureSetVersion: 'old' };
    expect(signatureProblems(stale, featureSet).join()).toMatch(/feature set version is old/);
  });

  it('names a graph whose input, width or output does not fit the signature', () => {
    const signature = fixtureSignature(featureSet);
    expect(graphProblems(fixtureModel(undefined, ['a', 'b']), signature).join()).toMatch(/takes 2 features/);
    expect(graphProblems(fixtureModel(), { ...signature, inputName: 'x' }).join()).toMatch(/no input x/);
    expect(graphProblems(fixtureModel(), { ...signature, outputName: 'y' }).join()).toMatch(/no output y/);
    expect(graphProblems(new Uint8Array([1, 2, 3, 255]), signature).join()).toMatch(/not an ONNX model/);
  });
});
