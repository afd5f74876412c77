/** ONNX parity on real feature rows (Elo points, goal rates, rest days side by side), not just toy inputs. */
import * as ort from 'onnxruntime-node';
import { expect, it } from 'vitest';
import { loadParams } from '../../../src/config/params.ts';
import { buildFeatureTable } from '../../../src/features/feature-table.ts';
import { datasetFromRows, featuresOfRows } from '../../../src/models/dataset.ts';
import { createLogisticRegressionTrainer } from '../../../src/models/logistic-regression.ts';
import { INPUT_NAME, OUTPUT_NAME } from '../../../src/models/onnx/softmax-regression.ts';
import { syntheticLeague } from '../features/synthetic-league.ts';

it('the exported graph matches predict to 1e-6 on feature-table rows', async () => {
  const params = loadParams();
  const table = buildFeatureTable(syntheticLeague({ seed: 9, teams: 10, seasons: 3 }), params.features, {
    nowMs: Date.UTC(2030, 0, 1),
  });
  const rows = Array.from({ length: table.n }, (_, i) => i);
  const model = createLogisticRegressionTrainer({ l2: params.train.l2 }).train(datasetFromRows(table, rows), {
    seed: 1,
  });
  const x32 = Float32Array.from(featuresOfRows(table, rows));
  const session = await ort.InferenceSession.create(model.toOnnx());
  const out = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', x32, [table.n, table.d]) });
  const onnx = out[OUTPUT_NAME]?.data as Float32Array;
  const ts = model.predict(Float64Array.from(x32), table.n);
  let worst = 0;
  for (let i = 0; i < ts.length; i++)
    worst = Math.max(worst, Math.abs((onnx[i] as number) - (ts[i] as number)));
  expect(worst).toBeLessThan(1e-6);
  await session.release();
});
