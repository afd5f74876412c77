/**
 * Batch inference speed: 1,000,000 feature rows through the ONNX predictor the batch_inference stage uses
 * (a softmax regression over 31 features, as the champion recipe has). Target ≤ 10 s.
 *
 *   node --import tsx bench/batch-inference.ts [rows]
 */
import { randomPredictor } from './support/random-predictor.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const d = 31;
const { predictor, uniform } = await randomPredictor(d, 1);
// Feature rows as the stage holds them: a Float64 matrix from the feature table.
const x = new Float64Array(rows * d);
for (let i = 0; i < x.length; i++) x[i] = uniform() * 4 - 2;

const t0 = performance.now();
const p = await predictor.predictBatch(x, rows);
const seconds = (performance.now() - t0) / 1000;
let sum = 0;
for (let i = 0; i < rows; i++)
  sum += (p[i * 3] as number) + (p[i * 3 + 1] as number) + (p[i * 3 + 2] as number);
await predictor.release();
console.log(
  JSON.stringify({
    bench: 'batch-inference',
    rows,
    features: d,
    seconds: Number(seconds.toFixed(3)),
    rows_per_second: Math.round(rows / seconds),
    mean_row_sum: Number((sum / rows).toFixed(6)),
    target_seconds: 10,
  }),
);
