/** The betting simulation prices each past card as the track record and the cards do, never at the close. */
import { describe, expect, it } from 'vitest';
import type { OddsSnapshot } from '../../../src/domain/odds-history.ts';
import { type PublishedCard, pricedAtBet } from '../../../src/pipelines/reports/published-cards.ts';

const KICKOFF = Date.parse('2026-03-01T15:00:00Z');
const at = (hoursBefore: number) => KICKOFF - hoursBefore * 3_600_000;
const snap = (kind: OddsSnapshot['kind'], observedAtMs: number, home: number): OddsSnapshot => ({
  matchId: 1,
  bookmaker: kind === 'closing' ? 'pinnacle' : 'b365',
  kind,
  observedAtMs,
  odds: [home, 3.4, 4],
});
const HISTORY = new Map([
  [1, [snap('pre_match', at(72), 2.4), snap('pre_match', at(2), 2.1), snap('closing', KICKOFF, 1.9)]],
]);

const card = (overrides: Partial<PublishedCard>): PublishedCard => ({
  matchId: 1,
  regionId: 1,
  startTimeMs: KICKOFF,
  isFuture: false,
  probabilities: [0.5, 0.3, 0.2],
  // The artifact's latest price, the close: what the simulation bet at before.
  odds: [1.9, 3.4, 4],
  bookmaker: 'pinnacle',
  priceAtMs: null,
  outcome: 0,
  backtest: false,
  computedAtMs: at(48),
  history: null,
  ...overrides,
});

describe('pricedAtBet', () => {
  it('takes the price on offer when the prediction was published', () => {
    const { candidates, bookmakerOf, priceOf } = pricedAtBet([card({})], HISTORY);
    expect(candidates).toMatchObject([{ matchId: 1, odds: [2.4, 3.4, 4], priceAtMs: at(72) }]);
    expect(bookmakerOf.get(1)).toBe('b365');
    expect(priceOf.get(1)).toEqual([2.4, 3.4, 4]);
  });

  it('takes the last pre-match price for the walk-forward backtest, and leaves out a card with no price', () => {
    const backtest = card({ backtest: true, computedAtMs: KICKOFF + 86_400_000 });
    expect(pricedAtBet([backtest], HISTORY).candidates).toMatchObject([{ odds: [2.1, 3.4, 4] }]);
    expect(pricedAtBet([card({ matchId: 2 })], HISTORY).candidates).toEqual([]);
    // Logged at kick-off: no price could be taken.
    expect(pricedAtBet([card({ computedAtMs: KICKOFF })], HISTORY).candidates).toEqual([]);
  });
});
