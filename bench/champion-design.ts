/**
 * Champion design loop (issue #14): reads the table bench/champion-cache.ts wrote and scores variants of the
 * fundamentals model on one window — trained once at the cut or refitted walk-forward, with or without recency
 * weights, extra interaction columns, another L2, blends with gbdt — beside the margin-free closing market.
 * Every test match is scored by a model fitted on matches that kicked off strictly before its refit date.
 *
 *   node --import tsx bench/champion-design.ts --test-from 2022-07-01 --test-to 2024-07-01 --variants base,wf
 *
 * Variants (comma-separated): base (logreg fitted once at the cut, as evaluate does) | wf (refitted monthly,
 * warm-started) | wfq (quarterly) | hl<years> (rows weighted by recency, half-life in years, e.g. hl8) |
 * l2_<value> | inter_<groups> (extra columns, see `interactions`) | gbdt | blend (mean of logreg and gbdt
 * probabilities) | blendlo (normalised geometric mean, i.e. averaged log-odds); prefixes combine (wfhl8inter_d).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { deserialize } from 'node:v8';
import { loadParams } from '../src/config/params.ts';
import { GbdtTrainer } from '../src/models/gbdt/gbdt-trainer.ts';
import {
  createLogisticRegressionTrainer,
  type LogisticRegressionModel,
} from '../src/models/logistic-regression.ts';
import { logLoss, rankedProbabilityScore } from '../src/models/metrics.ts';
import type { Dataset } from '../src/models/model.ts';

interface Cache {
  featureNames: string[];
  n: number;
  d: number;
  x: Float64Array;
  outcome: Int8Array;
  startTimeMs: Float64Array;
  sex: Uint8Array;
  league: string[];
  market: Float64Array;
}

const { values } = parseArgs({
  options: {
    cache: { type: 'string', default: '/tmp/champion-table.bin' },
    'test-from': { type: 'string', default: '2022-07-01' },
    'test-to': { type: 'string', default: '2024-07-01' },
    variants: { type: 'string', default: 'base' },
    'per-league': { type: 'boolean', default: false },
    // The gap by calendar month of kick-off (pooled over leagues): where in the season the market knows more.
    'by-month': { type: 'boolean', default: false },
  },
});
const params = loadParams();
const cache = deserialize(readFileSync(values.cache)) as Cache;
const DAY = 86_400_000;
const testFrom = Date.parse(`${values['test-from']}T00:00:00Z`);
const testTo = Date.parse(`${values['test-to']}T00:00:00Z`);
const trainFrom = Date.parse(`${params.train.train_from}T00:00:00Z`);
const col = (name: string) => cache.featureNames.indexOf(name);
const hm = col('home_matches_played');
const am = col('away_matches_played');
const HELD_OUT = /^(Argentina|Brazil|Japan|USA) \/|\(women\)/;

// Eligible training rows (as src/pipelines/evaluation/training-window.ts) and scored rows.
const eligible: number[] = [];
const scored: number[] = [];
for (let i = 0; i < cache.n; i++) {
  const t = cache.startTimeMs[i] as number;
  if ((cache.outcome[i] as number) < 0) continue;
  if (t >= testFrom && t < testTo && !Number.isNaN(cache.market[i * 3] as number)) scored.push(i);
  if (t < trainFrom) continue;
  const x = cache.x;
  if ((x[i * cache.d + hm] as number) < params.train.min_matches_played) continue;
  if ((x[i * cache.d + am] as number) < params.train.min_matches_played) continue;
  eligible.push(i);
}
const yTest = Uint8Array.from(scored, (i) => cache.outcome[i] as number);

type Columns = (row: number, out: Float64Array, at: number) => void;
const baseColumns =
  (d: number): Columns =>
  (row, out, at) => {
    out.set(cache.x.subarray(row * cache.d, row * cache.d + d), at);
  };
// Interaction groups (variant suffix inter_<groups>, e.g. inter_sd): s = women × the main rating differences,
// d = closeness for the draw, p = season progress × rating differences (early-season ratings are stalest),
// e = end of season × ratings and stakes.
const RATINGS = ['elo_diff', 'poisson_log_home_away', 'dc_log_home_away', 'adjusted_poisson_log_home_away'];
function interactions(groups: string): { names: string[]; columns: Columns } {
  const extra: [string, (b: number) => number][] = [];
  const v = (b: number, name: string) => cache.x[b + col(name)] as number;
  if (groups.includes('s')) for (const r of RATINGS) extra.push([`sex×${r}`, (b) => v(b, 'sex') * v(b, r)]);
  if (groups.includes('d')) {
    extra.push(['|poisson|', (b) => Math.abs(v(b, 'poisson_log_home_away'))]);
    extra.push(['|dc|', (b) => Math.abs(v(b, 'dc_log_home_away'))]);
    extra.push([
      'draw×close',
      (b) => v(b, 'league_draw_rate') * Math.exp(-Math.abs(v(b, 'dc_log_home_away'))),
    ]);
  }
  if (groups.includes('p'))
    for (const r of RATINGS) extra.push([`progress×${r}`, (b) => v(b, 'season_progress') * v(b, r)]);
  if (groups.includes('e')) {
    // The last quarter of a season (0 before, rising to 1 at its end): rotation and dead rubbers.
    const late = (b: number) => Math.max(0, v(b, 'season_progress') - 0.75) * 4;
    for (const r of RATINGS) extra.push([`late×${r}`, (b) => late(b) * v(b, r)]);
    extra.push(['late×stakes', (b) => late(b) * (v(b, 'home_stakes') - v(b, 'away_stakes'))]);
    for (const r of RATINGS) {
      extra.push([`late×stakes×${r}`, (b) => late(b) * v(b, 'home_stakes') * v(b, 'away_stakes') * v(b, r)]);
    }
  }
  return {
    names: [...cache.featureNames, ...extra.map(([name]) => name)],
    columns: (row, out, at) => {
      const b = row * cache.d;
      out.set(cache.x.subarray(b, b + cache.d), at);
      extra.forEach(([, f], k) => {
        out[at + cache.d + k] = f(b);
      });
    },
  };
}

function matrix(rows: readonly number[], d: number, columns: Columns): Float64Array {
  const out = new Float64Array(rows.length * d);
  rows.forEach((row, i) => {
    columns(row, out, i * d);
  });
  return out;
}

function dataset(
  rows: readonly number[],
  names: string[],
  columns: Columns,
  weights?: Float64Array,
): Dataset {
  const d = names.length;
  return {
    featureNames: names,
    n: rows.length,
    d,
    x: matrix(rows, d, columns),
    y: Uint8Array.from(rows, (i) => cache.outcome[i] as number),
    ...(weights ? { w: weights } : {}),
  };
}

interface Recipe {
  readonly l2: number;
  readonly halfLifeYears: number;
  readonly refitMonths: number;
  readonly inter: string;
}

function fitAndPredict(recipe: Recipe): Float64Array {
  const trainer = createLogisticRegressionTrainer({
    l2: recipe.l2,
    maxIterations: params.train.max_iterations,
    tolerance: params.train.tolerance,
  });
  const { names, columns } = interactions(recipe.inter);
  const out = new Float64Array(scored.length * 3);
  // Refit dates: the cut, then every refitMonths months (UTC month starts).
  const dates = [testFrom];
  if (recipe.refitMonths > 0) {
    for (;;) {
      const last = new Date(dates.at(-1) as number);
      const next = Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + recipe.refitMonths, 1);
      if (next >= testTo || next > (cache.startTimeMs[cache.n - 1] as number)) break;
      dates.push(next);
    }
  }
  let previous: LogisticRegressionModel | null = null;
  dates.forEach((fitMs, k) => {
    const until = dates[k + 1] ?? Number.POSITIVE_INFINITY;
    const rows = eligible.filter((i) => (cache.startTimeMs[i] as number) < fitMs);
    const weights =
      recipe.halfLifeYears > 0
        ? Float64Array.from(rows, (i) =>
            Math.exp(
              (-Math.LN2 * (fitMs - (cache.startTimeMs[i] as number))) /
                (recipe.halfLifeYears * 365.25 * DAY),
            ),
          )
        : undefined;
    const model = trainer.trainFrom(dataset(rows, names, columns, weights), { seed: 42 }, previous, false);
    previous = model;
    const idx = scored.flatMap((row, i) => {
      const t = cache.startTimeMs[row] as number;
      return t >= fitMs && t < until ? [i] : [];
    });
    const p = model.predict(
      matrix(
        idx.map((i) => scored[i] as number),
        names.length,
        columns,
      ),
      idx.length,
    );
    idx.forEach((i, j) => {
      out.set(p.subarray(j * 3, j * 3 + 3), i * 3);
    });
  });
  return out;
}

function gbdtPredict(): Float64Array {
  const rows = eligible.filter((i) => (cache.startTimeMs[i] as number) < testFrom);
  const model = new GbdtTrainer().train(dataset(rows, [...cache.featureNames], baseColumns(cache.d)), {
    seed: 42,
  });
  return model.predict(matrix(scored, cache.d, baseColumns(cache.d)), scored.length);
}

function pick(p: Float64Array, idx: readonly number[]): [Float64Array, Uint8Array] {
  const q = new Float64Array(idx.length * 3);
  idx.forEach((i, j) => {
    q.set(p.subarray(i * 3, i * 3 + 3), j * 3);
  });
  return [q, Uint8Array.from(idx, (i) => yTest[i] as number)];
}

const market = new Float64Array(scored.length * 3);
scored.forEach((row, i) => {
  market.set(cache.market.subarray(row * 3, row * 3 + 3), i * 3);
});
const all = scored.map((_, i) => i);
const heldOut = all.filter((i) => HELD_OUT.test(cache.league[scored[i] as number] as string));
const tuned = all.filter((i) => !HELD_OUT.test(cache.league[scored[i] as number] as string));
const leagues = new Map<string, number[]>();
all.forEach((i) => {
  const name = cache.league[scored[i] as number] as string;
  leagues.set(name, [...(leagues.get(name) ?? []), i]);
});

function summary(name: string, p: Float64Array): void {
  const ll = (idx: number[]) => logLoss(...pick(p, idx)) - logLoss(...pick(market, idx));
  const rps = (idx: number[]) =>
    rankedProbabilityScore(...pick(p, idx)) - rankedProbabilityScore(...pick(market, idx));
  const gaps = [...leagues].map(([league, idx]) => [league, ll(idx)] as const).sort((a, b) => b[1] - a[1]);
  const worst = gaps[0] as readonly [string, number];
  const f = (v: number) => (v >= 0 ? '+' : '') + v.toFixed(4);
  console.log(
    `${name.padEnd(16)} ll ${logLoss(...pick(p, all)).toFixed(4)} gap ${f(ll(all))} rps ${f(rps(all))}` +
      ` tuned ${f(ll(tuned))} held ${f(ll(heldOut))} over.03 ${gaps.filter(([, g]) => g > 0.03).length}` +
      ` worst ${worst[0]} ${f(worst[1])}`,
  );
  if (values['per-league']) for (const [league, g] of gaps) console.log(`   ${league.padEnd(44)} ${f(g)}`);
  if (values['by-month']) {
    for (let month = 0; month < 12; month++) {
      const idx = all.filter(
        (i) => new Date(cache.startTimeMs[scored[i] as number] as number).getUTCMonth() === month,
      );
      if (idx.length > 0)
        console.log(
          `   month ${String(month + 1).padStart(2)} n ${String(idx.length).padStart(5)} ${f(ll(idx))}`,
        );
    }
  }
}

console.log(
  `window ${values['test-from']} … ${values['test-to']}: ${scored.length} scored (${tuned.length} tuned, ${heldOut.length} held out), market ll ${logLoss(market, yTest).toFixed(4)}`,
);
const base: Recipe = { l2: params.train.l2, halfLifeYears: 0, refitMonths: 0, inter: '' };
const predictions = new Map<string, Float64Array>();
for (const variant of values.variants.split(',')) {
  const cpu = process.cpuUsage();
  let p: Float64Array;
  if (variant === 'gbdt' || variant === 'blend' || variant === 'blendlo') {
    const g = predictions.get('gbdt') ?? gbdtPredict();
    predictions.set('gbdt', g);
    if (variant === 'gbdt') p = g;
    else {
      const l = predictions.get('base') ?? fitAndPredict(base);
      p = new Float64Array(l.length);
      for (let i = 0; i < l.length; i += 3) {
        if (variant === 'blend')
          for (let k = 0; k < 3; k++) p[i + k] = ((l[i + k] as number) + (g[i + k] as number)) / 2;
        else {
          let s = 0;
          for (let k = 0; k < 3; k++) {
            p[i + k] = Math.sqrt((l[i + k] as number) * (g[i + k] as number));
            s += p[i + k] as number;
          }
          for (let k = 0; k < 3; k++) p[i + k] = (p[i + k] as number) / s;
        }
      }
    }
  } else {
    const m = /^(wfq|wf)?(hl([\d.]+))?(l2_(\d+))?(inter_(\w+))?$/.exec(variant === 'base' ? '' : variant);
    if (!m) throw new Error(`unknown variant ${variant}`);
    p = fitAndPredict({
      l2: m[5] ? Number(m[5]) : base.l2,
      halfLifeYears: m[3] ? Number(m[3]) : 0,
      refitMonths: m[1] === 'wf' ? 1 : m[1] === 'wfq' ? 3 : 0,
      inter: m[7] ?? '',
    });
  }
  predictions.set(variant, p);
  const used = process.cpuUsage(cpu);
  summary(`${variant} (${((used.user + used.system) / 1e6).toFixed(0)}s)`, p);
}
