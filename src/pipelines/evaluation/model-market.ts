/**
 * The bookmakers' view of a match as margin-free probabilities, the benchmark every model is compared with.
 * Two views: the closing market (the market average at close, else Pinnacle at close, else pre-match market
 * averages, else any single pre-match price — the women's files carry only one) and the pre-match market (prices
 * collected days before kick-off only: what a model could read when it forecasts). The margin comes off by the
 * method params.evaluate.margin_method names (src/domain/margin-removal.ts).
 */
import type { Db } from '../../db/db.ts';
import { loadOddsOf, type StoredOdds } from '../../db/match-repository.ts';
import { type MarginMethod, removeMargin } from '../../domain/margin-removal.ts';
import { isValidOdds } from '../../domain/odds.ts';
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

/**
 * Margin-free probabilities per match id, from the most preferred price each match has; only for the matches in
 * `only` when given (taking the margin off is an iterative solve for most methods: worth skipping where unused).
 */
export function marketProbabilities(
  odds: readonly StoredOdds[],
  method: MarginMethod = 'multiplicative',
  preference: Preference = MARKET_PREFERENCE,
  only?: ReadonlySet<number>,
): Map<number, Probabilities> {
  const rank = new Map<string, Map<string, number>>();
  preference.forEach(([book, kind], i) => {
    const kinds = rank.get(book) ?? new Map<string, number>();
    kinds.set(kind, i);
    rank.set(book, kinds);
  });
  const best = new Map<number, { rank: number; odds: StoredOdds }>();
  for (const o of odds) {
    if (only && !only.has(o.matchId)) continue;
    const r = rank.get(o.bookmaker)?.get(o.kind);
    if (r === undefined || !isValidOdds(o.odds)) continue;
    const current = best.get(o.matchId);
    // Several snapshots of one book: the latest collected one wins.
    const later =
      current &&
      current.rank === r &&
      (o.collectedAt?.getTime() ?? 0) > (current.odds.collectedAt?.getTime() ?? 0);
    if (!current || r < current.rank || later) best.set(o.matchId, { rank: r, odds: o });
  }
  const out = new Map<number, Probabilities>();
  for (const [matchId, { odds: o }] of best) {
    const [home = 0, draw = 0, away = 0] = removeMargin(o.odds, method);
    out.set(matchId, [home, draw, away]);
  }
  return out;
}

/** The stored prices of the preferred books (a small share of all odds rows). */
export function loadMarketOdds(db: Db): Promise<StoredOdds[]> {
  return loadOddsOf(db, MARKET_PREFERENCE);
}
