import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createLogisticRegressionTrainer } from '../../../src/models/logistic-regression.ts';
import type { Dataset } from '../../../src/models/model.ts';
import { multinomialObjective } from '../../../src/models/newton.ts';
import { INPUT_NAME, OUTPUT_NAME } from '../../../src/models/onnx/softmax-regression.ts';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Rows drawn from a known softmax model; features on very different scales (like Elo points and shares). */
function simulated(n: number, seed = 1): Dataset {
  const random = lcg(seed);
  const d = 4;
  const x = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const elo = (random() - 0.5) * 600;
    const form = random();
    const rest = 2 + random() * 12;
    const noise = random();
    x.set([elo, form, rest, noise], i * d);
    const home = 0.3 + elo / 200 + form;
    const draw = 0;
    const away = -elo / 200;
    const m = Math.max(home, draw, away);
    const e0 = Math.exp(home - m);
    const e1 = Math.exp(draw - m);
    const e2 = Math.exp(away - m);
    const u = random() * (e0 + e1 + e2);
    y[i] = u < e0 ? 0 : u < e0 + e1 ? 1 : 2;
  }
  return { featureNames: ['elo_diff', 'form', 'rest', 'noise'], n, d, x, y };
}

describe('logistic regression', () => {
  const data = simulated(4000);
  const trainer = createLogisticRegressionTrainer({ l2: 0.4 });
  const model = trainer.train(data, { seed: 1 });

  it('converges to a stationary point of the penalised log loss', () => {
    expect(model.params.converged).toBe(true);
    const { mean, scale } = model.coefficients;
    const z = new Float64Array(data.n * data.d);
    for (let i = 0; i < data.n; i++)
      for (let j = 0; j < data.d; j++)
        z[i * data.d + j] = ((data.x[i * data.d + j] as number) - (mean[j] as number)) / (scale[j] as number);
    const theta = new Float64Array(data.d * 3 + 3);
    theta.set(model.coefficients.weights, 0);
    theta.set(model.coefficients.bias, data.d * 3);
    const gradient = new Float64Array(theta.length);
    multinomialObjective(z, data.y, data.n, data.d, 0.4 / data.n, theta, gradient);
    // float32 rounding of the stored coefficients bounds how small the gradient can be
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-5);
  });

  it('recovers the direction of the true effects and gives rows that sum to 1', () => {
    const w = model.coefficients.weights;
    // elo_diff pushes home up and away down
    expect((w[0] as number) - (w[2] as number)).toBeGreaterThan(1);
    const p = model.predict(data.x, 10);
    for (let i = 0; i < 10; i++)
      expect((p[i * 3] as number) + (p[i * 3 + 1] as number) + (p[i * 3 + 2] as number)).toBeCloseTo(1, 12);
  });

  it('is deterministic and a warm start reaches the same optimum', () => {
    const again = trainer.train(data, { seed: 99 });
    expect(Array.from(again.coefficients.weights)).toEqual(Array.from(model.coefficients.weights));
    const warm = trainer.trainFrom(
      simulated(4000),
      { seed: 1 },
      trainer.train(simulated(3000, 5), { seed: 1 }),
    );
    const p1 = warm.predict(data.x, 50);
    const p2 = model.predict(data.x, 50);
    for (let i = 0; i < p1.length; i++) expect(p1[i]).toBeCloseTo(p2[i] as number, 5);
  });

  it('exports an ONNX graph that onnxruntime runs to the same probabilities (1e-6)', async () => {
    const session = await ort.InferenceSession.create(model.toOnnx());
    const n = 500;
    const x = data.x.subarray(0, n * data.d);
    // The graph takes float32: the TypeScript side predicts from the same float32 inputs.
    const x32 = Float32Array.from(x);
    const output = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', x32, [n, data.d]) });
    const onnx = output[OUTPUT_NAME]?.data as Float32Array;
    const ts = model.predict(Float64Array.from(x32), n);
    let worst = 0;
    for (let i = 0; i < n * 3; i++)
      worst = Math.max(worst, Math.abs((onnx[i] as number) - (ts[i] as number)));
    expect(worst).toBeLessThan(1e-6);
    await session.release();
  });

  it('holds inputs to the training range, in predict and in the ONNX graph: no extrapolation', async () => {
    const { lower, upper } = model.coefficients;
    expect(lower[0]).toBeGreaterThanOrEqual(-300);
    expect(upper[0]).toBeLessThanOrEqual(300);
    const row = Array.from(data.x.subarray(0, data.d));
    const far = [
      [1e6, ...row.slice(1)],
      [-1e6, ...row.slice(1)],
    ];
    const atBounds = [
      [upper[0] as number, ...row.slice(1)],
      [lower[0] as number, ...row.slice(1)],
    ];
    const ts = model.predict(Float64Array.from(far.flat()), 2);
    expect(Array.from(ts)).toEqual(Array.from(model.predict(Float64Array.from(atBounds.flat()), 2)));
    // Far outside, an unclamped elo_diff of ±10⁶ would give 1 and 0; held at the bounds it stays a forecast.
    for (const p of ts) expect(p).toBeGreaterThan(0.001);
    const session = await ort.InferenceSession.create(model.toOnnx());
    const output = await session.run({
      [INPUT_NAME]: new ort.Tensor('float32', Float32Array.from(far.flat()), [2, data.d]),
    });
    const onnx = output[OUTPUT_NAME]?.data as Float32Array;
    for (let i = 0; i < 6; i++) expect(Math.abs((onnx[i] as number) - (ts[i] as number))).toBeLessThan(1e-6);
    await session.release();
  });

  it('refuses an empty training set', () => {
    expect(() =>
      trainer.train({ ...data, n: 0, x: new Float64Array(0), y: new Uint8Array(0) }, { seed: 1 }),
    ).toThrow();
  });
});

describe('logistic regression with row weights', () => {
  const data = simulated(2000, 7);
  const trainer = createLogisticRegressionTrainer({ l2: 0.4 });
  const weights = (f: (i: number) => number) => Float64Array.from({ length: data.n }, (_, i) => f(i));

  it('a row of weight 2 counts as the row twice', () => {
    const doubled: Dataset = {
      ...data,
      n: data.n * 2,
      x: Float64Array.from([...data.x, ...data.x]),
      y: Uint8Array.from([...data.y, ...data.y]),
    };
    const a = trainer.train({ ...data, w: weights(() => 2) }, { seed: 1 });
    const b = trainer.train(doubled, { seed: 1 });
    const pa = a.predict(data.x, data.n);
    const pb = b.predict(data.x, data.n);
    for (let i = 0; i < pa.length; i++) expect(pa[i]).toBeCloseTo(pb[i] as number, 5);
  });

  it('a row of weight 0 does not count: changing its label changes nothing', () => {
    const w = weights((i) => (i % 4 === 0 ? 0 : 1 + (i % 3)));
    const relabelled = Uint8Array.from(data.y, (label, i) => (i % 4 === 0 ? (label + 1) % 3 : label));
    const a = trainer.train({ ...data, w }, { seed: 1 });
    const b = trainer.train({ ...data, y: relabelled, w }, { seed: 1 });
    const unweighted = trainer.train(data, { seed: 1 });
    expect(a.params.converged).toBe(true);
    const pa = a.predict(data.x, data.n);
    const pb = b.predict(data.x, data.n);
    for (let i = 0; i < pa.length; i++) expect(pa[i]).toBeCloseTo(pb[i] as number, 6);
    expect(Array.from(unweighted.coefficients.weights)).not.toEqual(Array.from(a.coefficients.weights));
  });
});
