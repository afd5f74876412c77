import { describe, expect, it } from 'vitest';
import { InvalidFeaturesError, ModelLoadError } from '../../../src/inference/inference-errors.ts';
import { createPredictor, type PredictorModel } from '../../../src/inference/predictor.ts';
import { sha256Hex } from '../../../src/registry/checksum.ts';
import { ChecksumMismatchError } from '../../../src/registry/registry-errors.ts';
import {
  FIXTURE_FEATURES,
  fixtureHomeProbabilityAtZero,
  fixtureModel,
  fixtureSignature,
} from '../../support/onnx-fixtures.ts';

function modelOf(bytes: Uint8Array, overrides: Partial<PredictorModel> = {}): PredictorModel {
  return {
    name: 'm',
    version: 1,
    runId: null,
    sha256: sha256Hex(bytes),
    signature: fixtureSignature(),
    artifactUri: 'file:///tmp/m/1/model.onnx',
    ...overrides,
  };
}

describe('ONNX predictor', () => {
  const bytes = fixtureModel([0.4, 0, -0.4]);

  it('returns three probabilities summing to 1, matching the model', async () => {
    const predictor = await createPredictor(modelOf(bytes), bytes);
    const p = await predictor.predict([0, 0, 0, 0], [...FIXTURE_FEATURES]);
    expect(p).toHaveLength(3);
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 12);
    expect(p[0]).toBeCloseTo(fixtureHomeProbabilityAtZero([0.4, 0, -0.4]), 5);
    const stronger = await predictor.predict([2, 0, 0, 0]);
    expect(stronger[0]).toBeGreaterThan(p[0]);
    await predictor.release();
  });

  it('predicts a batch exactly like row by row', async () => {
    const predictor = await createPredictor(modelOf(bytes), bytes);
    const n = 50;
    const x = new Float64Array(n * 4).map((_, i) => Math.sin(i) * 3);
    const batch = await predictor.predictBatch(x, n);
    expect(batch).toHaveLength(n * 3);
    for (const r of [0, 17, 49]) {
      const single = await predictor.predict(x.subarray(r * 4, r * 4 + 4));
      expect(batch[r * 3]).toBeCloseTo(single[0], 12);
      expect((batch[r * 3] ?? 0) + (batch[r * 3 + 1] ?? 0) + (batch[r * 3 + 2] ?? 0)).toBeCloseTo(1, 12);
    }
    expect(await predictor.predictBatch(new Float32Array(0), 0)).toHaveLength(0);
    await predictor.release();
  });

  it('refuses feature vectors that do not fit the signature', async () => {
    const predictor = await createPredictor(modelOf(bytes), bytes);
    await expect(predictor.predict([0, 0, 0])).rejects.toBeInstanceOf(InvalidFeaturesError);
    await expect(predictor.predict([0, 0, 0, Number.NaN])).rejects.toBeInstanceOf(InvalidFeaturesError);
    await expect(predictor.predict([0, 0, 0, 0], ['a', 'b', 'c', 'd'])).rejects.toThrow(
      /the model expects diff_elo/,
    );
    await predictor.release();
  });

  it('refuses bytes whose sha256 differs from the registered one', async () => {
    const other = fixtureModel([1, 1, 1]);
    await expect(createPredictor(modelOf(bytes), other)).rejects.toBeInstanceOf(ChecksumMismatchError);
  });

  it('refuses a graph that lacks the signature input or is not ONNX', async () => {
    const wrongInput = modelOf(bytes, { signature: { ...fixtureSignature(), inputName: 'x' } });
    await expect(createPredictor(wrongInput, bytes)).rejects.toBeInstanceOf(ModelLoadError);
    const junk = new Uint8Array([1, 2, 3]);
    await expect(createPredictor(modelOf(junk), junk)).rejects.toBeInstanceOf(ModelLoadError);
  });
});
