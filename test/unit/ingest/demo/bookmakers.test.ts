import { describe, expect, it } from 'vitest';
import { removeMargin } from '../../../../src/domain/margin-removal.ts';
import { overround } from '../../../../src/domain/odds.ts';
import {
  BOOKS,
  ERROR_PERSISTENCE,
  PRICE_STEPS,
  type Prices,
  pricePath,
} from '../../../../src/ingest/demo/bookmakers.ts';
import { randomStream } from '../../../../src/ingest/demo/random.ts';

const N = 1500;
const odds = (p: Prices) => [p.home, p.draw, p.away] as const;
/** Kullback–Leibler divergence of margin-free probabilities `q` from the truth. */
const divergence = (truth: readonly number[], q: readonly number[]) =>
  truth.reduce((s, t, i) => s + t * Math.log(t / q[i]!), 0);

/** Plausible 1X2 truths: home favourites to away favourites, draws 20–32 %. */
function truths(): number[][] {
  const rng = randomStream(3, 'truths');
  return Array.from({ length: N }, () => {
    const draw = 0.2 + 0.12 * rng.next();
    const home = (1 - draw) * (0.2 + 0.6 * rng.next());
    return [home, draw, 1 - draw - home];
  });
}

describe('pricePath', () => {
  const all = truths();

  it('prices a week out, the day before and at kick-off, each book with one noise per step', () => {
    expect(PRICE_STEPS.map((s) => s.kind)).toEqual(['opening', 'snapshot', 'closing']);
    expect(PRICE_STEPS.at(-1)?.leadMs).toBe(0);
    for (let i = 1; i < PRICE_STEPS.length; i++)
      expect(PRICE_STEPS[i]!.leadMs).toBeLessThan(PRICE_STEPS[i - 1]!.leadMs);
    for (const book of BOOKS) {
      expect(book.noise).toHaveLength(PRICE_STEPS.length);
      for (let i = 1; i < book.noise.length; i++) expect(book.noise[i]!).toBeLessThan(book.noise[i - 1]!);
    }
  });

  it('is deterministic for a random stream', () => {
    const book = BOOKS[0]!;
    expect(pricePath([0.5, 0.3, 0.2], book, randomStream(1, 'x'))).toEqual(
      pricePath([0.5, 0.3, 0.2], book, randomStream(1, 'x')),
    );
  });

  for (const book of BOOKS) {
    describe(book.name, () => {
      const rng = randomStream(9, book.name);
      const paths = all.map((t) => pricePath(t, book, rng));
      // Margin removed by the power method, the inverse of how the book loads it.
      const fair = paths.map((p) => p.map((prices) => removeMargin(odds(prices), 'power')));

      it('moves toward the truth: each price is closer to it on average than the one before', () => {
        const mean = (step: number) => fair.reduce((s, q, i) => s + divergence(all[i]!, q[step]!), 0) / N;
        const [opening, dayBefore, closing] = [mean(0), mean(1), mean(2)];
        expect(dayBefore).toBeLessThan(opening);
        expect(closing).toBeLessThan(dayBefore);
        // Closing noise is half the opening noise: about a quarter of the divergence (rounding adds a little).
        expect(closing / opening).toBeGreaterThan(0.15);
        expect(closing / opening).toBeLessThan(0.45);
      });

      it('keeps part of the opening mispricing until the close (prices move, they are not redrawn)', () => {
        // Error of the home price in log-probability, opening and closing.
        const open = fair.map((q, i) => Math.log(q[0]![0]! / all[i]![0]!));
        const close = fair.map((q, i) => Math.log(q[2]![0]! / all[i]![0]!));
        const m = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
        const [mo, mc] = [m(open), m(close)];
        const cov = m(open.map((o, i) => (o - mo) * (close[i]! - mc)));
        const corr = cov / Math.sqrt(m(open.map((o) => (o - mo) ** 2)) * m(close.map((c) => (c - mc) ** 2)));
        // Two steps of persistence ρ = 0.7: ρ² ≈ 0.49 (the renormalisation over three outcomes blurs it a little).
        expect(corr).toBeGreaterThan(ERROR_PERSISTENCE ** 2 - 0.15);
        expect(corr).toBeLessThan(ERROR_PERSISTENCE ** 2 + 0.15);
      });

      it(`loads a margin of about ${Math.round(book.margin * 100)} % on every price`, () => {
        const margins = paths.flatMap((p) => p.map((prices) => overround(odds(prices))));
        for (const m of margins) {
          expect(m).toBeGreaterThan(book.margin - 0.015);
          expect(m).toBeLessThan(book.margin + 0.015);
        }
        const sorted = [...margins].sort((a, b) => a - b);
        const median = sorted[Math.floor(sorted.length / 2)]!;
        // docs/model-quality.md: the median margin of the price shown stays within 4 %–7 %.
        expect(median).toBeGreaterThan(0.04);
        expect(median).toBeLessThan(0.075);
        expect(Math.abs(median - book.margin)).toBeLessThan(0.005);
      });
    });
  }
});
