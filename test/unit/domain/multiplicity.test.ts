import { describe, expect, it } from 'vitest';
import { MIN_BETS_COMPARED, multiplicity } from '../../../src/domain/multiplicity.ts';
import { seededRandom } from '../../../src/domain/seeded-random.ts';
import { roiInterval } from '../../../src/domain/staking.ts';
import { leaguesAgainstChance } from '../../../src/domain/track-record.ts';

/**
 * `slices` slices of `bets` flat bets each on a fair market (no margin, no edge: every true ROI is 0), each with
 * its bootstrap ROI interval as the track record draws it.
 */
function fairMarket(slices: number, bets: number) {
  const random = seededRandom(3);
  return Array.from({ length: slices }, (_, k) => {
    const results = Array.from({ length: bets }, () => {
      const odd = 1.8 + 2.4 * random();
      return { staked: 1, profit: random() < 1 / odd ? odd - 1 : -1 };
    });
    return { n_bets: bets, ci95: roiInterval(results, { resamples: 500, seed: k + 1 }) };
  });
}

describe('ROIs side by side against chance', () => {
  it('on a fair market, about 1 interval in 20 excludes zero, as many as it expects', () => {
    const m = multiplicity(fairMarket(400, 150));
    expect(m).toMatchObject({ min_bets: MIN_BETS_COMPARED, compared: 400, expected_by_chance: 20 });
    const excluding = m.above_zero + m.below_zero;
    // Binomial(400, 0.05): mean 20, sd 4.4; the bootstrap's slight narrowness adds a little.
    expect(excluding).toBeGreaterThanOrEqual(10);
    expect(excluding).toBeLessThanOrEqual(34);
    // The point of the count: with no edge anywhere, some slices still look like one.
    expect(m.above_zero).toBeGreaterThan(0);
    expect(m.below_zero).toBeGreaterThan(0);
  });

  it('leaves out slices too small for their interval: on a fair market those exclude zero far more often', () => {
    const small = fairMarket(400, 5);
    const excluding = small.filter((s) => s.ci95 !== null && (s.ci95[0] > 0 || s.ci95[1] < 0)).length;
    expect(excluding).toBeGreaterThan(2 * (400 / 20));
    expect(multiplicity([...small, { n_bets: 0, ci95: null }])).toEqual({
      min_bets: MIN_BETS_COMPARED,
      compared: 0,
      expected_by_chance: 0,
      above_zero: 0,
      below_zero: 0,
    });
  });

  it('counts an interval touching zero as not excluding it', () => {
    const slices = [
      { n_bets: 30, ci95: [0, 12] as [number, number] },
      { n_bets: 40, ci95: [0.5, 12] as [number, number] },
      { n_bets: 50, ci95: [-30, -0.1] as [number, number] },
      { n_bets: 60, ci95: [-30, 0] as [number, number] },
      { n_bets: 29, ci95: [5, 9] as [number, number] },
    ];
    expect(multiplicity(slices)).toEqual({
      min_bets: 30,
      compared: 4,
      expected_by_chance: 0.2,
      above_zero: 1,
      below_zero: 1,
    });
  });

  it('says it in one line, for the dashboard and the replay alike', () => {
    const m = { min_bets: 30, compared: 18, expected_by_chance: 0.9, above_zero: 0, below_zero: 2 };
    expect(leaguesAgainstChance(m)).toBe(
      '18 leagues with 30 bets or more compared: at 95 % about 0.9 would look significant by chance; 2 do (0 above zero, 2 below).',
    );
    expect(leaguesAgainstChance({ ...m, compared: 500, expected_by_chance: 25, above_zero: 1 })).toBe(
      '500 leagues with 30 bets or more compared: at 95 % about 25 would look significant by chance; 3 do (1 above zero, 2 below).',
    );
    expect(leaguesAgainstChance({ ...m, below_zero: 1 })).toMatch(/; 1 does \(0 above zero, 1 below\)\.$/);
    expect(leaguesAgainstChance({ ...m, below_zero: 0 })).toMatch(/; 0 do\.$/);
    expect(leaguesAgainstChance({ ...m, compared: 1, expected_by_chance: 0.05 })).toBe(
      'Fewer than two leagues have 30 bets or more: no intervals to compare.',
    );
  });
});
