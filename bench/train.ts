/**
 * Logistic-regression training speed: the feature table of 200,000 synthetic matches, every row a training
 * row, fitted by Newton's method from scratch. Target ≤ 15 s on the 2-core machine.
 *
 *   node --import tsx bench/train.ts [--matches 200000]
 */
import { parseArgs } from 'node:util';
import { loadParams } from '../src/config/params.ts';
import { buildFeatureTable } from '../src/features/feature-table.ts';
import { datasetFromRows } from '../src/models/dataset.ts';
import { createLogisticRegressionTrainer } from '../src/models/logistic-regression.ts';
import { syntheticMatches } from './support/synthetic-matches.ts';

const { values } = parseArgs({ options: { matches: { type: 'string', default: '200000' } } });
const target = Number(values.matches);
const params = loadParams();
const matches = syntheticMatches(target);
const table = buildFeatureTable(matches, params.features, { nowMs: Date.now() });
const rows = Array.from({ length: table.n }, (_, i) => i).filter((i) => (table.outcome[i] as number) >= 0);
const data = datasetFromRows(table, rows);

const trainer = createLogisticRegressionTrainer({
  l2: params.train.l2,
  maxIterations: params.train.max_iterations,
  tolerance: params.train.tolerance,
});
const started = performance.now();
const cpuStart = process.cpuUsage();
const model = trainer.train(data, { seed: params.train.seed });
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    bench: 'train_logreg',
    rows: data.n,
    features: data.d,
    seconds: Number(seconds.toFixed(2)),
    // CPU time of this process: a fairer figure than wall time when other work shares the cores.
    cpu_seconds: Number((process.cpuUsage(cpuStart).user / 1e6).toFixed(2)),
    iterations: model.params.iterations,
    converged: model.params.converged,
  }),
);
