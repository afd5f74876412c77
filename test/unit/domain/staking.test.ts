import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/domain/seeded-random.ts';
import {
  bankrollBand,
  bankrollBandSteps,
  bankrollPath,
  bootstrapInterval,
  closingLineValue,
  flatRoiPct,
  intervalOf,
  kellyFraction,
  kellyStake,
  maxDrawdown,
  meanResamples,
  roiInterval,
  type SettledBet,
} from '../../../src/domain/staking.ts';

describe('staking', () => {
  it('Kelly: (p·odds − 1)/(odds − 1), zero without an edge, fractional and capped', () => {
    expect(kellyFraction(0.5, 2.2)).toBeCloseTo(0.1 / 1.2, 12); // 0.0833…
    expect(kellyFraction(0.4, 2.4)).toBe(0); // 0.4 × 2.4 = 0.96: no edge
    expect(kellyFraction(0.45, 2.0)).toBe(0);
    expect(kellyStake(0.5, 2.2, { fraction: 0.25, cap: 0.05 })).toBeCloseTo(0.0208333, 6);
    expect(kellyStake(0.9, 3, { fraction: 1, cap: 0.05 })).toBe(0.05);
  });

  it('closing-line value: the closing probability times the price taken, minus 1', () => {
    expect(closingLineValue(2.2, 0.5)).toBeCloseTo(0.1, 12);
    expect(closingLineValue(1.9, 0.5)).toBeCloseTo(-0.05, 12);
  });

  it('plays a bankroll through bets and measures its deepest drawdown', () => {
    const bets: SettledBet[] = [
      { odds: 2, won: true, p: 0.6 },
      { odds: 3, won: false, p: 0.4 },
      { odds: 3, won: false, p: 0.4 },
      { odds: 2, won: true, p: 0.6 },
    ];
    expect(bankrollPath(bets, { kind: 'flat' }, 10)).toEqual([11, 10, 9, 10]);
    expect(maxDrawdown([11, 10, 9, 10], 10)).toEqual({ units: 2, share: 2 / 11 });
    const kelly = bankrollPath(bets, { kind: 'kelly', fraction: 0.5, cap: 0.1 }, 100);
    // Half Kelly: 0.1 of the bankroll (capped) on the 2.0 bets, 0.05 on the 3.0 bets.
    expect(kelly[0]).toBeCloseTo(110, 9);
    expect(kelly[1]).toBeCloseTo(104.5, 9);
  });

  it('a seeded bootstrap is deterministic and its 95% interval covers a fair market’s true ROI about 95% of the time', () => {
    const draw = seededRandom(2026);
    const seasons = 200;
    let covered = 0;
    for (let s = 0; s < seasons; s++) {
      // 300 matches of fair bets at odds 2.5 (p = 0.4): the true ROI is exactly 0.
      const matches = Array.from({ length: 300 }, () => [{ odds: 2.5, won: draw() < 0.4, p: 0.4 }]);
      const interval = bootstrapInterval(matches, flatRoiPct, { resamples: 300, seed: s });
      if (interval && interval[0] <= 0 && interval[1] >= 0) covered++;
    }
    expect(covered / seasons).toBeGreaterThan(0.91);
    expect(covered / seasons).toBeLessThan(0.99);
    const matches = [[{ odds: 2, won: true, p: 0.5 }], [{ odds: 2, won: false, p: 0.5 }]];
    expect(bootstrapInterval(matches, flatRoiPct, { seed: 7 })).toEqual(
      bootstrapInterval(matches, flatRoiPct, { seed: 7 }),
    );
    expect(bootstrapInterval([], flatRoiPct)).toBeNull();
  });

  it('the fast ROI interval draws the same resamples as the generic bootstrap, so it gives the same interval', () => {
    const draw = seededRandom(5);
    // Some matches hold two bets (3 units staked), so the ROI is a ratio, not a mean of per-match ROIs.
    const matches = Array.from({ length: 250 }, () =>
      Array.from({ length: draw() < 0.2 ? 2 : 1 }, () => ({
        odds: 1.5 + 3 * draw(),
        won: draw() < 0.4,
        p: 0.4,
      })),
    );
    const results = matches.map((bets) => ({
      staked: bets.length,
      profit: bets.reduce((s, b) => s + (b.won ? b.odds - 1 : -1), 0),
    }));
    const generic = bootstrapInterval(matches, flatRoiPct, { resamples: 500, seed: 3 });
    const fast = roiInterval(results, { resamples: 500, seed: 3 });
    expect(fast?.[0]).toBeCloseTo(generic?.[0] as number, 9);
    expect(fast?.[1]).toBeCloseTo(generic?.[1] as number, 9);
    expect(roiInterval([])).toBeNull();
  });

  it('the fast mean and flat-ROI intervals are the generic bootstrap to the last digit', () => {
    const draw = seededRandom(11);
    const values = Array.from({ length: 333 }, () => (draw() < 0.35 ? 0.4 + 3 * draw() : -1));
    const sum = (s: readonly number[]) => s.reduce((a, b) => a + b, 0);
    for (const options of [{}, { seed: 4, resamples: 300, level: 0.9 }]) {
      expect(intervalOf([...meanResamples(values, options)], options.level)).toEqual(
        bootstrapInterval(values, (s) => sum(s) / s.length, options),
      );
      expect(
        roiInterval(
          values.map((profit) => ({ staked: 1, profit })),
          options,
        ),
      ).toEqual(bootstrapInterval(values, (s) => (100 * sum(s)) / s.length, options));
    }
    expect([...meanResamples([])]).toEqual([]);
  });

  it('bands a bankroll path: the start before any bet, n × the mean-profit interval at the end', () => {
    const bets = [
      { odds: 2.5, won: true, p: 0.5 },
      { odds: 2, won: false, p: 0.55 },
      { odds: 3, won: false, p: 0.4 },
      { odds: 1.8, won: true, p: 0.6 },
    ];
    const band = bankrollBand(bets, { kind: 'flat' }, [0, 2, 4], 0, { resamples: 500, seed: 3 });
    expect(band[0]).toEqual([0, 0]);
    const mean = bootstrapInterval(
      bets,
      (s) => s.reduce((t, b) => t + (b.won ? b.odds - 1 : -1), 0) / s.length,
      {
        resamples: 500,
        seed: 3,
      },
    ) as [number, number];
    expect(band[2]?.[0]).toBeCloseTo(4 * mean[0], 12);
    expect(band[2]?.[1]).toBeCloseTo(4 * mean[1], 12);
    expect(band[1]?.[0]).toBeGreaterThanOrEqual(-2);
    const kelly = bankrollBand(bets, { kind: 'kelly', fraction: 0.25, cap: 0.05 }, [4], 100, {
      resamples: 200,
    });
    expect(kelly[0]?.[0]).toBeLessThanOrEqual(kelly[0]?.[1] as number);
    expect(bankrollBand([], { kind: 'flat' }, [0], 100)).toEqual([[100, 100]]);
  });

  it('takes steps inside its long loops: one per resample, and one per checkpoint sorted', () => {
    const bets = Array.from({ length: 300 }, (_, i) => ({ odds: 2, won: i % 2 === 0, p: 0.5 }));
    const checkpoints = Array.from({ length: 250 }, (_, i) => i + 1);
    const steps = bankrollBandSteps(bets, { kind: 'flat' }, checkpoints, 0, { resamples: 10 });
    let taken = 0;
    let end = steps.next();
    for (; !end.done; end = steps.next()) taken++;
    expect(taken).toBe(10 + 250);
    expect(end.value).toEqual(bankrollBand(bets, { kind: 'flat' }, checkpoints, 0, { resamples: 10 }));
  });
});
