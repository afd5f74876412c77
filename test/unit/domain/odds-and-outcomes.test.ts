import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { impliedProbabilities, isValidOdds, overround } from '../../../src/domain/odds.ts';
import { argmaxClass, labelOf, outcomeOf } from '../../../src/domain/outcome.ts';
import {
  DEFAULT_EDGE_RULE,
  flatStakeProfit,
  hasLittleHistory,
  judgeEdge,
  valueBet,
} from '../../../src/domain/value-bet.ts';

const odd = fc.double({ min: 1.01, max: 50, noNaN: true });

describe('odds maths', () => {
  it('accepts three finite odds above 1 only', () => {
    expect(isValidOdds([2, 3.4, 3.9])).toBe(true);
    expect(isValidOdds([1, 3, 4])).toBe(false);
    expect(isValidOdds([2, null, 4])).toBe(false);
    expect(isValidOdds([2, Number.POSITIVE_INFINITY, 4])).toBe(false);
    expect(isValidOdds([2, 3])).toBe(false);
  });

  it('measures the margin and removes it proportionally (worked example)', () => {
    // 1/2.10 + 1/3.40 + 1/3.60 = 1.0481 → a 4.81 % book.
    expect(overround([2.1, 3.4, 3.6])).toBeCloseTo(0.0481, 4);
    const p = impliedProbabilities([2.1, 3.4, 3.6]);
    expect(p[0]).toBeCloseTo(0.4543, 4);
    expect(p[1]).toBeCloseTo(0.2806, 4);
    expect(p[2]).toBeCloseTo(0.265, 4);
  });

  it('gives probabilities that sum to 1 and keep the order of the prices', () => {
    fc.assert(
      fc.property(odd, odd, odd, (h, d, a) => {
        const p = impliedProbabilities([h, d, a]);
        expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 12);
        // Strictly only where the prices differ by more than rounding: 1.0100000000000027 vs …20 may tie.
        if (h < a * (1 - 1e-9)) expect(p[0]).toBeGreaterThan(p[2]);
        if (h <= a) expect(p[0]).toBeGreaterThanOrEqual(p[2]);
      }),
    );
  });
});

describe('outcomes', () => {
  it('reads a score, breaks ties toward home and labels classes', () => {
    expect([outcomeOf(2, 1), outcomeOf(1, 1), outcomeOf(0, 3)]).toEqual([0, 1, 2]);
    expect(argmaxClass([0.4, 0.4, 0.2])).toBe(0);
    expect(argmaxClass([0.2, 0.3, 0.5])).toBe(2);
    expect(labelOf(1)).toBe('draw');
  });
});

describe('value bets', () => {
  it('takes the outcome with the largest edge when it reaches the threshold', () => {
    expect(valueBet([0.5, 0.3, 0.2], [2.2, 3.2, 4], null)).toEqual({
      outcome: 0,
      edge: expect.closeTo(0.1, 9),
      odd: 2.2,
    });
    expect(valueBet([0.45, 0.28, 0.27], [2.1, 3.4, 3.6], null)).toBeNull();
  });

  it('flags a best edge above the sanity ceiling instead of advertising it', () => {
    // Home 0.5 · 3.0 − 1 = +50 %: beyond a 25 % ceiling, a probable data error.
    expect(judgeEdge([0.5, 0.3, 0.2], [3.0, 3.0, 2.6], null)).toEqual({
      bet: null,
      suspect: { outcome: 0, edge: expect.closeTo(0.5, 9), odd: 3.0, reason: 'above_ceiling' },
    });
    expect(valueBet([0.5, 0.3, 0.2], [3.0, 3.0, 2.6], null)).toBeNull();
    // The edge exactly at the ceiling is still a bet; a higher ceiling lets a bigger one through.
    expect(judgeEdge([0.5, 0.3, 0.2], [2.5, 2.9, 3.1], null).bet?.edge).toBeCloseTo(0.25, 9);
    expect(
      valueBet([0.5, 0.3, 0.2], [3.0, 3.0, 2.6], null, { ...DEFAULT_EDGE_RULE, ceiling: 1 })?.outcome,
    ).toBe(0);
    expect(judgeEdge([0.45, 0.28, 0.27], [2.1, 3.4, 3.6], null)).toEqual({ bet: null, suspect: null });
  });

  it('flags an edge worth a bet when a team has fewer earlier matches than the rule asks for', () => {
    const known = { home: 30, away: 12 };
    expect(judgeEdge([0.5, 0.3, 0.2], [2.2, 3.2, 4], known).bet?.outcome).toBe(0);
    // A newly promoted club with 2 earlier matches: the model never trained on rows like this one.
    expect(judgeEdge([0.5, 0.3, 0.2], [2.2, 3.2, 4], { home: 30, away: 2 })).toEqual({
      bet: null,
      suspect: { outcome: 0, edge: expect.closeTo(0.1, 9), odd: 2.2, reason: 'little_history' },
    });
    // Below the threshold nothing is flagged; above the ceiling the history is still the reason given.
    expect(judgeEdge([0.45, 0.28, 0.27], [2.1, 3.4, 3.6], { home: 0, away: 0 })).toEqual({
      bet: null,
      suspect: null,
    });
    expect(judgeEdge([0.5, 0.3, 0.2], [3.0, 3.0, 2.6], { home: 0, away: 0 }).suspect?.reason).toBe(
      'little_history',
    );
    // A price that is no number gives an edge that is none: never a bet.
    expect(judgeEdge([0.5, 0.3, 0.2], [Number.NaN, 3.0, 2.6], null)).toEqual({ bet: null, suspect: null });
    expect(hasLittleHistory({ home: 5, away: 5 }, 5)).toBe(false);
    expect(hasLittleHistory({ home: 5, away: 4 }, 5)).toBe(true);
    expect(hasLittleHistory(null, 5)).toBe(false);
  });

  it('flags any edge of a book with a clearly negative margin: no bookmaker pays out more than it takes', () => {
    // 1/2.2 + 1/3.6 + 1/5.5 = 0.914: a +10 % edge at those prices is a data error, not value.
    expect(judgeEdge([0.5, 0.3, 0.2], [2.2, 3.6, 5.5], null)).toEqual({
      bet: null,
      suspect: { outcome: 0, edge: expect.closeTo(0.1, 9), odd: 2.2, reason: 'negative_margin' },
    });
    // Below the threshold it is neither a bet nor worth a flag; a book just under 1 (rounding) is taken as it is.
    expect(judgeEdge([0.42, 0.29, 0.29], [2.4, 3.6, 3.6], null)).toEqual({ bet: null, suspect: null });
    expect(judgeEdge([0.5, 0.3, 0.2], [2.2, 3.5, 4.0], null).bet?.outcome).toBe(0);
  });

  it('settles a flat stake of 1', () => {
    const bet = { outcome: 2 as const, edge: 0.1, odd: 4 };
    expect(flatStakeProfit(bet, 2)).toBe(3);
    expect(flatStakeProfit(bet, 0)).toBe(-1);
  });
});
