/**
 * Batch inference speed: 1,000,000 feature rows through the ONNX predictor the batch_inference stage uses
 * (a softmax regression over 31 features, as the champion recipe has). Target ≤ 10 s.
 *
 *   node --import tsx bench/batch-inference.ts [rows]
 */
import type { ModelSignature } from '../src/domain/model-signature.ts';
import { createPredictor } from '../src/inference/predictor.ts';
import { INPUT_NAME, OUTPUT_NAME, softmaxRegressionToOnnx } from '../src/models/onnx/softmax-regression.ts';
import { sha256Hex } from '../src/registry/checksum.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const d = 31;
const featureNames = Array.from({ length: d }, (_, j) => `f${j}`);
let state = 1;
const uniform = () => {
  state = (state * 1103515245 + 12345) % 2 ** 31;
  return state / 2 ** 31;
};
const bytes = softmaxRegressionToOnnx({
  featureNames,
  mean: featureNames.map(() => 0),
  scale: featureNames.map(() => 1),
  weights: featureNames.map(() => [uniform() - 0.5, uniform() - 0.5, uniform() - 0.5]),
  bias: [0.2, -0.1, 0],
});
const signature: ModelSignature = {
  inputName: INPUT_NAME,
  outputName: OUTPUT_NAME,
  featureNames,
  classes: [0, 1, 2],
  featureSetVersion: 'bench',
};
const predictor = await createPredictor(
  {
    name: 'bench',
    version: 1,
    runId: null,
    sha256: sha256Hex(bytes),
    signature,
    artifactUri: 'memory://bench',
  },
  bytes,
);
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
