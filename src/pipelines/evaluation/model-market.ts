/**
 * The bookmakers' view of a match as margin-free probabilities, the benchmark every model is compared with.
 * Two views: the closing market (the market average at close, else Pinnacle at close, else pre-match market
 * averages, else any single pre-match price — the women's files carry only one) and the pre-match market (prices
 * collected days before kick-off only: what a model could read when it forecasts). The margin comes off by the
 * method params.evaluate.margin_method names (src/domain/margin-removal.ts).
 */
import type { Db } from '../../db/db.ts';
import { loadOddsOf, type StoredOdds } from '../../db/match-repository.ts';
import { loadOverUnderOf, type StoredOverUnder } from '../../db/over-under-repository.ts';
import { type MarginMethod, removeMargin } from '../../domain/margin-removal.ts';
import { hasBelievableMargin, OVER_UNDER_LINE } from '../../domain/odds.ts';
import type { Probabilities } from '../../domain/outcome.ts';

type Preference = readonly (readonly [string, StoredOdds['kind']])[];

/** [bookmaker, kind] in order of preference; names as the football-data importer stores them. */
export const MARKET_PREFERENCE: Preference = [
  ['market_avg', 'closing'],
  ['pinnacle', 'closing'],
  // The demo simulator's sharper book.
  ['demo_sharp', 'closing'],
  ['market_avg', 'opening'],
  ['betbrain_avg', 'opening'],
  ['pinnacle', 'opening'],
  ['b365', 'closing'],
  ['b365', 'opening'],
  ['footystats', 'opening'],
];

/** Prices published before kick-off day (football-data's pre-match columns), in order of preference. */
export const PRE_MATCH_PREFERENCE: Preference = MARKET_PREFERENCE.filter(([, kind]) => kind === 'opening');

/** A stored price row of any market: the fields the preference order and the margin removal read. */
interface PricedRow {
  readonly matchId: number;
  readonly bookmaker: string;
  readonly kind: StoredOdds['kind'];
  readonly collectedAt: Date | null;
  readonly odds: readonly number[];
}

/**
 * Margin-free probabilities already computed, by method and prices. Taking the margin off is an iterative solve
 * for most methods and a price's result never changes, so the evaluate stage keeps one across its runs (every
 * retraining day reads the same history of prices): the same figures, each solved once.
 */
export type MarginMemo = Map<string, readonly number[]>;

/** removeMargin(odds, method), or the memo's earlier result for the same method and prices. */
function devigged(odds: readonly number[], method: MarginMethod, memo: MarginMemo | undefined) {
  if (memo === undefined) return removeMargin(odds, method);
  // Number → string round-trips exactly, so equal keys mean equal prices.
  const key = `${method}|${odds.join(',')}`;
  let p = memo.get(key);
  if (p === undefined) {
    p = removeMargin(odds, method);
    memo.set(key, p);
  }
  return p;
}

/**
 * The most preferred usable row per match id, in the order the matches first appear among the rows. One evaluation
 * asks for the same preference of the same rows several times (the closing market under every margin method, for
 * several sets of matches) and a match's choice depends on its own rows only, so the choice over all matches is
 * made once per rows array and preference and filtered afterwards (kept while the rows array lives).
 */
const chosen = new WeakMap<readonly PricedRow[], Map<string, Map<number, PricedRow>>>();

function preferredRows(
  rows: readonly PricedRow[],
  preference: Preference,
  outcomes: number,
): Map<number, PricedRow> {
  let byPreference = chosen.get(rows);
  if (byPreference === undefined) {
    byPreference = new Map();
    chosen.set(rows, byPreference);
  }
  const key = `${outcomes}|${preference.map(([book, kind]) => `${book}:${kind}`).join(',')}`;
  const cached = byPreference.get(key);
  if (cached !== undefined) return cached;
  const rank = new Map<string, Map<string, number>>();
  preference.forEach(([book, kind], i) => {
    const kinds = rank.get(book) ?? new Map<string, number>();
    kinds.set(kind, i);
    rank.set(book, kinds);
  });
  const best = new Map<number, { rank: number; row: PricedRow }>();
  for (const o of rows) {
    const r = rank.get(o.bookmaker)?.get(o.kind);
    // A price whose margin is clearly negative is a data error (domain/odds.ts): the next preferred one is taken.
    const usable =
      o.odds.length === outcomes &&
      o.odds.every((x) => Number.isFinite(x) && x > 1) &&
      hasBelievableMargin(o.odds);
    if (r === undefined || !usable) continue;
    const current = best.get(o.matchId);
    // Several snapshots of one book: the latest collected one wins.
    const later =
      current &&
      current.rank === r &&
      (o.collectedAt?.getTime() ?? 0) > (current.row.collectedAt?.getTime() ?? 0);
    if (!current || r < current.rank || later) best.set(o.matchId, { rank: r, row: o });
  }
  const out = new Map<number, PricedRow>();
  for (const [matchId, { row }] of best) out.set(matchId, row);
  byPreference.set(key, out);
  return out;
}

/**
 * Margin-free probabilities per match id, from the most preferred price each match has (any market); only for
 * the matches in `only` when given (taking the margin off is an iterative solve for most methods: worth skipping
 * where unused).
 */
function preferredProbabilities(
  rows: readonly PricedRow[],
  method: MarginMethod,
  preference: Preference,
  outcomes: number,
  only?: ReadonlySet<number>,
  memo?: MarginMemo,
): Map<number, readonly number[]> {
  const out = new Map<number, readonly number[]>();
  for (const [matchId, row] of preferredRows(rows, preference, outcomes)) {
    if (only && !only.has(matchId)) continue;
    out.set(matchId, devigged(row.odds, method, memo));
  }
  return out;
}

/** Margin-free 1X2 probabilities per match id, from the most preferred price each match has (see `only` above). */
export function marketProbabilities(
  odds: readonly StoredOdds[],
  method: MarginMethod = 'multiplicative',
  preference: Preference = MARKET_PREFERENCE,
  only?: ReadonlySet<number>,
  memo?: MarginMemo,
): Map<number, Probabilities> {
  const out = new Map<number, Probabilities>();
  for (const [matchId, [home = 0, draw = 0, away = 0]] of preferredProbabilities(
    odds,
    method,
    preference,
    3,
    only,
    memo,
  )) {
    out.set(matchId, [home, draw, away]);
  }
  return out;
}

/** The best pre-match price books offered (market maximum, else BetBrain's maximum), beside the averages. */
const PRE_MATCH_MAX: Preference = [
  ['market_max', 'opening'],
  ['betbrain_max', 'opening'],
];
const PRE_MATCH_AVG: Preference = [
  ['market_avg', 'opening'],
  ['betbrain_avg', 'opening'],
];
const PINNACLE_PRE_MATCH: Preference = [['pinnacle', 'opening']];

/** More of the pre-match market than one averaged price: what the market-aware stack may read besides it. */
export interface PreMatchDetail {
  /** Pinnacle's pre-match price, margin taken off (the sharpest book; null without one). */
  readonly pinnacle: Probabilities | null;
  /** log(best price / average price) per outcome: how far the books disagree (null without both). */
  readonly spread: readonly [number, number, number] | null;
}

/** The raw decimal odds of the most preferred row per match (no margin removal). */
function preferredOdds(odds: readonly StoredOdds[], preference: Preference, only: ReadonlySet<number>) {
  const rank = new Map(preference.map(([book, kind], i) => [`${book}|${kind}`, i]));
  const best = new Map<number, { rank: number; odds: readonly number[] }>();
  for (const o of odds) {
    if (!only.has(o.matchId)) continue;
    const r = rank.get(`${o.bookmaker}|${o.kind}`);
    if (r === undefined || o.odds.length !== 3 || !o.odds.every((x) => Number.isFinite(x) && x > 1)) continue;
    const current = best.get(o.matchId);
    if (!current || r < current.rank) best.set(o.matchId, { rank: r, odds: o.odds });
  }
  return best;
}

/** Every [book, kind] a market view reads: the preferences plus the best prices the spread compares. */
export const MARKET_BOOKS: Preference = [...MARKET_PREFERENCE, ...PRE_MATCH_MAX];

/** Pinnacle's pre-match price and the books' spread per match id in `only`. */
export function preMatchDetail(
  odds: readonly StoredOdds[],
  method: MarginMethod,
  only: ReadonlySet<number>,
  memo?: MarginMemo,
): Map<number, PreMatchDetail> {
  const pinnacle = marketProbabilities(odds, method, PINNACLE_PRE_MATCH, only, memo);
  const max = preferredOdds(odds, PRE_MATCH_MAX, only);
  const avg = preferredOdds(odds, PRE_MATCH_AVG, only);
  const out = new Map<number, PreMatchDetail>();
  for (const id of only) {
    const hi = max.get(id)?.odds;
    const mean = avg.get(id)?.odds;
    const spread =
      hi && mean
        ? ([0, 1, 2].map((k) => Math.log((hi[k] as number) / (mean[k] as number))) as [
            number,
            number,
            number,
          ])
        : null;
    out.set(id, { pinnacle: pinnacle.get(id) ?? null, spread });
  }
  return out;
}

/**
 * Over/under 2.5 goals: the closing market (market average at close, else Pinnacle, Bet365, Betfair Exchange at
 * close) and the pre-match market (the same books' prices collected days before, BetBrain's average for older
 * seasons, FootyStats' price in the women's files).
 */
export const OVER_UNDER_CLOSING: Preference = [
  ['market_avg', 'closing'],
  ['pinnacle', 'closing'],
  ['b365', 'closing'],
  ['betfair_exchange', 'closing'],
];
export const OVER_UNDER_PRE_MATCH: Preference = [
  ['market_avg', 'opening'],
  ['pinnacle', 'opening'],
  ['betbrain_avg', 'opening'],
  ['b365', 'opening'],
  ['footystats', 'opening'],
];

/**
 * Margin-free probability of over the line per match id, from the most preferred price each match has (only for
 * the matches in `only` when given).
 */
export function overProbabilities(
  prices: readonly StoredOverUnder[],
  method: MarginMethod,
  preference: Preference,
  only?: ReadonlySet<number>,
  memo?: MarginMemo,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const [matchId, [over = 0]] of preferredProbabilities(prices, method, preference, 2, only, memo)) {
    out.set(matchId, over);
  }
  return out;
}

/** The stored over/under prices of the books either over/under market view reads. */
export function loadMarketOverUnder(db: Db): Promise<StoredOverUnder[]> {
  return loadOverUnderOf(db, [...OVER_UNDER_CLOSING, ...OVER_UNDER_PRE_MATCH], OVER_UNDER_LINE);
}

/** The stored prices of the preferred books (a small share of all odds rows). */
export function loadMarketOdds(db: Db): Promise<StoredOdds[]> {
  return loadOddsOf(db, MARKET_BOOKS);
}
