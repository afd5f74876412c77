/**
 * Walk-forward backtest speed over a folder of football-data files (default: all of ../shared/data/football):
 * import into an in-memory PGlite (timed apart), then features once and a warm-started logistic-regression
 * retrain per period. Target for the backtest itself ≤ 3 minutes on the 2-core machine.
 *
 *   node --import tsx bench/backtest.ts [--data ../shared/data/football] [--period month]
 */
import { parseArgs } from 'node:util';
import { loadParams } from '../src/config/params.ts';
import { loadMatchRecords } from '../src/db/match-repository.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDb } from '../src/db/open-db.ts';
import { buildFeatureTable } from '../src/features/feature-table.ts';
import { importFootballData } from '../src/ingest/football-data/import.ts';
import { type BacktestPeriod, walkForward } from '../src/pipelines/evaluation/backtest.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/football' },
    period: { type: 'string', default: 'month' },
  },
});
const params = loadParams();
const db = await openDb({});
await migrate(db);
let t = performance.now();
await importFootballData(db, [values.data as string], { nowMs: Date.now() });
const importSeconds = (performance.now() - t) / 1000;

t = performance.now();
const matches = await loadMatchRecords(db);
const loadSeconds = (performance.now() - t) / 1000;
t = performance.now();
const table = buildFeatureTable(matches, params.features, { nowMs: Date.now() });
const featureSeconds = (performance.now() - t) / 1000;
t = performance.now();
const cpuStart = process.cpuUsage();
const result = walkForward(table, { params, period: values.period as BacktestPeriod, nowMs: Date.now() });
const walkSeconds = (performance.now() - t) / 1000;
// CPU time of this process: a fairer figure than wall time when other work shares the cores.
const walkCpuSeconds = process.cpuUsage(cpuStart).user / 1e6;
await db.close();
console.log(
  JSON.stringify({
    bench: 'backtest',
    matches: matches.length,
    periods: result.periods,
    predictions: result.predictions.length,
    import_seconds: Number(importSeconds.toFixed(1)),
    load_seconds: Number(loadSeconds.toFixed(1)),
    feature_seconds: Number(featureSeconds.toFixed(1)),
    walk_forward_seconds: Number(walkSeconds.toFixed(1)),
    walk_forward_cpu_seconds: Number(walkCpuSeconds.toFixed(1)),
    backtest_seconds: Number((loadSeconds + featureSeconds + walkSeconds).toFixed(1)),
  }),
);
