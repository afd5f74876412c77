/**
 * Closing-line value of the betting simulation's bets: for each settled bet, the closing market's margin-free
 * probability of the outcome bet on × the price taken − 1. Bets taken at a closing price (the only prices of
 * closing-only files, or the close itself) are counted apart and left out: against the close they would
 * measure nothing but the margin.
 */
import { DEFAULT_MARGIN_METHOD, type MarginMethod } from '../../domain/margin-removal.ts';
import type { Odds1x2 } from '../../domain/odds.ts';
import { closingProbability, type OddsSnapshot, wasTakenAtClose } from '../../domain/odds-history.ts';
import type { OutcomeClass } from '../../domain/outcome.ts';
import { closingLineValue } from '../../domain/staking.ts';
import type { SettledBet } from './betting-simulation.ts';

export interface ClosingLineSummary {
  /** Bets with a closing-line value (taken before the close, closing price known). */
  readonly nBets: number;
  readonly mean: number | null;
  readonly takenAtClose: number;
  /** CLV per match id. */
  readonly values: ReadonlyMap<number, number>;
  /** Each bet's verdict with what it came from, for the next call (see ClosingLineMemo). */
  readonly memo: ClosingLineMemo;
}

/** A bet's verdict: taken at the close, or its closing-line value (null without a closing price). */
type Verdict =
  | { readonly takenAtClose: true }
  | { readonly takenAtClose: false; readonly value: number | null };

interface Remembered {
  /** The very snapshot list it was computed from: a re-read history is another array, so never reused. */
  readonly history: readonly OddsSnapshot[];
  readonly bookmaker: string | undefined;
  readonly price: Odds1x2 | undefined;
  readonly outcome: OutcomeClass;
  readonly odd: number;
  readonly method: MarginMethod;
  readonly verdict: Verdict;
}

/**
 * The previous call's verdicts by match: reused for a bet whose inputs are the same (its history the same array,
 * as an incremental history read keeps for matches whose prices did not change), so a daily run computes the
 * margin-free closing probabilities of the new bets only.
 */
export type ClosingLineMemo = ReadonlyMap<number, Remembered>;

const NO_SNAPSHOTS: readonly OddsSnapshot[] = [];
const samePrice = (a: Odds1x2 | undefined, b: Odds1x2 | undefined) =>
  a === undefined || b === undefined ? a === b : a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

function verdictOf(
  b: SettledBet,
  history: readonly OddsSnapshot[],
  bookmaker: string | undefined,
  price: Odds1x2 | undefined,
  method: MarginMethod,
): Verdict {
  if (bookmaker === undefined || price === undefined || wasTakenAtClose(history, bookmaker, price))
    return { takenAtClose: true };
  const p = closingProbability(history, b.bet.outcome, method);
  return { takenAtClose: false, value: p === null ? null : closingLineValue(b.bet.odd, p) };
}

export function closingLineValues(
  bets: readonly SettledBet[],
  bookmakerOf: ReadonlyMap<number, string>,
  priceOf: ReadonlyMap<number, Odds1x2>,
  snapshots: ReadonlyMap<number, readonly OddsSnapshot[]>,
  previous: ClosingLineMemo | null = null,
  /** params.yaml `evaluate.margin_method`, as the track record and the cards take the margin off. */
  method: MarginMethod = DEFAULT_MARGIN_METHOD,
): ClosingLineSummary {
  const values = new Map<number, number>();
  const memo = new Map<number, Remembered>();
  let takenAtClose = 0;
  for (const b of bets) {
    const history = snapshots.get(b.matchId) ?? NO_SNAPSHOTS;
    const bookmaker = bookmakerOf.get(b.matchId);
    const price = priceOf.get(b.matchId);
    const known = previous?.get(b.matchId);
    const verdict =
      known !== undefined &&
      known.history === history &&
      known.bookmaker === bookmaker &&
      samePrice(known.price, price) &&
      known.outcome === b.bet.outcome &&
      known.odd === b.bet.odd &&
      known.method === method
        ? known.verdict
        : verdictOf(b, history, bookmaker, price, method);
    memo.set(b.matchId, {
      history,
      bookmaker,
      price,
      outcome: b.bet.outcome,
      odd: b.bet.odd,
      method,
      verdict,
    });
    if (verdict.takenAtClose) takenAtClose++;
    else if (verdict.value !== null) values.set(b.matchId, verdict.value);
  }
  const all = [...values.values()];
  return {
    nBets: all.length,
    mean: all.length === 0 ? null : all.reduce((s, v) => s + v, 0) / all.length,
    takenAtClose,
    values,
    memo,
  };
}
