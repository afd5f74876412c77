import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidOddsError,
  MARGIN_METHODS,
  type MarginMethod,
  removeMargin,
} from '../../../src/domain/margin-removal.ts';

function close(actual: readonly number[], expected: readonly number[], digits = 6): void {
  for (const [i, p] of actual.entries()) expect(p).toBeCloseTo(expected[i] as number, digits);
}

describe('margin removal', () => {
  it('Shin: the worked example published with the `shin` Python package', () => {
    // shin.calculate_implied_probabilities([2.6, 2.4, 4.3]) → [0.37299406…, 0.40477941…, 0.22222652…], z ≈ 0.01694
    close(removeMargin([2.6, 2.4, 4.3], 'shin'), [0.37299406, 0.40477941, 0.22222653]);
  });

  it('multiplicative and additive by hand on a 1X2 book', () => {
    // 1/2.1 + 1/3.4 + 1/3.6 = 1.048085…; additive takes 0.016028… off each.
    close(removeMargin([2.1, 3.4, 3.6], 'multiplicative'), [0.454343, 0.280624, 0.265033]);
    close(removeMargin([2.1, 3.4, 3.6], 'additive'), [0.460162, 0.278089, 0.261749]);
  });

  it('power and odds ratio solve their own equations', () => {
    const inverse = [1 / 2.1, 1 / 3.4, 1 / 3.6];
    const p = removeMargin([2.1, 3.4, 3.6], 'power');
    const k = Math.log(p[0] as number) / Math.log(inverse[0] as number);
    for (const [i, x] of inverse.entries()) expect(p[i]).toBeCloseTo(x ** k, 9);
    const q = removeMargin([2.1, 3.4, 3.6], 'odds_ratio');
    const ratio = (i: number) =>
      (inverse[i] as number) / (1 - (inverse[i] as number)) / ((q[i] as number) / (1 - (q[i] as number)));
    expect(ratio(1)).toBeCloseTo(ratio(0), 9);
    expect(ratio(2)).toBeCloseTo(ratio(0), 9);
  });

  const book = fc
    .tuple(
      fc.double({ min: 1.05, max: 30, noNaN: true }),
      fc.double({ min: 1.05, max: 30, noNaN: true }),
      fc.double({ min: 1.05, max: 30, noNaN: true }),
    )
    .filter(([a, b, c]) => 1 / a + 1 / b + 1 / c > 1.001 && 1 / a + 1 / b + 1 / c < 1.3);

  it.each(MARGIN_METHODS)('%s: sums to 1 and keeps the order of the prices', (method: MarginMethod) => {
    fc.assert(
      fc.property(book, (odds) => {
        const p = removeMargin(odds, method);
        expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
        for (const [i, a] of odds.entries())
          for (const [j, b] of odds.entries())
            if (a < b - 1e-9) expect(p[i]).toBeGreaterThanOrEqual(p[j] as number);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('returns 1/odd for a book without margin, and agrees on a symmetric two-way book', () => {
    for (const method of MARGIN_METHODS) {
      close(removeMargin([2, 4, 4], method), [0.5, 0.25, 0.25], 9);
      close(removeMargin([1.9, 1.9], method), [0.5, 0.5], 9);
    }
  });

  it('loads more of the margin on the longshot with power and Shin than multiplicative does', () => {
    const odds = [1.3, 5.5, 11];
    const base = removeMargin(odds, 'multiplicative')[2] as number;
    expect(removeMargin(odds, 'power')[2]).toBeLessThan(base);
    expect(removeMargin(odds, 'shin')[2]).toBeLessThan(base);
  });

  it('refuses odds it cannot read', () => {
    expect(() => removeMargin([2, 1, 3], 'shin')).toThrow(InvalidOddsError);
    expect(() => removeMargin([2], 'power')).toThrow(InvalidOddsError);
    expect(() => removeMargin([2, Number.NaN, 3], 'additive')).toThrow(InvalidOddsError);
  });
});
