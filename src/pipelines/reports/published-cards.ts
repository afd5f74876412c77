/**
 * The match cards as the API builds them, read from the pipeline's artifacts: every published prediction
 * beside the latest pre-kick-off price of its match. The betting simulation bets on the past ones; the
 * betting-figures report describes them all.
 */
import type { Db } from '../../db/db.ts';
import { loadSnapshotsSince } from '../../db/odds-history-repository.ts';
import { ARTIFACT_KEYS, type PredictionRow } from '../../domain/artifacts.ts';
import { isValidOdds, type Odds1x2 } from '../../domain/odds.ts';
import { betPrice, type OddsSnapshot } from '../../domain/odds-history.ts';
import { type OutcomeClass, outcomeOf, type Probabilities } from '../../domain/outcome.ts';
import { type TeamHistory, teamHistoryOf } from '../../domain/value-bet.ts';
import { getParquet } from '../../storage/artifact-io.ts';
import type { ArtifactStore } from '../../storage/artifact-store.ts';
import { predictionRowsOf } from '../../storage/artifacts/artifact-tables.ts';
import { collectInTurns } from '../run/event-loop-turns.ts';
import type { BetCandidate } from './betting-simulation.ts';

export interface PublishedCard {
  readonly matchId: number;
  readonly regionId: number;
  readonly startTimeMs: number;
  readonly isFuture: boolean;
  readonly probabilities: Probabilities;
  /** The latest pre-kick-off price, null when the match has none (or an invalid one). */
  readonly odds: Odds1x2 | null;
  /** The bookmaker quoting that price, null when there is none. */
  readonly bookmaker: string | null;
  /** When that price was quoted (ms); null for an undated closing price. */
  readonly priceAtMs: number | null;
  /** The result, null until finished. */
  readonly outcome: OutcomeClass | null;
  /** A walk-forward backtest prediction (computed after the match by a model trained before it). */
  readonly backtest: boolean;
  /** When the prediction was computed (ms); NaN when the row does not say. */
  readonly computedAtMs: number;
  /** Each team's earlier matches when it was computed (null when the row does not say). */
  readonly history: TeamHistory | null;
}

/** Every row of predictions/predictions.parquet with its price; throws when there are no predictions yet. */
export async function loadPublishedCards(store: ArtifactStore): Promise<PublishedCard[]> {
  const [predictions, odds] = await Promise.all([
    getParquet(store, ARTIFACT_KEYS.predictions),
    getParquet(store, ARTIFACT_KEYS.odds),
  ]);
  if (predictions === null) throw new Error('no predictions: run batch_inference first');
  const priceOf = new Map<number, { odds: Odds1x2; bookmaker: string; atMs: number | null }>();
  if (odds !== null) {
    const t = odds.table;
    for (let i = 0; i < (t.match_id?.length ?? 0); i++) {
      const price = [Number(t.odd_home?.[i]), Number(t.odd_draw?.[i]), Number(t.odd_away?.[i])] as const;
      if (!isValidOdds(price)) continue;
      const at = t.collected_at?.[i];
      priceOf.set(Number(t.match_id?.[i]), {
        odds: price,
        bookmaker: String(t.bookmaker?.[i]),
        atMs: at === null || at === undefined ? null : Date.parse(String(at)),
      });
    }
  }
  return collectInTurns(cardsOf(predictionRowsOf(predictions.table), priceOf));
}

function* cardsOf(
  rows: Iterable<PredictionRow>,
  priceOf: ReadonlyMap<number, { odds: Odds1x2; bookmaker: string; atMs: number | null }>,
): Generator<PublishedCard> {
  for (const r of rows) {
    const price = priceOf.get(r.match_id);
    const finished = r.status === 'finished' && r.home_score !== null && r.away_score !== null;
    yield {
      matchId: r.match_id,
      regionId: r.region_id,
      startTimeMs: Date.parse(r.start_time_utc),
      isFuture: r.is_future,
      probabilities: [r.proba_home, r.proba_draw, r.proba_away],
      odds: price?.odds ?? null,
      bookmaker: price?.bookmaker ?? null,
      priceAtMs: price?.atMs ?? null,
      outcome: finished ? outcomeOf(r.home_score as number, r.away_score as number) : null,
      backtest: r.model_stage === 'backtest',
      computedAtMs: Date.parse(r.computed_at ?? ''),
      history: teamHistoryOf(r.home_matches_played, r.away_matches_played),
    };
  }
}

/** The past cards' bets as the betting simulation settles them, with who quoted each price and what it was. */
export interface PricedBets {
  readonly candidates: BetCandidate[];
  readonly bookmakerOf: Map<number, string>;
  readonly priceOf: Map<number, Odds1x2>;
}

/**
 * Each past card priced as the track record and the match cards bet it (betPrice: on offer when its prediction
 * was published, the last pre-match price for the walk-forward backtest), from its match's odds history; a card
 * with no such price is left out.
 */
export function pricedAtBet(
  past: readonly PublishedCard[],
  historyOf: ReadonlyMap<number, readonly OddsSnapshot[]>,
): PricedBets {
  const priced: PricedBets = { candidates: [], bookmakerOf: new Map(), priceOf: new Map() };
  for (const c of past) {
    const taken = betPrice(historyOf.get(c.matchId) ?? [], c, c.startTimeMs);
    if (taken === null) continue;
    const { odds, bookmaker, observedAtMs } = taken.snapshot;
    priced.candidates.push({ ...c, odds, priceAtMs: observedAtMs });
    priced.priceOf.set(c.matchId, odds);
    priced.bookmakerOf.set(c.matchId, bookmaker);
  }
  return priced;
}

/**
 * The cards as the API shows them: a past card with the price its bet takes (pricedAtBet's; none when it has no
 * such price), an upcoming one with the latest price. What a bettor sees judged, not the close after the fact.
 */
function cardsAtBetPrice(cards: readonly PublishedCard[], priced: PricedBets): PublishedCard[] {
  const taken = new Map(priced.candidates.map((c) => [c.matchId, c]));
  return cards.map((c) => {
    if (c.isFuture) return c;
    const bet = taken.get(c.matchId);
    return {
      ...c,
      odds: bet?.odds ?? null,
      bookmaker: priced.bookmakerOf.get(c.matchId) ?? null,
      priceAtMs: bet?.priceAtMs ?? null,
    };
  });
}

/** loadPublishedCards as the API shows them (cardsAtBetPrice), with the past cards' bets, from `db`'s odds history. */
export async function loadCardsAtBetPrice(
  store: ArtifactStore,
  db: Db,
): Promise<{ readonly cards: PublishedCard[]; readonly priced: PricedBets }> {
  const cards = await loadPublishedCards(store);
  const past = cards.filter((c) => !c.isFuture && c.odds !== null);
  const history = await loadSnapshotsSince(
    db,
    past.map((c) => c.matchId),
    null,
  );
  const priced = pricedAtBet(past, history.byMatch);
  return { cards: cardsAtBetPrice(cards, priced), priced };
}
