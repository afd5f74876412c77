import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/domain/seeded-random.ts';
import { DETAIL_WIDTH, fitMarketStack } from '../../../src/models/market-stack.ts';
import { logLoss } from '../../../src/models/metrics.ts';

/** n matches whose outcomes are drawn from `truth`; the "model" only knows half of the truth. */
function world(n: number, seed: number) {
  const random = seededRandom(seed);
  const market = new Float64Array(n * 3);
  const model = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const strength = (random() - 0.5) * 2;
    const noise = (random() - 0.5) * 2;
    const row = (s: number) => {
      const h = Math.exp(0.3 + s);
      const a = Math.exp(-s);
      const total = h + 0.9 + a;
      return [h / total, 0.9 / total, a / total];
    };
    market.set(row(strength), i * 3);
    model.set(row((strength + noise) / 2), i * 3);
    const u = random();
    const p = market.subarray(i * 3, i * 3 + 3);
    y[i] = u < (p[0] as number) ? 0 : u < (p[0] as number) + (p[1] as number) ? 1 : 2;
  }
  return { market, model, y };
}

describe('market-aware stack', () => {
  it('learns to lean on the sharper forecast and is never worse than either input out of sample', () => {
    const train = world(20_000, 1);
    const test = world(20_000, 2);
    const stack = fitMarketStack(train.model, train.market, train.y);
    const stacked = logLoss(stack.predict(test.model, test.market), test.y);
    expect(stacked).toBeLessThan(logLoss(test.model, test.y));
    expect(stacked).toBeLessThan(logLoss(test.market, test.y) + 0.002);
    const p = stack.predict(test.model, test.market);
    for (let i = 0; i < 30; i += 3)
      expect((p[i] as number) + (p[i + 1] as number) + (p[i + 2] as number)).toBeCloseTo(1, 12);
  });

  it('with pre-match detail, uses a sharper book beside the average and still gives probabilities', () => {
    const train = world(20_000, 3);
    const test = world(20_000, 4);
    // The "Pinnacle" column is the truth itself; the average the stack reads is blurred toward 1/3.
    const blur = (p: Float64Array) => p.map((v) => 0.6 * v + 0.4 / 3);
    const detail = (w: ReturnType<typeof world>) => {
      const out = new Float64Array(w.y.length * DETAIL_WIDTH);
      for (let i = 0; i < w.y.length; i++)
        out.set([...w.market.subarray(i * 3, i * 3 + 3), 0.02], i * DETAIL_WIDTH);
      return out;
    };
    const plain = fitMarketStack(train.model, blur(train.market), train.y);
    const rich = fitMarketStack(train.model, blur(train.market), train.y, detail(train));
    const richP = rich.predict(test.model, blur(test.market), detail(test));
    expect(logLoss(richP, test.y)).toBeLessThan(
      logLoss(plain.predict(test.model, blur(test.market)), test.y),
    );
    for (let i = 0; i < 30; i += 3)
      expect((richP[i] as number) + (richP[i + 1] as number) + (richP[i + 2] as number)).toBeCloseTo(1, 12);
    expect(() => rich.predict(test.model, test.market)).toThrow(/detail/);
  });
});
