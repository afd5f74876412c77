/**
 * How the demo bookmakers price a match, and how their prices move before kick-off. Each book's estimate is
 * the true probabilities with a log-normal error; the error of each later price keeps part of the previous
 * one and shrinks (news arrives, money comes in), so opening prices a week out are rougher than the price the
 * day before, and the closing price at kick-off is the sharpest, as in real markets. A margin is then loaded
 * the way real books load it — more on the longshot than on the favourite (the favourite–longshot bias).
 * Implied probabilities are π_i = q_i^c with c < 1 chosen so that Σ π_i = 1 + margin: the inverse of the
 * power method of margin removal, so a longshot's price is shaded proportionally more than a favourite's.
 */
import type { Random } from './random.ts';

/** One price of a book's path: its kind as the odds table stores it and how long before kick-off it is seen. */
export interface PriceStep {
  readonly kind: 'opening' | 'snapshot' | 'closing';
  readonly leadMs: number;
}

const DAY_MS = 86_400_000;

/**
 * Opening a week out (the weekend's prices go up after the previous round), one move the day before, closing
 * at kick-off. Fixtures appear earlier than their opening price (generate-world.ts: 14 days ahead).
 */
export const PRICE_STEPS: readonly PriceStep[] = [
  { kind: 'opening', leadMs: 7 * DAY_MS },
  { kind: 'snapshot', leadMs: DAY_MS },
  { kind: 'closing', leadMs: 0 },
];

export interface Book {
  readonly name: string;
  /** Overround on 1X2: Σ 1/odd − 1. */
  readonly margin: number;
  /** Sd of the log-normal error on each outcome's probability at each of PRICE_STEPS (falling). */
  readonly noise: readonly number[];
}

/**
 * A sharp book (the one the cards show: near the truth at kick-off, margin of a market average) and a soft one.
 * Real 1X2 market-average margins run 5–7 %; Pinnacle's is nearer 2.5–3 %.
 */
export const BOOKS: readonly Book[] = [
  { name: 'demo_sharp', margin: 0.05, noise: [0.1, 0.07, 0.05] },
  { name: 'demo_soft', margin: 0.07, noise: [0.16, 0.12, 0.09] },
];

/**
 * Correlation of a book's error between two successive prices: the part of a mispricing that survives to the
 * next price. Below 1, so every move goes on average toward the truth.
 */
export const ERROR_PERSISTENCE = 0.7;

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

/** Decimal odds (two decimals, at least 1.01) of the true probabilities seen with a log error per outcome. */
function quote(truth: readonly number[], error: readonly number[], margin: number): Prices {
  const noisy = truth.map((p, i) => p * Math.exp(error[i]!));
  const sum = noisy.reduce((s, x) => s + x, 0);
  const q = noisy.map((x) => x / sum);
  const c = powerExponent(q, margin);
  const odd = (x: number) => Math.max(1.01, Math.round(100 / x ** c) / 100);
  return { home: odd(q[0]!), draw: odd(q[1]!), away: odd(q[2]!) };
}

/**
 * A book's prices of one match at each of PRICE_STEPS, in order. The log error of each outcome follows
 * e_0 = σ_0·z_0, e_k = ρ·(σ_k/σ_{k−1})·e_{k−1} + σ_k·√(1−ρ²)·z_k: its sd at step k is σ_k and each step keeps
 * a share ρ·σ_k/σ_{k−1} of the previous error, so the price drifts toward the truth. Always draws the same
 * number of normals, so a match's prices do not depend on how many of them are visible yet.
 */
export function pricePath(truth: readonly number[], book: Book, rng: Random): Prices[] {
  const prices: Prices[] = [];
  let error: number[] = [];
  book.noise.forEach((sd, k) => {
    const keep = k === 0 ? 0 : ERROR_PERSISTENCE * (sd / book.noise[k - 1]!);
    const fresh = k === 0 ? sd : sd * Math.sqrt(1 - ERROR_PERSISTENCE ** 2);
    error = truth.map((_, i) => keep * (error[i] ?? 0) + fresh * rng.normal());
    prices.push(quote(truth, error, book.margin));
  });
  return prices;
}
