/**
 * The flat-stake betting simulation behind live_betting: one unit on the outcome with the largest edge
 * p·odd − 1 when it reaches the threshold, settled against the result, summarised per region and per day.
 * Callers hand in only probabilities that were known before kick-off (see past-predictions.ts).
 */
import type { ProfitPoint, RegionRoiRow } from '../../domain/artifacts.ts';
import type { Odds1x2 } from '../../domain/odds.ts';
import type { OutcomeClass, Probabilities } from '../../domain/outcome.ts';
import { flatStakeProfit, type ValueBet, valueBet } from '../../domain/value-bet.ts';

export interface BetCandidate {
  readonly matchId: number;
  readonly regionId: number;
  /** Kick-off, ms since the epoch (UTC); the bet's day is its UTC date. */
  readonly startTimeMs: number;
  readonly probabilities: Probabilities;
  readonly odds: Odds1x2;
  /** The result; null while the match is not finished (the bet is then open, not settled). */
  readonly outcome: OutcomeClass | null;
}

export interface SettledBet {
  readonly matchId: number;
  readonly regionId: number;
  /** YYYY-MM-DD (UTC) */
  readonly date: string;
  readonly bet: ValueBet;
  readonly profit: number;
}

/** Value bets on finished matches, settled with a flat stake of 1. */
export function settleBets(candidates: readonly BetCandidate[], threshold: number): SettledBet[] {
  const settled: SettledBet[] = [];
  for (const c of candidates) {
    if (c.outcome === null) continue;
    const bet = valueBet(c.probabilities, c.odds, threshold);
    if (bet === null) continue;
    settled.push({
      matchId: c.matchId,
      regionId: c.regionId,
      date: new Date(c.startTimeMs).toISOString().slice(0, 10),
      bet,
      profit: flatStakeProfit(bet, c.outcome),
    });
  }
  return settled;
}

export interface RegionName {
  readonly id: number;
  readonly name: string;
}

/**
 * ROI (profit per unit staked, in %), number of bets and share won, per region. Every region given appears,
 * with null ROI and hit rate when it had no bet. Sorted by region id.
 */
export function roiByRegion(bets: readonly SettledBet[], regions: readonly RegionName[]): RegionRoiRow[] {
  const totals = new Map<number, { n: number; won: number; profit: number }>();
  for (const b of bets) {
    const t = totals.get(b.regionId) ?? { n: 0, won: 0, profit: 0 };
    t.n += 1;
    t.won += b.profit > 0 ? 1 : 0;
    t.profit += b.profit;
    totals.set(b.regionId, t);
  }
  return [...regions]
    .sort((a, b) => a.id - b.id)
    .map((r) => {
      const t = totals.get(r.id);
      return {
        region_id: r.id,
        region_name: r.name,
        roi_pct: t ? (100 * t.profit) / t.n : null,
        n_bets: t?.n ?? 0,
        hit_rate: t ? t.won / t.n : null,
      };
    });
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
