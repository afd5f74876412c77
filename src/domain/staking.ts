/**
 * Staking and the honest figures around it: flat and fractional-Kelly stakes, a bankroll played through
 * settled bets, its maximum drawdown, closing-line value, and a seeded bootstrap interval resampling matches
 * (so several bets on one match move together). Pure functions; the pipelines and reports call them.
 */
import { runToEnd } from './in-slices.ts';
import { seededIndices, seededRandom } from './seeded-random.ts';

/** The Kelly fraction of the bankroll for a bet at decimal `odds` won with probability `p`; 0 without an edge. */
export function kellyFraction(p: number, odds: number): number {
  const b = odds - 1;
  if (!(b > 0) || !(p > 0)) return 0;
  return Math.max(0, (p * odds - 1) / b);
}

export interface KellyParams {
  /** Share of the full Kelly stake (e.g. 0.25 for quarter Kelly). */
  readonly fraction: number;
  /** Largest share of the bankroll on one bet. */
  readonly cap: number;
}

/** How a value bet is staked: a flat stake in units, and fractional Kelly as a share of the bankroll. */
export interface StakingPlan {
  readonly flatStake: number;
  readonly kelly: KellyParams;
}

/** params.yaml `betting.kelly`: quarter Kelly, at most 5 % of the bankroll on one bet. */
export const DEFAULT_KELLY: KellyParams = { fraction: 0.25, cap: 0.05 };

/** Defaults of params.yaml `betting` (1 unit flat, and DEFAULT_KELLY). */
export const DEFAULT_STAKING: StakingPlan = { flatStake: 1, kelly: DEFAULT_KELLY };

/** Fractional Kelly, capped: the share of the bankroll to stake. */
export function kellyStake(p: number, odds: number, params: KellyParams): number {
  return Math.min(params.cap, params.fraction * kellyFraction(p, odds));
}

/** Closing-line value of a bet taken at `taken` on an outcome the closing market gives `closingProbability`. */
export function closingLineValue(taken: number, closingProbability: number): number {
  return closingProbability * taken - 1;
}

export interface SettledBet {
  readonly odds: number;
  readonly won: boolean;
  /** The model's probability of the outcome bet on (for Kelly stakes). */
  readonly p: number;
}

/** The bankroll after each bet, from `start`: flat stakes of 1 unit, or fractional Kelly of the current bankroll. */
export function bankrollPath(bets: readonly SettledBet[], staking: Staking, start = 100): number[] {
  const path: number[] = [];
  let bankroll = start;
  for (const bet of bets) {
    const stake = staking.kind === 'flat' ? 1 : bankroll * kellyStake(bet.p, bet.odds, staking);
    bankroll += bet.won ? stake * (bet.odds - 1) : -stake;
    path.push(bankroll);
  }
  return path;
}

export type Staking = { readonly kind: 'flat' } | ({ readonly kind: 'kelly' } & KellyParams);

/**
 * A 95 % band around a bankroll path: `resamples` paths of n bets drawn with replacement from the n bets (seeded,
 * the same draws as `bootstrapInterval` over the same bets), each played from `start`; at each checkpoint (a
 * number of bets played, 0…n) the percentile interval of the bankroll there. With flat stakes the last point is
 * start + n × the bootstrap interval of the mean profit per bet, i.e. the ROI interval in units.
 */
export function bankrollBand(
  bets: readonly SettledBet[],
  staking: Staking,
  checkpoints: readonly number[],
  start = 100,
  options: BootstrapOptions = {},
): [number, number][] {
  return runToEnd(bankrollBandSteps(bets, staking, checkpoints, start, options));
}

/** `bankrollBand` one resample at a time, so a caller sharing its thread can take turns (`runInSlices`). */
export function* bankrollBandSteps(
  bets: readonly SettledBet[],
  staking: Staking,
  checkpoints: readonly number[],
  start = 100,
  options: BootstrapOptions = {},
): Generator<void, [number, number][]> {
  const n = bets.length;
  if (n === 0) return checkpoints.map(() => [start, start]);
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP.resamples;
  const draw = seededIndices(options.seed ?? DEFAULT_BOOTSTRAP.seed);
  const picks = new Uint32Array(n);
  // Each bet's effect does not depend on the path: a flat bet adds its profit, a Kelly bet multiplies the
  // bankroll by (1 + share × (odds − 1)) or (1 − share). Precomputed once, the resampling loop stays tight.
  const flat = staking.kind === 'flat';
  const step = Float64Array.from(bets, (bet) => {
    if (flat) return bet.won ? bet.odds - 1 : -1;
    const share = kellyStake(bet.p, bet.odds, staking);
    return bet.won ? 1 + share * (bet.odds - 1) : 1 - share;
  });
  const at = checkpoints.map(() => new Float64Array(resamples));
  for (let r = 0; r < resamples; r++) {
    draw(picks, n);
    let bankroll = start;
    let next = 0;
    while (next < checkpoints.length && (checkpoints[next] as number) <= 0)
      (at[next++] as Float64Array)[r] = start;
    for (let i = 0; i < n; i++) {
      const k = picks[i] as number;
      bankroll = flat ? bankroll + (step[k] as number) : bankroll * (step[k] as number);
      while (next < checkpoints.length && (checkpoints[next] as number) <= i + 1)
        (at[next++] as Float64Array)[r] = bankroll;
    }
    yield;
  }
  const level = options.level ?? 0.95;
  // A typed array sorts numerically in native code, yet thousands of checkpoints (a day each) take a second:
  // a step after each.
  const bands: [number, number][] = [];
  for (const values of at) {
    bands.push(percentileInterval(values.sort(), level));
    yield;
  }
  return bands;
}

/** The largest fall from a running peak, in units and as a share of that peak. */
export function maxDrawdown(path: readonly number[], start = path[0] ?? 0): { units: number; share: number } {
  let peak = start;
  let worst = { units: 0, share: 0 };
  for (const value of path) {
    if (value > peak) peak = value;
    const units = peak - value;
    if (units > worst.units) worst = { units, share: peak > 0 ? units / peak : 0 };
  }
  return worst;
}

export interface BootstrapOptions {
  readonly resamples?: number;
  readonly seed?: number;
  /** Coverage of the interval (default 0.95). */
  readonly level?: number;
}

/**
 * Resamples and seed of every bootstrap unless told otherwise. params.yaml `betting.bootstrap` defaults to them and
 * is what the betting stage, the track record and (through GET /predict/track-record/method) the dashboard draw
 * with, so they show the same intervals.
 */
export const DEFAULT_BOOTSTRAP = { resamples: 2000, seed: 1 } as const;

/**
 * A percentile bootstrap interval of `statistic` over `items` (matches: resample whole matches, each carrying its
 * bets). Null for no items.
 */
export function bootstrapInterval<T>(
  items: readonly T[],
  statistic: (sample: readonly T[]) => number,
  options: BootstrapOptions = {},
): [number, number] | null {
  if (items.length === 0) return null;
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP.resamples;
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed ?? DEFAULT_BOOTSTRAP.seed);
  const values: number[] = [];
  const sample = new Array<T>(items.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < items.length; i++) sample[i] = items[Math.floor(random() * items.length)] as T;
    values.push(statistic(sample));
  }
  return percentileInterval(values, level);
}

function percentileInterval(values: number[] | Float64Array, level: number): [number, number] {
  if (Array.isArray(values)) values.sort((a, b) => a - b);
  const at = (q: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.floor(q * (values.length - 1))))] as number;
  return [at((1 - level) / 2), at(1 - (1 - level) / 2)];
}

/** The percentile interval of a bootstrap's resampled statistics (sorted in place); null for none. */
export function intervalOf(values: number[], level = 0.95): [number, number] | null {
  return values.length === 0 ? null : percentileInterval(values, level);
}

/** One match's stakes and result in units, for the ROI interval. */
export interface MatchResult {
  readonly staked: number;
  readonly profit: number;
}

/**
 * The bootstrap interval of the ROI in % (profit / staked over resampled matches): the same resamples, seed and
 * result as `bootstrapInterval(matches, roi)`, on typed arrays, fast enough to rerun on every dashboard filter.
 */
export function roiInterval(
  matches: readonly MatchResult[],
  options: BootstrapOptions = {},
): [number, number] | null {
  return intervalOf([...roiResamples(matches, options)], options.level);
}

/**
 * Each resample's ROI in %, one at a time (none for no matches), so that a caller sharing its thread with a
 * server can take turns between them: on 70,000 bets, 2,000 resamples take about a second (bench/bootstrap.ts).
 */
export function* roiResamples(
  matches: readonly MatchResult[],
  options: BootstrapOptions = {},
): Generator<number> {
  const staked = Float64Array.from(matches, (m) => m.staked);
  // Flat stakes (every one 1) stake exactly n per resample: that sum need not be drawn.
  const flat = staked.every((s) => s === 1);
  const profit = Float64Array.from(matches, (m) => m.profit);
  for (const [p, s] of resampledSums(profit, flat ? null : staked, options))
    yield s === 0 ? 0 : (100 * p) / s;
}

/**
 * Each resample's mean of `values`, one at a time (none for no values), as `roiResamples` gives ROIs: the same
 * resamples, seed and result as `bootstrapInterval(values, (s) => sum(s) / s.length)`, without building each sample.
 */
export function* meanResamples(values: readonly number[], options: BootstrapOptions = {}): Generator<number> {
  const n = values.length;
  for (const [sum] of resampledSums(Float64Array.from(values), null, options)) yield sum / n;
}

/**
 * Each resample's sum of `values` and of `weights` (n when there are none) over the positions
 * `bootstrapInterval` would draw, summed in draw order, so the statistics built on them match its to the last digit.
 */
function* resampledSums(
  values: Float64Array,
  weights: Float64Array | null,
  options: BootstrapOptions,
): Generator<readonly [number, number]> {
  const n = values.length;
  if (n === 0) return;
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP.resamples;
  const draw = seededIndices(options.seed ?? DEFAULT_BOOTSTRAP.seed);
  const picks = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    draw(picks, n);
    let v = 0;
    let w = 0;
    if (weights === null) {
      for (let i = 0; i < n; i++) v += values[picks[i] as number] as number;
      w = n;
    } else
      for (let i = 0; i < n; i++) {
        const k = picks[i] as number;
        v += values[k] as number;
        w += weights[k] as number;
      }
    yield [v, w];
  }
}

/** ROI in percent of flat one-unit stakes over matches, each holding its settled bets. */
export function flatRoiPct(matches: readonly (readonly SettledBet[])[]): number {
  let staked = 0;
  let profit = 0;
  for (const bets of matches) {
    for (const bet of bets) {
      staked += 1;
      profit += bet.won ? bet.odds - 1 : -1;
    }
  }
  return staked === 0 ? 0 : (100 * profit) / staked;
}
