import { describe, expect, it } from 'vitest';
import type { StoredOdds } from '../../../src/db/match-repository.ts';
import { marketProbabilities } from '../../../src/pipelines/evaluation/model-market.ts';

const price = (bookmaker: string, odds: StoredOdds['odds']): StoredOdds => ({
  matchId: 1,
  bookmaker,
  kind: 'closing',
  collectedAt: null,
  odds,
  url: null,
});

describe('the closing market of evaluate', () => {
  it('passes over a close whose margin is clearly negative (a data error) for the next preferred one', () => {
    // Preston v Coventry, 2025-12-09: a Pinnacle close summing to 0.934 beside Bet365's.
    const corrupt = price('pinnacle', [3.72, 3.57, 2.6]);
    const b365 = price('b365', [3.4, 3.3, 2.2]);
    const chosen = marketProbabilities([corrupt, b365], 'multiplicative').get(1);
    const book = 1 / 3.4 + 1 / 3.3 + 1 / 2.2;
    expect(chosen?.[0]).toBeCloseTo(1 / 3.4 / book, 12);
    expect(marketProbabilities([corrupt], 'multiplicative').size).toBe(0);
  });
});
