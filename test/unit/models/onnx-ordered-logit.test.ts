/**
 * ONNX parity of the ordered logit: the graph gathers the model's column from the full feature vector and
 * computes in float32 with the same float32-rounded coefficients, so only float32 arithmetic (~1e-7) separates it
 * from the float64 TypeScript probabilities.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../src/models/gbdt/prng.ts';
import { OrderedLogitTrainer } from '../../../src/models/ordered-logit.ts';

describe('ordered logit → ONNX', () => {
  it('onnxruntime returns the TypeScript probabilities to 1e-6 from the full feature vector', async () => {
    const prng = createPrng(8);
    const n = 3000;
    const d = 4;
    const x = new Float64Array(n * d);
    const y = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      const elo = (prng.next() - 0.4) * 800;
      x.set([prng.next() * 50, prng.next(), elo, 1e6 * prng.next()], r * d);
      const u = prng.next() + elo / 2000;
      y[r] = u > 0.55 ? 0 : u > 0.3 ? 1 : 2;
    }
    const model = new OrderedLogitTrainer('elo').train({ featureNames: ['a', 'b', 'elo', 'c'], n, d, x, y });
    const session = await ort.InferenceSession.create(model.toOnnx());
    const out = await session.run({ features: new ort.Tensor('float32', Float32Array.from(x), [n, d]) });
    const onnx = out.probabilities?.data as Float32Array;
    const ts = model.predict(x, n);
    let max = 0;
    for (let i = 0; i < ts.length; i++) max = Math.max(max, Math.abs(ts[i]! - onnx[i]!));
    expect(onnx.length).toBe(n * 3);
    console.info(`ordered logit ONNX parity: max |Δp| = ${max.toExponential(2)}`);
    expect(max).toBeLessThan(1e-6);
  });
});
