/**
 * Training time and predict throughput of the gradient-boosted trees on synthetic football-like data
 * (default 200,000 rows × 40 features; outcome from an ordered-logit of a nonlinear strength difference).
 *
 *   npx tsx bench/gbdt.ts [rows] [features]
 */
import * as ort from 'onnxruntime-node';
import { GbdtTrainer } from '../src/models/gbdt/gbdt-trainer.ts';
import { createPrng } from '../src/models/gbdt/prng.ts';
import type { Dataset } from '../src/models/model.ts';

function syntheticDataset(n: number, d: number, seed: number): Dataset {
  const prng = createPrng(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - prng.next())) * Math.cos(2 * Math.PI * prng.next());
  const x = new Float64Array(n * d);
  const y = new Uint8Array(n);
  const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
  for (let r = 0; r < n; r++) {
    for (let f = 0; f < d; f++) x[r * d + f] = f % 5 === 4 ? prng.int(10) : gauss();
    const s = 0.8 * x[r * d]! + 0.4 * Math.tanh(2 * x[r * d + 1]!) + 0.3 * x[r * d + 2]! * x[r * d + 3]!;
    const pAway = sigmoid(-0.9 - s);
    const pNotHome = sigmoid(0.4 - s);
    const u = prng.next();
    y[r] = u < pAway ? 2 : u < pNotHome ? 1 : 0;
  }
  return { featureNames: Array.from({ length: d }, (_, f) => `f${f}`), n, d, x, y };
}

const n = Number(process.argv[2] ?? 200_000);
const d = Number(process.argv[3] ?? 40);
const data = syntheticDataset(n, d, 1);

// CPU time beside wall time: on a shared machine the process may get a fraction of a core.
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const model = new GbdtTrainer().train(data, { seed: 7 });
const trainMs = performance.now() - t0;
const trainCpuMs = (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000;

const t1 = performance.now();
model.predict(data.x, n);
const predictMs = performance.now() - t1;

const session = await ort.InferenceSession.create(model.toOnnx());
const input = new ort.Tensor('float32', Float32Array.from(data.x), [n, d]);
const t2 = performance.now();
await session.run({ features: input });
const onnxMs = performance.now() - t2;
const one = new ort.Tensor('float32', Float32Array.from(data.x.subarray(0, d)), [1, d]);
const single = 2000;
const t3 = performance.now();
for (let i = 0; i < single; i++) await session.run({ features: one });
const singleUs = ((performance.now() - t3) / single) * 1000;

console.log(
  JSON.stringify(
    {
      rows: n,
      features: d,
      params: model.params,
      train_wall_s: +(trainMs / 1000).toFixed(2),
      train_cpu_s: +(trainCpuMs / 1000).toFixed(2),
      ts_predict_rows_per_s: Math.round(n / (predictMs / 1000)),
      onnx_batch_rows_per_s: Math.round(n / (onnxMs / 1000)),
      onnx_single_row_us: +singleUs.toFixed(1),
    },
    null,
    2,
  ),
);
