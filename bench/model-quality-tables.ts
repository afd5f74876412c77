/**
 * The docs/model-quality.md tables from one `matchcast evaluate --json` report: pooled log loss and RPS on the
 * tuned leagues (the 20 football-data main divisions) and on the held-out ones (the new-leagues files and the
 * women's leagues), then every league with its set. Pooled = the n-weighted mean of the per-league means, which
 * is exactly the mean over the set's matches.
 *
 *   node bin/matchcast.js evaluate --data ../shared/data/football --test-from 2024-07-01 --json > report.json
 *   node --import tsx bench/model-quality-tables.ts report.json
 */
import { readFileSync } from 'node:fs';
import type { EvaluationReport, GroupScores } from '../src/pipelines/evaluation/evaluation.ts';

const HELD_OUT_REGIONS = ['Argentina', 'Brazil', 'Japan', 'USA'];
const heldOut = (g: GroupScores) =>
  g.group.includes('(women)') || HELD_OUT_REGIONS.some((r) => g.group.startsWith(`${r} /`));

const path = process.argv[2];
if (!path) throw new Error('usage: bench/model-quality-tables.ts <evaluate --json report>');
const report = JSON.parse(readFileSync(path, 'utf8')) as EvaluationReport;
const names = [...report.models, 'market_pre_match', 'market'].filter((n) => report.overall[n]);
const champion = report.models[0] as string;
const f4 = (v: number) => v.toFixed(4);
const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(4)}`;

function pooled(groups: readonly GroupScores[], name: string, metric: 'log_loss' | 'rps'): number {
  let n = 0;
  let total = 0;
  for (const g of groups) {
    const v = g.scores[name]?.[metric];
    if (v === undefined || v === null) continue;
    n += g.n;
    total += g.n * v;
  }
  return total / n;
}

const sets: [string, GroupScores[]][] = [
  ['tuned', report.by_league.filter((g) => !heldOut(g))],
  ['held out', report.by_league.filter(heldOut)],
  ['all', [...report.by_league]],
];
console.log(`| set | metric | n | ${names.join(' | ')} | ${champion} − market |`);
console.log(`| --- | --- | ---: | ${names.map(() => '---:').join(' | ')} | ---: |`);
for (const [set, groups] of sets) {
  const n = groups.reduce((a, g) => a + g.n, 0);
  for (const metric of ['log_loss', 'rps'] as const) {
    const cells = names.map((name) => f4(pooled(groups, name, metric)));
    const gap = pooled(groups, champion, metric) - pooled(groups, 'market', metric);
    console.log(`| ${set} | ${metric} | ${n} | ${cells.join(' | ')} | ${signed(gap)} |`);
  }
}

// How many leagues each target holds in, per set.
console.log('');
for (const [set, groups] of sets) {
  const gap = (g: GroupScores, a: string, b: string) =>
    (g.scores[a]?.log_loss as number) - (g.scores[b]?.log_loss as number);
  const beatsElo = groups.filter((g) => gap(g, champion, 'elo_ordered_logit') < 0).length;
  const over = groups.filter((g) => gap(g, champion, 'market') > 0.03).map((g) => g.group);
  const aware = groups.filter((g) => g.scores.market_aware && gap(g, 'market_aware', 'market_pre_match') < 0);
  console.log(
    `${set}: ${champion} beats elo_ordered_logit in ${beatsElo} of ${groups.length}; worse than market + 0.03: ` +
      `${over.length ? over.join(', ') : 'none'}; market_aware beats market_pre_match in ${aware.length} of ${groups.length}`,
  );
}

console.log('');
console.log(`| league | set | n | ${names.join(' | ')} | ${champion} − market |`);
console.log(`| --- | --- | ---: | ${names.map(() => '---:').join(' | ')} | ---: |`);
for (const g of report.by_league) {
  const cells = names.map((name) => f4(g.scores[name]?.log_loss as number));
  const gap = (g.scores[champion]?.log_loss as number) - (g.scores.market?.log_loss as number);
  console.log(
    `| ${g.group} | ${heldOut(g) ? 'held out' : 'tuned'} | ${g.n} | ${cells.join(' | ')} | ${signed(gap)} |`,
  );
}
if (report.pre_match_only) {
  const p = report.pre_match_only;
  console.log('');
  console.log(
    `matches with a pre-match price (n = ${report.n_pre_match}): ` +
      names.map((name) => `${name} ${f4(p[name]?.log_loss as number)}`).join(', '),
  );
}
console.log(
  `ECE: ${Object.entries(report.calibration_error)
    .map(([k, v]) => `${k} ${v?.toFixed(4)}`)
    .join(', ')}`,
);
