import { describe, expect, it } from 'vitest';
import { removeMargin } from '../../../src/domain/margin-removal.ts';
import type { Odds1x2 } from '../../../src/domain/odds.ts';
import type { OddsSnapshot } from '../../../src/domain/odds-history.ts';
import type { SettledBet } from '../../../src/pipelines/reports/betting-simulation.ts';
import { closingLineValues } from '../../../src/pipelines/reports/closing-line-value.ts';

const KICKOFF = Date.UTC(2025, 0, 4, 15);

function bet(matchId: number, outcome: 0 | 1 | 2, odd: number): SettledBet {
  return {
    matchId,
    regionId: 1,
    date: '2025-01-04',
    startTimeMs: KICKOFF,
    p: 0.5,
    bet: { outcome, odd, edge: 0.1 },
    profit: odd - 1,
  };
}

function snapshot(
  matchId: number,
  kind: OddsSnapshot['kind'],
  odds: Odds1x2,
  bookmaker = 'pinnacle',
): OddsSnapshot {
  return { matchId, bookmaker, kind, observedAtMs: KICKOFF - (kind === 'closing' ? 0 : 3_600_000), odds };
}

// Match 1 bet before the close, 2 at the close (its price is no pre-match one), 3 without a closing price.
const bets = [bet(1, 0, 2.1), bet(2, 2, 4.2), bet(3, 1, 3.4)];
const bookmakerOf = new Map([
  [1, 'pinnacle'],
  [2, 'pinnacle'],
  [3, 'pinnacle'],
]);
const priceOf = new Map<number, Odds1x2>([
  [1, [2.1, 3.4, 3.9]],
  [2, [1.9, 3.5, 4.2]],
  [3, [2.5, 3.4, 2.9]],
]);
const history = new Map<number, readonly OddsSnapshot[]>([
  [1, [snapshot(1, 'pre_match', [2.1, 3.4, 3.9]), snapshot(1, 'closing', [1.95, 3.5, 4.3])]],
  [2, [snapshot(2, 'pre_match', [2.0, 3.4, 4.0]), snapshot(2, 'closing', [1.9, 3.5, 4.2])]],
  [3, [snapshot(3, 'pre_match', [2.5, 3.4, 2.9])]],
]);

describe('closingLineValues with the previous call’s verdicts', () => {
  it('gives what a call without them gives, and recomputes a bet whose history was read again', () => {
    const first = closingLineValues(bets, bookmakerOf, priceOf, history);
    expect(first.nBets).toBe(1);
    expect(first.takenAtClose).toBe(1);
    const again = closingLineValues(bets, bookmakerOf, priceOf, history, first.memo);
    expect({ ...again, memo: null }).toEqual({ ...first, memo: null });
    // A new closing price for match 1 comes as a new array: the memo must not answer for it.
    const moved = new Map(history);
    moved.set(1, [snapshot(1, 'pre_match', [2.1, 3.4, 3.9]), snapshot(1, 'closing', [1.8, 3.6, 4.8])]);
    const fresh = closingLineValues(bets, bookmakerOf, priceOf, moved);
    const reused = closingLineValues(bets, bookmakerOf, priceOf, moved, first.memo);
    expect({ ...reused, memo: null }).toEqual({ ...fresh, memo: null });
    expect(reused.values.get(1)).not.toBe(first.values.get(1));
    // Another price taken (the odds stage chose again) or another outcome bet on is not reused either.
    const repriced = new Map(priceOf).set(1, [2.0, 3.4, 4.0]);
    expect(closingLineValues(bets, bookmakerOf, repriced, history, first.memo).takenAtClose).toBe(2);
    const otherSide = [bet(1, 2, 3.9), bets[1] as SettledBet, bets[2] as SettledBet];
    expect(closingLineValues(otherSide, bookmakerOf, priceOf, history, first.memo).values.get(1)).toBe(
      closingLineValues(otherSide, bookmakerOf, priceOf, history).values.get(1),
    );
  });

  it('takes the margin off the configured way, and recomputes a remembered bet when that way changes', () => {
    const shin = closingLineValues(bets, bookmakerOf, priceOf, history, null, 'shin');
    const power = closingLineValues(bets, bookmakerOf, priceOf, history, shin.memo, 'power');
    const pClose = removeMargin([1.95, 3.5, 4.3], 'power')[0] as number;
    expect(power.values.get(1)).toBeCloseTo(pClose * 2.1 - 1, 12);
    expect(power.values.get(1)).not.toBe(shin.values.get(1));
  });
});
