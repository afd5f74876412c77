import { describe, expect, it } from 'vitest';
import {
  asianHandicap,
  awaySettlement,
  fairAsianOdds,
  type HandicapSettlement,
} from '../../../src/features/asian-handicap.ts';
import { MAX_GOALS, matrixOutcomes, scoreMatrix } from '../../../src/features/score-matrix.ts';

const SIZE = MAX_GOALS + 1;
const total = (s: HandicapSettlement) => s.win + s.halfWin + s.push + s.halfLoss + s.loss;

/** A matrix with all its mass on a few scores, so every settlement can be checked by hand. */
function scores(cells: Record<string, number>): Float64Array {
  const m = new Float64Array(SIZE * SIZE);
  for (const [score, p] of Object.entries(cells)) {
    const [i, j] = score.split('-').map(Number) as [number, number];
    m[i * SIZE + j] = p;
  }
  return m;
}

// 2-0 (home by two) 0.2, 1-0 (by one) 0.3, 1-1 0.25, 0-1 (away by one) 0.25.
const HAND = scores({ '2-0': 0.2, '1-0': 0.3, '1-1': 0.25, '0-1': 0.25 });

describe('Asian handicap from a score matrix', () => {
  it('settles whole and half lines: ahead wins, level pushes, behind loses', () => {
    expect(asianHandicap(HAND, 0)).toEqual({ win: 0.5, halfWin: 0, push: 0.25, halfLoss: 0, loss: 0.25 });
    const minusOne = asianHandicap(HAND, -1);
    expect(minusOne.win).toBeCloseTo(0.2, 12);
    expect(minusOne.push).toBeCloseTo(0.3, 12);
    expect(minusOne.loss).toBeCloseTo(0.5, 12);
    const plusHalf = asianHandicap(HAND, 0.5);
    expect([plusHalf.win, plusHalf.push, plusHalf.loss]).toEqual([0.75, 0, 0.25]);
  });

  it('splits quarter lines into two half stakes', () => {
    // −0.75 = half on −0.5, half on −1: 2-0 wins both; 1-0 wins one and pushes the other (half win).
    const s = asianHandicap(HAND, -0.75);
    expect(s.win).toBeCloseTo(0.2, 12);
    expect(s.halfWin).toBeCloseTo(0.3, 12);
    expect(s.push).toBe(0);
    expect(s.loss).toBeCloseTo(0.5, 12);
    // −0.25 = half on 0, half on −0.5: 1-1 pushes one half and loses the other (half loss).
    const q = asianHandicap(HAND, -0.25);
    expect(q.win).toBeCloseTo(0.5, 12);
    expect(q.halfLoss).toBeCloseTo(0.25, 12);
    expect(q.loss).toBeCloseTo(0.25, 12);
    // +0.25 from home is −0.25 from away: the mirror image.
    const plus = asianHandicap(HAND, 0.25);
    expect(plus.halfWin).toBeCloseTo(0.25, 12);
    expect(plus.win).toBeCloseTo(0.5, 12);
  });

  it('agrees with the 1X2 of a fitted matrix and always sums to 1', () => {
    const m = scoreMatrix([1.6, 1.05], -0.08);
    const o = matrixOutcomes(m);
    const level = asianHandicap(m, 0); // draw no bet
    expect(level.win).toBeCloseTo(o.home, 12);
    expect(level.push).toBeCloseTo(o.draw, 12);
    expect(level.loss).toBeCloseTo(o.away, 12);
    const half = asianHandicap(m, -0.5); // home must win
    expect(half.win).toBeCloseTo(o.home, 12);
    for (let line = -3; line <= 3; line += 0.25) {
      const s = asianHandicap(m, line);
      expect(total(s)).toBeCloseTo(1, 12);
      expect(total(awaySettlement(s))).toBeCloseTo(1, 12);
    }
    expect(() => asianHandicap(m, 0.3)).toThrow(RangeError);
  });

  it('prices the break-even odds: even money for a fair coin, higher for a half-loss risk', () => {
    expect(fairAsianOdds({ win: 0.5, halfWin: 0, push: 0, halfLoss: 0, loss: 0.5 })).toBe(2);
    // Draw no bet refunds the draw: 0.5 win, 0.25 push, 0.25 loss → 1 + 0.25/0.5 = 1.5.
    expect(fairAsianOdds(asianHandicap(HAND, 0))).toBeCloseTo(1.5, 12);
    // −0.75 on HAND: wins 0.2 + 0.3/2 = 0.35, loses 0.5 → 1 + 0.5/0.35.
    expect(fairAsianOdds(asianHandicap(HAND, -0.75))).toBeCloseTo(1 + 0.5 / 0.35, 12);
    expect(fairAsianOdds({ win: 0, halfWin: 0, push: 0, halfLoss: 0, loss: 1 })).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});
