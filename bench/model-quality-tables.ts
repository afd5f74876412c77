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
import type { EvaluationReport } from '../src/pipelines/evaluation/evaluation.ts';
import type { GroupScores } from '../src/pipelines/evaluation/scores-by-group.ts';

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

const Z95 = 1.959964;

/**
 * The champion's log-loss gap to the market pooled over `groups`, with its 95 % interval: each league's paired
 * interval (gap_to_market) gives its standard error, and the pooled mean's is Σ (n_g / N)² · se_g².
 */
function pooledGap(groups: readonly GroupScores[]): string {
  let n = 0;
  let total = 0;
  let variance = 0;
  for (const g of groups) {
    const gap = g.gap_to_market?.[champion];
    if (gap?.log_loss === null || gap?.log_loss === undefined) continue;
    n += gap.n;
    total += gap.n * gap.log_loss;
  }
  for (const g of groups) {
    const gap = g.gap_to_market?.[champion];
    const ci = gap?.log_loss_ci95;
    if (!gap || !ci) return `${signed(total / n)} (no interval: a league under 30 matches)`;
    const se = (ci[1] - ci[0]) / (2 * Z95);
    variance += (gap.n / n) ** 2 * se * se;
  }
  const mean = total / n;
  const half = Z95 * Math.sqrt(variance);
  return `${signed(mean)} [${signed(mean - half)}, ${signed(mean + half)}]`;
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
    const shown =
      metric === 'log_loss' && groups.every((g) => g.gap_to_market) ? pooledGap(groups) : signed(gap);
    console.log(`| ${set} | ${metric} | ${n} | ${cells.join(' | ')} | ${shown} |`);
  }
}

// How many leagues each target holds in, per set.
console.log('');
for (const [set, groups] of sets) {
  const gap = (g: GroupScores, a: string, b: string) =>
    (g.scores[a]?.log_loss as number) - (g.scores[b]?.log_loss as number);
  const beatsElo = groups.filter((g) => gap(g, champion, 'elo_ordered_logit') < 0).length;
  const over = groups
    .filter((g) => gap(g, champion, 'market') > 0.03)
    .map((g) => {
      const ci = g.gap_to_market?.[champion]?.log_loss_ci95;
      return ci ? `${g.group} (95 % interval ${signed(ci[0])} to ${signed(ci[1])})` : g.group;
    });
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
  const ci = g.gap_to_market?.[champion]?.log_loss_ci95;
  const shown = ci ? `${signed(gap)} [${signed(ci[0])}, ${signed(ci[1])}]` : signed(gap);
  console.log(
    `| ${g.group} | ${heldOut(g) ? 'held out' : 'tuned'} | ${g.n} | ${cells.join(' | ')} | ${shown} |`,
  );
}
if (report.pre_match_only) {
  const p = report.pre_match_only;
  console.log('');
  console.log(
    `matches with a pre-match price (n = ${report.n_pre_match}): ` +
      names.map((name) => `${name} ${f4(p[name]?.log_loss as number)}`).join(', '),
  );
  const aware = report.gap_to_pre_match_market?.market_aware;
  if (aware?.log_loss !== null && aware?.log_loss !== undefined && aware.log_loss_ci95)
    console.log(
      `market_aware − market_pre_match there: ${signed(aware.log_loss)} ` +
        `[${signed(aware.log_loss_ci95[0])}, ${signed(aware.log_loss_ci95[1])}]`,
    );
}
console.log(
  `ECE: ${Object.entries(report.calibration_error)
    .map(([k, v]) => `${k} ${v?.toFixed(4)}`)
    .join(', ')}`,
);
