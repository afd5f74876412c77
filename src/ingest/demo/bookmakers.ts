/**
 * How the demo bookmakers price a match: their own estimate (the true probabilities with log-normal noise, less
 * noise at closing than at opening), then a margin loaded the way real books load it — more on the longshot
 * than on the favourite (the favourite–longshot bias). Implied probabilities are π_i = q_i^c with c < 1 chosen so
 * that Σ π_i = 1 + margin: the inverse of the power method of margin removal, so a longshot's price is shaded
 * proportionally more than a favourite's.
 */
import type { Random } from './random.ts';

export interface Book {
  readonly name: string;
  /** Overround on 1X2: Σ 1/odd − 1. */
  readonly margin: number;
  /** Sd of the log-normal noise on each outcome's probability, a few days out and at kick-off. */
  readonly openingNoise: number;
  readonly closingNoise: number;
}

/**
 * A sharp book (the one the cards show: near the truth at kick-off, margin of a market average) and a soft one.
 * Real 1X2 market-average margins run 5–7 %; Pinnacle's is nearer 2.5–3 %.
 */
export const BOOKS: readonly Book[] = [
  { name: 'demo_sharp', margin: 0.05, openingNoise: 0.1, closingNoise: 0.05 },
  { name: 'demo_soft', margin: 0.07, openingNoise: 0.16, closingNoise: 0.09 },
];

export interface Prices {
  readonly home: number;
  readonly draw: number;
  readonly away: number;
}

/** The exponent c ∈ (0, 1] with Σ q_i^c = 1 + margin (Σ q^c falls as c rises; bisection, 60 halvings). */
function powerExponent(q: readonly number[], margin: number): number {
  const total = (c: number) => q.reduce((s, x) => s + x ** c, 0);
  let lo = 0.01;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (total(mid) > 1 + margin) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Decimal odds (two decimals, at least 1.01) from the true probabilities, the book's noise and margin. */
export function priceMatch(
  truth: readonly number[],
  book: Book,
  kind: 'opening' | 'closing',
  rng: Random,
): Prices {
  const sd = kind === 'opening' ? book.openingNoise : book.closingNoise;
  const noisy = truth.map((p) => p * Math.exp(sd * rng.normal()));
  const sum = noisy.reduce((s, x) => s + x, 0);
  const q = noisy.map((x) => x / sum);
  const c = powerExponent(q, book.margin);
  const odd = (x: number) => Math.max(1.01, Math.round(100 / x ** c) / 100);
  return { home: odd(q[0]!), draw: odd(q[1]!), away: odd(q[2]!) };
}
