/**
 * Design loop for the champion (issue #14): builds the feature table of a folder of football-data files once and
 * keeps it, with the margin-free closing market of every finished match from --market-from on, in one file, so
 * bench/champion-design.ts can try model variants in seconds instead of rebuilding features each time.
 *
 *   node --import tsx bench/champion-cache.ts [--data ../shared/data/football] [--out /tmp/champion-table.bin]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serialize } from 'node:v8';
import { loadParams } from '../src/config/params.ts';
import { buildFeatureTable } from '../src/features/feature-table.ts';
import { readFootballDataInMemory } from '../src/ingest/football-data/in-memory.ts';
import { MARKET_PREFERENCE, marketProbabilities } from '../src/pipelines/evaluation/model-market.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join(import.meta.dirname, '../../shared/data/football') },
    out: { type: 'string', default: '/tmp/champion-table.bin' },
    params: { type: 'string' },
    'market-from': { type: 'string', default: '2020-07-01' },
    now: { type: 'string', default: '2026-12-04T00:00:00Z' },
  },
});
const params = values.params ? loadParams(values.params) : loadParams();
const nowMs = Date.parse(values.now);
const started = process.cpuUsage();
const data = await readFootballDataInMemory([values.data], { nowMs });
const table = buildFeatureTable(data.matches, params.features, { nowMs });
const marketFromMs = Date.parse(`${values['market-from']}T00:00:00Z`);
const wanted = new Set<number>();
table.matches.forEach((m, row) => {
  if ((table.outcome[row] as number) >= 0 && m.startTimeMs >= marketFromMs) wanted.add(m.matchId);
});
const market = marketProbabilities(data.odds, params.evaluate.margin_method, MARKET_PREFERENCE, wanted);
const marketP = new Float64Array(table.n * 3).fill(Number.NaN);
table.matches.forEach((m, row) => {
  const p = market.get(m.matchId);
  if (p) marketP.set(p, row * 3);
});
const regionName = (id: number) => data.regionNames.get(id) ?? `region ${id}`;
writeFileSync(
  values.out,
  serialize({
    featureNames: table.featureNames,
    n: table.n,
    d: table.d,
    x: table.x,
    outcome: table.outcome,
    startTimeMs: Float64Array.from(table.matches, (m) => m.startTimeMs),
    matchId: Float64Array.from(table.matches, (m) => m.matchId),
    sex: Uint8Array.from(table.matches, (m) => m.sex),
    league: table.matches.map((m) => `${regionName(m.regionId)} / ${m.competition}`),
    homeTeam: Float64Array.from(table.matches, (m) => m.homeTeamId),
    awayTeam: Float64Array.from(table.matches, (m) => m.awayTeamId),
    market: marketP,
  }),
);
const cpu = process.cpuUsage(started);
console.error(
  `${table.n} rows × ${table.d} features, ${market.size} market prices → ${values.out}; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
);
