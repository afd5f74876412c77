/**
 * Feature-table speed: 200,000 synthetic matches (25 leagues of 20 teams, 21 seasons each) through
 * buildFeatureTable. Target ≤ 10 s on the 2-core machine.
 *
 *   node --import tsx bench/features.ts [--matches 200000]
 */
import { parseArgs } from 'node:util';
import { loadParams } from '../src/config/params.ts';
import { buildFeatureTable } from '../src/features/feature-table.ts';
import { syntheticMatches } from './support/synthetic-matches.ts';

const { values } = parseArgs({ options: { matches: { type: 'string', default: '200000' } } });
const target = Number(values.matches);
const params = loadParams();

const matches = syntheticMatches(target);

const started = performance.now();
const cpuStart = process.cpuUsage();
const table = buildFeatureTable(matches, params.features, { nowMs: Date.now() });
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    bench: 'features',
    matches: table.n,
    features: table.d,
    seconds: Number(seconds.toFixed(2)),
    // CPU time of this process: a fairer figure than wall time when other work shares the cores.
    cpu_seconds: Number((process.cpuUsage(cpuStart).user / 1e6).toFixed(2)),
    matches_per_second: Math.round(table.n / seconds),
  }),
);
