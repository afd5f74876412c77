/**
 * ONNX parity of the boosted trees. Branches must agree exactly: the TypeScript predictor compares
 * fround(x) ≤ threshold with float32 thresholds, as onnxruntime does. What may differ is arithmetic: onnxruntime
 * sums the leaf weights and takes the softmax in float32, the TypeScript model in float64. With 200 trees and
 * raw scores of order 1, the float32 sum carries an error of a few 1e-7 (rounding of ~200 additions of
 * 2^-24-relative size, partly cancelling), so the probabilities agree to 1e-6 but not bit for bit.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { GbdtTrainer } from '../../../src/models/gbdt/gbdt-trainer.ts';
import type { TreeEnsemble } from '../../../src/models/gbdt/tree.ts';
import { treeEnsembleToOnnx } from '../../../src/models/onnx/tree-ensemble.ts';
import { nonlinearDataset } from './gbdt-synthetic.ts';

async function runOnnx(bytes: Uint8Array, x: Float64Array, n: number, d: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ features: new ort.Tensor('float32', Float32Array.from(x), [n, d]) });
  const probabilities = out.probabilities;
  if (!probabilities) throw new Error('no probabilities output');
  return probabilities.data as Float32Array;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('GBDT → ONNX', () => {
  it('onnxruntime returns the TypeScript probabilities to 1e-6, including values on and near thresholds', async () => {
    const data = nonlinearDataset(4000, 6, 3);
    const model = new GbdtTrainer({
      maxIterations: 200,
      learningRate: 0.1,
      minDataInLeaf: 30,
      validationFraction: 0,
    }).train(data, { seed: 2 });
    expect(model.params.rounds).toBe(200);
    // Probe rows: the training rows plus rows sitting exactly on integer bin edges and a hair away from them in
    // float64 (a float64 comparison would branch differently from float32 there).
    const d = data.d;
    const probes = new Float64Array(data.x);
    for (let r = 0; r < 500; r++) {
      probes[r * d + 2] = (r % 7) + (r % 2 === 0 ? 0.5 : 0.5 + 1e-12);
      probes[r * d] = Math.fround(probes[r * d]!) + 1e-13;
    }
    const ts = model.predict(probes, data.n);
    const onnx = await runOnnx(model.toOnnx(), probes, data.n, d);
    const max = maxAbsDifference(ts, onnx);
    console.info(`GBDT ONNX parity over ${model.params.rounds} trees: max |Δp| = ${max.toExponential(2)}`);
    expect(max).toBeLessThan(1e-6);
  });

  it('exports single-leaf trees and the base scores', async () => {
    const ensemble: TreeEnsemble = {
      numClasses: 3,
      baseScore: [Math.fround(0.3), Math.fround(-0.1), Math.fround(-0.4)],
      trees: [
        {
          feature: Int32Array.from([-1]),
          splitBin: Int32Array.from([0]),
          threshold: Float64Array.from([0]),
          left: Int32Array.from([-1]),
          right: Int32Array.from([-1]),
          value: Float64Array.from([0.25, 0, -0.25].map(Math.fround)),
        },
        {
          feature: Int32Array.from([1, -1, -1]),
          splitBin: Int32Array.from([0, 0, 0]),
          threshold: Float64Array.from([Math.fround(0.1), 0, 0]),
          left: Int32Array.from([1, -1, -1]),
          right: Int32Array.from([2, -1, -1]),
          value: Float64Array.from([0, 0, 0, 1, 0, 0, 0, 0, 1]),
        },
      ],
    };
    const x = Float64Array.from([5, 0.1, 5, 0.1000001]);
    const onnx = await runOnnx(treeEnsembleToOnnx(ensemble, ['a', 'b']), x, 2, 2);
    const softmax = (s: number[]): number[] => {
      const e = s.map(Math.exp);
      const total = e.reduce((acc, v) => acc + v, 0);
      return e.map((v) => v / total);
    };
    const expected = [...softmax([1.55, -0.1, -0.65]), ...softmax([0.55, -0.1, 0.35])];
    expect(maxAbsDifference(onnx, expected)).toBeLessThan(1e-6);
  });
});
