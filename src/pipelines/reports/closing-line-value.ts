/**
 * Closing-line value of the betting simulation's bets: for each settled bet, the closing market's margin-free
 * probability of the outcome bet on × the price taken − 1. Bets taken at a closing price (the only prices of
 * closing-only files, or the close itself) are counted apart and left out: against the close they would
 * measure nothing but the margin.
 */
import type { Odds1x2 } from '../../domain/odds.ts';
import { closingProbability, type OddsSnapshot, wasTakenAtClose } from '../../domain/odds-history.ts';
import { closingLineValue } from '../../domain/staking.ts';
import type { SettledBet } from './betting-simulation.ts';

export interface ClosingLineSummary {
  /** Bets with a closing-line value (taken before the close, closing price known). */
  readonly nBets: number;
  readonly mean: number | null;
  readonly takenAtClose: number;
  /** CLV per match id. */
  readonly values: ReadonlyMap<number, number>;
}

export function closingLineValues(
  bets: readonly SettledBet[],
  bookmakerOf: ReadonlyMap<number, string>,
  priceOf: ReadonlyMap<number, Odds1x2>,
  snapshots: ReadonlyMap<number, readonly OddsSnapshot[]>,
): ClosingLineSummary {
  const values = new Map<number, number>();
  let takenAtClose = 0;
  for (const b of bets) {
    const history = snapshots.get(b.matchId) ?? [];
    const bookmaker = bookmakerOf.get(b.matchId);
    const price = priceOf.get(b.matchId);
    if (bookmaker === undefined || price === undefined || wasTakenAtClose(history, bookmaker, price)) {
      takenAtClose++;
      continue;
    }
    const p = closingProbability(history, b.bet.outcome);
    if (p !== null) values.set(b.matchId, closingLineValue(b.bet.odd, p));
  }
  const all = [...values.values()];
  return {
    nBets: all.length,
    mean: all.length === 0 ? null : all.reduce((s, v) => s + v, 0) / all.length,
    takenAtClose,
    values,
  };
}
