/**
 * The goal markets Matchcast publishes and scores: over 2.5 goals and both teams to score, the Dixon–Coles score
 * matrix's probabilities (`dc_over25`, `dc_btts`) recalibrated by a logistic regression refitted walk-forward on
 * earlier results only (src/models/walk-forward-logistic.ts). The score matrix alone spreads its over 2.5
 * probabilities about twice too wide; besides its own logit, the recalibration reads the league's goal rate and
 * the online goal ratings' expected total (a second goal model) and the Elo gap, all columns of the same feature row, so a
 * row's value stays walk-forward. Both `evaluate` and batch inference read the markets through here, so the
 * scored number is the served one. No over/under price is ever an input.
 *
 * @example
 *   const goals = calibratedGoalMarkets(table, params.goal_markets);
 *   goals?.read(row); // { over25: 0.55, btts: 0.53 }
 */
import type { GoalMarketParams } from '../../config/params.ts';
import { isFinished, type MatchRecord } from '../../domain/match.ts';
import { OVER_UNDER_LINE } from '../../domain/odds.ts';
import type { FeatureTable } from '../../features/feature-table.ts';
import { type GoalMarkets, goalMarketReader } from '../../features/goal-markets.ts';
import {
  type BinaryFitter,
  type WalkForwardFit,
  walkForwardLogistic,
} from '../../models/walk-forward-logistic.ts';

/** The inputs of both recalibrations, in coefficient order (after the intercept). */
export const GOAL_MARKET_INPUTS = [
  'logit_dc',
  'logit_league_goal_rate_over',
  'log_goals_expected_total',
  'elo_diff_abs_over_400',
] as const;

export interface CalibratedGoalMarkets {
  /** The markets of a row that was asked for (throws for any other). */
  readonly read: (row: number) => GoalMarkets;
  /** The calibrations in force at the last row asked for (null before enough finished matches exist). */
  readonly latest: { readonly over25: WalkForwardFit | null; readonly btts: WalkForwardFit | null };
  /** Refit instants in the whole schedule. */
  readonly refits: number;
}

const EPS = 1e-6;
const logit = (p: number) => {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
};

/** P(total > 2.5) for a Poisson total with mean `lambda`: the league goal rate as an over probability. */
export function poissonOver(lambda: number): number {
  const l = Math.max(lambda, EPS);
  return 1 - Math.exp(-l) * (1 + l + (l * l) / 2);
}

/** Null when the table has no Dixon–Coles columns (then no goal market is published). */
export function calibratedGoalMarkets(
  table: Pick<FeatureTable, 'featureNames' | 'd' | 'x' | 'n' | 'matches'>,
  params: GoalMarketParams,
  /** The rows that will be read (default all): only the refits they use are made. */
  rows?: readonly number[],
  /** How each refit is made (default a fresh fit; the evaluate stage's memo of earlier runs' fits). */
  fit?: BinaryFitter,
): CalibratedGoalMarkets | null {
  const raw = goalMarketReader(table);
  const column = (name: string) => table.featureNames.indexOf(name);
  const leagueGoals = column('league_goals_per_match');
  const expectedHome = column('goals_expected_home');
  const expectedAway = column('goals_expected_away');
  const eloGap = column('elo_diff_abs');
  if ([leagueGoals, expectedHome, expectedAway, eloGap].some((j) => j < 0) || raw === null) return null;
  const { n, d } = table;
  const k = GOAL_MARKET_INPUTS.length;
  const timeMs = new Float64Array(n);
  const yOver = new Int8Array(n);
  const yBtts = new Int8Array(n);
  const xOver = new Float64Array(n * k);
  const xBtts = new Float64Array(n * k);
  const rawOver = new Float64Array(n);
  const rawBtts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = table.matches[i] as MatchRecord;
    timeMs[i] = m.startTimeMs;
    if (isFinished(m)) {
      const home = m.homeScore as number;
      const away = m.awayScore as number;
      yOver[i] = home + away > OVER_UNDER_LINE ? 1 : 0;
      yBtts[i] = home > 0 && away > 0 ? 1 : 0;
    } else {
      yOver[i] = -1;
      yBtts[i] = -1;
    }
    const g = raw(i);
    rawOver[i] = g.over25;
    rawBtts[i] = g.btts;
    const league = logit(poissonOver(table.x[i * d + leagueGoals] as number));
    const total = Math.log(
      Math.max((table.x[i * d + expectedHome] as number) + (table.x[i * d + expectedAway] as number), EPS),
    );
    // A lopsided match tends to more goals than the two teams' expected goals say (over 2.5 log loss 0.0006 better on the 2022-24 design seasons).
    const gap = (table.x[i * d + eloGap] as number) / 400;
    xOver.set([logit(g.over25), league, total, gap], i * k);
    xBtts.set([logit(g.btts), league, total, gap], i * k);
  }
  const schedule = {
    refitDays: params.refit_days,
    windowDays: params.window_days,
    minRows: params.min_matches,
  };
  const over = walkForwardLogistic(
    { timeMs, y: yOver, x: xOver, d: k, fallback: rawOver },
    schedule,
    rows,
    fit,
  );
  const btts = walkForwardLogistic(
    { timeMs, y: yBtts, x: xBtts, d: k, fallback: rawBtts },
    schedule,
    rows,
    fit,
  );
  return {
    read: (row) => {
      const markets = { over25: over.p[row] as number, btts: btts.p[row] as number };
      if (Number.isNaN(markets.over25)) throw new Error(`goal markets of row ${row} were not asked for`);
      return markets;
    },
    latest: { over25: over.fits.at(-1) ?? null, btts: btts.fits.at(-1) ?? null },
    refits: over.refitInstants,
  };
}
