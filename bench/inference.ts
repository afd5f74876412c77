/**
 * In-process ONNX inference speed: one row through the Predictor (validation + session.run + renormalisation),
 * p50/p99 over many calls after a warm-up, and one batch of many rows in as few session calls as possible.
 * The model is a softmax regression over 31 features, the size of the champion recipe. Target: one row ≤ 50 µs
 * at p50.
 *
 *   node --import tsx bench/inference.ts [--calls 20000] [--rows 1000000]
 */
import { parseArgs } from 'node:util';
import { randomPredictor } from './support/random-predictor.ts';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '20000' }, rows: { type: 'string', default: '1000000' } },
});
const calls = Number(values.calls);
const rows = Number(values.rows);

const d = 31;
const { predictor, featureNames, uniform } = await randomPredictor(d, 7);

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const vectors = Array.from({ length: 256 }, () => Array.from({ length: d }, () => uniform() * 4 - 2));
for (let i = 0; i < 2000; i++) await predictor.predict(vectors[i % vectors.length] ?? [], featureNames);
const latencies = new Float64Array(calls);
for (let i = 0; i < calls; i++) {
  const start = process.hrtime.bigint();
  await predictor.predict(vectors[i % vectors.length] ?? [], featureNames);
  latencies[i] = Number(process.hrtime.bigint() - start) / 1000;
}
latencies.sort();
console.log(
  `one row (validate + run + normalise), ${calls} calls: p50 ${percentile(latencies, 0.5).toFixed(1)} µs, p99 ${percentile(latencies, 0.99).toFixed(1)} µs`,
);

const x = new Float32Array(rows * d);
for (let i = 0; i < x.length; i++) x[i] = uniform() * 4 - 2;
const started = performance.now();
const out = await predictor.predictBatch(x, rows);
const seconds = (performance.now() - started) / 1000;
console.log(
  `batch of ${rows} rows × ${d} features: ${seconds.toFixed(2)} s (${Math.round(rows / seconds).toLocaleString('en')} rows/s, ${out.length / 3} results)`,
);
await predictor.release();
