/**
 * Margin removal ("de-vigging"): a bookmaker's decimal odds → the probabilities they imply once the margin is taken
 * out. Five published methods, one entry point. Every method returns probabilities that sum to 1 and keep the
 * order of the prices; for a book with no margin each returns 1/odd. They differ in where the margin is assumed to
 * sit: spread evenly (multiplicative, additive) or loaded on longshots, as the favourite–longshot bias suggests
 * (power, Shin, odds ratio).
 *
 * @example
 *   removeMargin([2.6, 2.4, 4.3], 'shin'); // ≈ [0.3730, 0.4048, 0.2222]
 */

export const MARGIN_METHODS = ['multiplicative', 'additive', 'power', 'shin', 'odds_ratio'] as const;
export type MarginMethod = (typeof MARGIN_METHODS)[number];

export function isMarginMethod(value: string): value is MarginMethod {
  return (MARGIN_METHODS as readonly string[]).includes(value);
}

/** Odds that cannot be de-vigged: fewer than two prices, or a price that is not a finite number above 1. */
export class InvalidOddsError extends Error {
  override readonly name = 'InvalidOddsError';
}

const TOLERANCE = 1e-12;
const MAX_STEPS = 200;

/** The root of an increasing or decreasing `f` on [lo, hi], where f(lo) and f(hi) have opposite signs. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  const fa = f(a);
  for (let i = 0; i < MAX_STEPS && b - a > TOLERANCE; i++) {
    const mid = (a + b) / 2;
    if (Math.sign(f(mid)) === Math.sign(fa)) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** Scales to a sum of exactly 1 (removes the bisection's last rounding). */
const normalised = (p: readonly number[]) => {
  const total = sum(p);
  return p.map((x) => x / total);
};

function multiplicative(inverse: readonly number[]): number[] {
  return normalised(inverse);
}

/** The same amount taken off each outcome: (B − 1)/n. Longshots can go below zero; they are floored at 0. */
function additive(inverse: readonly number[]): number[] {
  const share = (sum(inverse) - 1) / inverse.length;
  return normalised(inverse.map((x) => Math.max(0, x - share)));
}

/** p_i = π_i^k with k chosen so the p_i sum to 1 (k > 1 for a book with a margin). */
function power(inverse: readonly number[]): number[] {
  const total = (k: number) => sum(inverse.map((x) => x ** k)) - 1;
  const book = sum(inverse);
  if (Math.abs(book - 1) < TOLERANCE) return normalised(inverse);
  const k = book > 1 ? bisect(total, 1, 100) : bisect(total, 0.01, 1);
  return normalised(inverse.map((x) => x ** k));
}

/**
 * Shin (1992, 1993): a share z of the money comes from insiders; the probabilities solve
 * p_i = (√(z² + 4(1 − z)·π_i²/B) − z) / (2(1 − z)) with Σ p_i = 1, found by bisection on z.
 */
function shin(inverse: readonly number[]): number[] {
  const book = sum(inverse);
  if (book <= 1) return normalised(inverse);
  const at = (z: number) =>
    inverse.map((x) => (Math.sqrt(z * z + (4 * (1 - z) * x * x) / book) - z) / (2 * (1 - z)));
  const z = bisect((zz) => sum(at(zz)) - 1, 0, 0.999);
  return normalised(at(z));
}

/** Cheung (2015): the odds ratio between fair and bookmaker probabilities is one constant c for all outcomes. */
function oddsRatio(inverse: readonly number[]): number[] {
  const book = sum(inverse);
  if (Math.abs(book - 1) < TOLERANCE) return normalised(inverse);
  const at = (c: number) => inverse.map((x) => x / (c + x - c * x));
  const c = book > 1 ? bisect((cc) => sum(at(cc)) - 1, 1, 1e6) : bisect((cc) => sum(at(cc)) - 1, 1e-6, 1);
  return normalised(at(c));
}

const METHODS: Readonly<Record<MarginMethod, (inverse: readonly number[]) => number[]>> = {
  multiplicative,
  additive,
  power,
  shin,
  odds_ratio: oddsRatio,
};

/** Margin-free probabilities of the outcomes priced at `odds` (decimal), by `method`. */
export function removeMargin(odds: readonly number[], method: MarginMethod): number[] {
  if (odds.length < 2 || odds.some((o) => !Number.isFinite(o) || o <= 1)) {
    throw new InvalidOddsError(
      `cannot remove the margin of odds [${odds.join(', ')}]: need 2+ prices above 1`,
    );
  }
  return METHODS[method](odds.map((o) => 1 / o));
}

/**
 * The method used where none is chosen, and params.yaml `evaluate.margin_method`'s default: the best log loss on
 * held-out seasons (docs/model-quality.md, "Margin removal"). The running system passes the configured one to
 * every place that takes a margin off (the track record, the cards' and the betting stage's closing-line value).
 */
export const DEFAULT_MARGIN_METHOD: MarginMethod = 'odds_ratio';
