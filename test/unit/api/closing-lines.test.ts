/** What the API keeps of a match's odds history gives every card the same bet price, closing price and CLV as the whole. */
import { describe, expect, it } from 'vitest';
import { whatCardsRead } from '../../../src/api/services/closing-lines.ts';
import {
  betClosingLineValue,
  betPrice,
  closingSnapshot,
  type OddsSnapshot,
} from '../../../src/domain/odds-history.ts';

const KICKOFF = Date.parse('2025-03-01T15:00:00Z');
const snap = (
  bookmaker: string,
  kind: OddsSnapshot['kind'],
  hoursBefore: number,
  odds: readonly [number, number, number],
): OddsSnapshot => ({ matchId: 1, bookmaker, kind, observedAtMs: KICKOFF - hoursBefore * 3_600_000, odds });

const HISTORY: OddsSnapshot[] = [
  snap('b365', 'pre_match', 48, [2.1, 3.4, 3.6]),
  snap('pinnacle', 'pre_match', 48, [2.15, 3.45, 3.7]),
  snap('b365', 'pre_match', 2, [2.0, 3.5, 3.9]),
  snap('market_avg', 'pre_match', 2, [2.05, 3.4, 3.8]),
  snap('b365', 'closing', 0, [1.95, 3.5, 4.1]),
  snap('market_avg', 'closing', 0, [1.97, 3.45, 4.0]),
  snap('pinnacle', 'closing', 0, [2.0, 3.6, 4.2]),
  snap('williamhill', 'closing', 0, [1.9, 3.4, 4.0]),
];

describe('what the API keeps of a match’s odds history', () => {
  it('keeps the pre-match prices and the preferred closing one, and drops the other closing prices', () => {
    const kept = whatCardsRead(HISTORY);
    expect(kept.filter((s) => s.kind === 'closing')).toEqual([closingSnapshot(HISTORY)]);
    expect(kept.filter((s) => s.kind === 'pre_match')).toEqual(HISTORY.filter((s) => s.kind === 'pre_match'));
  });

  it('gives the same closing price, bet price and CLV as the whole history', () => {
    const kept = whatCardsRead(HISTORY);
    expect(closingSnapshot(kept)).toEqual(closingSnapshot(HISTORY));
    // Published a week, a day and an hour before kick-off, and the walk-forward backtest.
    const predictions = [168, 24, 1]
      .map((h) => ({ backtest: false, computedAtMs: KICKOFF - h * 3_600_000 }))
      .concat([{ backtest: true, computedAtMs: KICKOFF + 86_400_000 }]);
    for (const prediction of predictions) {
      const taken = betPrice(HISTORY, prediction, KICKOFF);
      expect(betPrice(kept, prediction, KICKOFF)).toEqual(taken);
      if (taken === null) continue;
      for (const outcome of [0, 1, 2] as const) {
        const bet = { outcome, edge: 0.06, odd: taken.snapshot.odds[outcome] };
        expect(betClosingLineValue(bet, taken, kept)).toBe(betClosingLineValue(bet, taken, HISTORY));
      }
    }
  });

  it('keeps a history without a closing price as it is, and an empty one empty', () => {
    const preOnly = HISTORY.filter((s) => s.kind === 'pre_match');
    expect(whatCardsRead(preOnly)).toEqual(preOnly);
    expect(whatCardsRead([])).toEqual([]);
  });
});
