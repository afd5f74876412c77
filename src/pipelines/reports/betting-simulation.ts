/**
 * The betting simulation behind live_betting: on each finished match, one bet on the outcome with the largest
 * edge p·odd − 1 when it lies between the threshold and the sanity ceiling (value-bet.ts), at a price quoted
 * before kick-off; settled with a flat stake of 1 and, beside it, fractional Kelly. Every ROI comes with its
 * number of bets, a seeded bootstrap 95 % interval (whole matches resampled) and the maximum drawdown.
 * Callers hand in only probabilities that were known before kick-off (see past-predictions.ts).
 */
import type { ProfitPoint, RegionRoiRow } from '../../domain/artifacts.ts';
import { isPriceBeforeKickoff } from '../../domain/leakage-rule.ts';
import type { Odds1x2 } from '../../domain/odds.ts';
import type { OutcomeClass, Probabilities } from '../../domain/outcome.ts';
import {
  bankrollPath,
  DEFAULT_BOOTSTRAP,
  intervalOf,
  type KellyParams,
  maxDrawdown,
  roiResamples,
  type SettledBet as StakedBet,
} from '../../domain/staking.ts';
import {
  type EdgeRule,
  flatStakeProfit,
  judgeEdge,
  type TeamHistory,
  type ValueBet,
} from '../../domain/value-bet.ts';
import { collectInTurns } from '../run/event-loop-turns.ts';

export interface BetCandidate {
  readonly matchId: number;
  readonly regionId: number;
  /** Kick-off, ms since the epoch (UTC); the bet's day is its UTC date. */
  readonly startTimeMs: number;
  readonly probabilities: Probabilities;
  readonly odds: Odds1x2;
  /** When the price was quoted (ms); null for an undated closing price, quoted at kick-off. */
  readonly priceAtMs?: number | null;
  /** The result; null while the match is not finished (the bet is then open, not settled). */
  readonly outcome: OutcomeClass | null;
  /** Each team's earlier matches when the prediction was made (null when unknown): too few and no bet. */
  readonly history: TeamHistory | null;
}

export interface SettledBet {
  readonly matchId: number;
  readonly regionId: number;
  /** YYYY-MM-DD (UTC) */
  readonly date: string;
  readonly startTimeMs: number;
  /** The model's probability of the outcome bet on (for Kelly stakes). */
  readonly p: number;
  readonly bet: ValueBet;
  readonly profit: number;
}

export interface SettleSummary {
  readonly bets: SettledBet[];
  /** Finished matches whose best edge was flagged instead of bet (judgeEdge: above the ceiling, a book's negative margin, little history). */
  readonly suspect: number;
  /** Of those, the ones flagged for a team's little history. */
  readonly littleHistory: number;
  /** Finished matches left out because their price was quoted after kick-off. */
  readonly latePrices: number;
}

/** Value bets on finished matches at pre-kick-off prices, in kick-off order, settled with a flat stake of 1. */
export function settleAll(candidates: readonly BetCandidate[], rule: EdgeRule): SettleSummary {
  const bets: SettledBet[] = [];
  let suspect = 0;
  let littleHistory = 0;
  let latePrices = 0;
  for (const c of candidates) {
    if (c.outcome === null) continue;
    if (!isPriceBeforeKickoff(c.priceAtMs ?? null, c.startTimeMs)) {
      latePrices++;
      continue;
    }
    const verdict = judgeEdge(c.probabilities, c.odds, c.history, rule);
    if (verdict.suspect !== null) suspect++;
    if (verdict.suspect?.reason === 'little_history') littleHistory++;
    if (verdict.bet === null) continue;
    bets.push({
      matchId: c.matchId,
      regionId: c.regionId,
      date: new Date(c.startTimeMs).toISOString().slice(0, 10),
      startTimeMs: c.startTimeMs,
      p: c.probabilities[verdict.bet.outcome],
      bet: verdict.bet,
      profit: flatStakeProfit(verdict.bet, c.outcome),
    });
  }
  bets.sort((a, b) => a.startTimeMs - b.startTimeMs || a.matchId - b.matchId);
  return { bets, suspect, littleHistory, latePrices };
}

/** The settled value bets only (see settleAll). */
export function settleBets(candidates: readonly BetCandidate[], rule: EdgeRule): SettledBet[] {
  return settleAll(candidates, rule).bets;
}

export interface BootstrapParams {
  readonly resamples: number;
  readonly seed: number;
}

export interface RoiFigures {
  readonly n_bets: number;
  /** Flat-stake ROI in %, null without bets. */
  readonly roi_pct: number | null;
  readonly roi_ci95: [number, number] | null;
  /** Units, flat stakes. */
  readonly max_drawdown: number | null;
  readonly profit: number;
}

const staked = (b: SettledBet): StakedBet => ({ odds: b.bet.odd, won: b.profit > 0, p: b.p });

/**
 * Flat-stake ROI, its bootstrap interval (one bet per match, so resampling bets resamples matches) and drawdown.
 * The resamples take turns of the event loop (seconds of work on the whole real history).
 */
export async function roiFigures(
  bets: readonly SettledBet[],
  bootstrap: BootstrapParams = DEFAULT_BOOTSTRAP,
): Promise<RoiFigures> {
  if (bets.length === 0) return { n_bets: 0, roi_pct: null, roi_ci95: null, max_drawdown: null, profit: 0 };
  const path = bankrollPath(bets.map(staked), { kind: 'flat' }, 0);
  const profit = path.at(-1) as number;
  return {
    n_bets: bets.length,
    roi_pct: (100 * profit) / bets.length,
    roi_ci95: intervalOf(
      await collectInTurns(
        roiResamples(
          bets.map((b) => ({ staked: 1, profit: b.profit })),
          bootstrap,
        ),
      ),
    ),
    max_drawdown: maxDrawdown(path, 0).units,
    profit,
  };
}

export interface KellyFigures {
  /** Growth of the bankroll in % of the start. */
  readonly growth_pct: number | null;
  /** Deepest fall from a running peak, as a share of that peak. */
  readonly max_drawdown_share: number | null;
}

/** The same bets staked with fractional, capped Kelly from a bankroll of 100, in kick-off order. */
export function kellyFigures(bets: readonly SettledBet[], kelly: KellyParams): KellyFigures {
  if (bets.length === 0) return { growth_pct: null, max_drawdown_share: null };
  const path = bankrollPath(bets.map(staked), { kind: 'kelly', ...kelly }, 100);
  return { growth_pct: (path.at(-1) as number) - 100, max_drawdown_share: maxDrawdown(path, 100).share };
}

export interface RegionName {
  readonly id: number;
  readonly name: string;
}

/**
 * ROI (profit per unit staked, in %) with its interval and drawdown, number of bets and share won, per region.
 * Every region given appears, with nulls when it had no bet. Sorted by region id.
 */
export async function roiByRegion(
  bets: readonly SettledBet[],
  regions: readonly RegionName[],
  bootstrap: BootstrapParams = DEFAULT_BOOTSTRAP,
): Promise<RegionRoiRow[]> {
  const byRegion = new Map<number, SettledBet[]>();
  for (const b of bets) {
    const list = byRegion.get(b.regionId);
    if (list) list.push(b);
    else byRegion.set(b.regionId, [b]);
  }
  const rows: RegionRoiRow[] = [];
  for (const r of [...regions].sort((a, b) => a.id - b.id)) {
    const list = byRegion.get(r.id) ?? [];
    const f = await roiFigures(list, bootstrap);
    rows.push({
      region_id: r.id,
      region_name: r.name,
      roi_pct: f.roi_pct,
      n_bets: f.n_bets,
      hit_rate: list.length === 0 ? null : list.filter((b) => b.profit > 0).length / list.length,
      roi_ci95_low: f.roi_ci95?.[0] ?? null,
      roi_ci95_high: f.roi_ci95?.[1] ?? null,
      max_drawdown: f.max_drawdown,
    });
  }
  return rows;
}

/** Per region and day: bets, that day's profit and the running total, in date order within each region. */
export function profitByDay(bets: readonly SettledBet[]): ProfitPoint[] {
  const byKey = new Map<string, { regionId: number; date: string; n: number; profit: number }>();
  for (const b of bets) {
    const key = `${b.regionId}|${b.date}`;
    const day = byKey.get(key) ?? { regionId: b.regionId, date: b.date, n: 0, profit: 0 };
    day.n += 1;
    day.profit += b.profit;
    byKey.set(key, day);
  }
  const days = [...byKey.values()].sort((a, b) => a.regionId - b.regionId || a.date.localeCompare(b.date));
  const points: ProfitPoint[] = [];
  let region = Number.NaN;
  let cumulative = 0;
  for (const d of days) {
    if (d.regionId !== region) {
      region = d.regionId;
      cumulative = 0;
    }
    cumulative += d.profit;
    points.push({
      date: d.date,
      region_id: d.regionId,
      n_bets: d.n,
      profit: d.profit,
      cumulative_profit: cumulative,
    });
  }
  return points;
}
