/**
 * How well calibrated the score matrix's over 2.5 goals probability (`dc_over25`) is, without a database: parses
 * the named football-data divisions, builds the feature table, then on finished matches from 2024-07-01 prints the
 * raw log loss, the log loss after a logistic recalibration (outcome on the logit of dc_over25) fitted on the
 * seasons 2015-16 … 2023-24 only, a constant 50 %, and a reliability table. A diagnosis of the raw score
 * matrix: the recalibration served and scored since is src/pipelines/evaluation/calibrated-goal-markets.ts.
 *
 *   npx tsx bench/over-under-calibration.ts [data folder] E0 E1 D1 SP1 I1
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadParams } from '../src/config/params.ts';
import type { MatchRecord } from '../src/domain/match.ts';
import { OVER_UNDER_LINE } from '../src/domain/odds.ts';
import { buildFeatureTable } from '../src/features/feature-table.ts';
import { goalMarketReader } from '../src/features/goal-markets.ts';
import { parseFootballDataFile } from '../src/ingest/football-data/parse-file.ts';

const [folder = '../shared/data/football', ...divisions] = process.argv.slice(2);
const NOW = Date.UTC(2026, 11, 1);
const CUT = Date.UTC(2024, 6, 1);
const TRAIN_FROM = Date.UTC(2015, 6, 1);

const teams = new Map<string, number>();
const teamId = (name: string) => {
  let id = teams.get(name);
  if (id === undefined) {
    id = teams.size;
    teams.set(name, id);
  }
  return id;
};
const matches: MatchRecord[] = [];
divisions.forEach((division, r) => {
  for (const file of readdirSync(join(folder, division))) {
    const path = join(folder, division, file);
    for (const m of parseFootballDataFile(path, readFileSync(path), { nowMs: NOW }).matches) {
      matches.push({
        matchId: matches.length,
        regionId: r + 1,
        competition: m.competition,
        season: m.season,
        sex: m.sex,
        startTimeMs: m.startTimeMs,
        homeTeamId: teamId(`${division}|${m.homeTeam}`),
        awayTeamId: teamId(`${division}|${m.awayTeam}`),
        homeScore: m.homeScore,
        awayScore: m.awayScore,
        status: m.status,
        stats: m.stats,
      });
    }
  }
});
const table = buildFeatureTable(matches, loadParams().features, { nowMs: NOW });
const read = goalMarketReader(table);
if (!read) throw new Error('the feature table has no dc_over25 column');
const rows = (from: number, to: number) =>
  table.matches.flatMap((m, i) =>
    m.homeScore !== null && m.startTimeMs >= from && m.startTimeMs < to ? [i] : [],
  );
const over = (i: number) => {
  const m = table.matches[i] as MatchRecord;
  return (m.homeScore as number) + (m.awayScore as number) > OVER_UNDER_LINE ? 1 : 0;
};
const logit = (p: number) => Math.log(p / (1 - p));
const loss = (p: number, y: number) => -Math.log(y === 1 ? p : 1 - p);
const train = rows(TRAIN_FROM, CUT);
const test = rows(CUT, Number.POSITIVE_INFINITY);

// Newton's method on the two-parameter logistic likelihood.
let a = 0;
let b = 1;
for (let step = 0; step < 50; step++) {
  let g0 = 0;
  let g1 = 0;
  let h00 = 0;
  let h01 = 0;
  let h11 = 0;
  for (const i of train) {
    const x = logit(read(i).over25);
    const q = 1 / (1 + Math.exp(-(a + b * x)));
    const e = q - over(i);
    const w = q * (1 - q);
    g0 += e;
    g1 += e * x;
    h00 += w;
    h01 += w * x;
    h11 += w * x * x;
  }
  const det = h00 * h11 - h01 * h01;
  a -= (h11 * g0 - h01 * g1) / det;
  b -= (h00 * g1 - h01 * g0) / det;
}
const mean = (f: (i: number) => number, list: readonly number[]) =>
  list.reduce((s, i) => s + f(i), 0) / list.length;
console.log(`${divisions.join(' ')}: ${test.length} test matches, recalibration fitted on ${train.length}`);
console.log(`recalibration: logit p' = ${a.toFixed(3)} + ${b.toFixed(3)} · logit p`);
console.log(`log loss raw ${mean((i) => loss(read(i).over25, over(i)), test).toFixed(4)}`);
console.log(
  `log loss recalibrated ${mean((i) => loss(1 / (1 + Math.exp(-(a + b * logit(read(i).over25)))), over(i)), test).toFixed(4)}`,
);
console.log(`log loss of a constant 50 % ${Math.LN2.toFixed(4)}`);
console.log('predicted bin      n  mean predicted  share over');
const edges = [0, 0.35, 0.45, 0.5, 0.55, 0.65, 1];
for (let k = 0; k + 1 < edges.length; k++) {
  const lo = edges[k] as number;
  const hi = edges[k + 1] as number;
  const bin = test.filter((i) => read(i).over25 >= lo && read(i).over25 < hi);
  if (bin.length === 0) continue;
  const label = `[${lo.toFixed(2)}, ${hi.toFixed(2)})`.padEnd(14);
  console.log(
    `${label}${String(bin.length).padStart(6)}${mean((i) => read(i).over25, bin)
      .toFixed(3)
      .padStart(16)}${mean(over, bin).toFixed(3).padStart(12)}`,
  );
}
