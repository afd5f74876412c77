import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/domain/seeded-random.ts';
import {
  calibrateByLeague,
  fitCalibrator,
  fitLeagueCalibration,
} from '../../../src/models/league-calibration.ts';
import { logLoss } from '../../../src/models/metrics.ts';

const softmax = (z: readonly number[]) => {
  const e = z.map(Math.exp);
  const t = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / t);
};

/**
 * n forecasts p; outcomes drawn from softmax(scale · log p + (home, 0, away)): the forecaster is miscalibrated
 * exactly as the calibrator models it.
 */
function world(n: number, seed: number, scale: number, home: number, away: number) {
  const random = seededRandom(seed);
  const p = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = (random() - 0.5) * 3;
    const f = softmax([0.3 + s, 0, -s]);
    p.set(f, i * 3);
    const t = softmax([
      scale * Math.log(f[0] as number) + home,
      scale * Math.log(f[1] as number),
      scale * Math.log(f[2] as number) + away,
    ]);
    const u = random();
    y[i] = u < (t[0] as number) ? 0 : u < (t[0] as number) + (t[1] as number) ? 1 : 2;
  }
  return { p, y };
}

const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('per-league calibration', () => {
  it('leaves a calibrated forecaster alone', () => {
    const { p, y } = world(20_000, 1, 1, 0, 0);
    const c = fitCalibrator(p, y, all(20_000), 1);
    expect(c.scale).toBeCloseTo(1, 1);
    expect(Math.abs(c.home)).toBeLessThan(0.05);
    expect(Math.abs(c.away)).toBeLessThan(0.05);
  });

  it('recovers over-confidence and a misjudged home advantage, and scores better out of sample', () => {
    const train = world(20_000, 2, 0.6, 0.15, -0.1);
    const c = fitCalibrator(train.p, train.y, all(20_000), 1);
    expect(c.scale).toBeGreaterThan(0.5);
    expect(c.scale).toBeLessThan(0.7);
    expect(c.home).toBeGreaterThan(0.05);
    expect(c.away).toBeLessThan(0);
    const test = world(20_000, 3, 0.6, 0.15, -0.1);
    const league = Array<string>(20_000).fill('A');
    const calibrated = calibrateByLeague(new Map([['A', c]]), test.p, league);
    expect(logLoss(calibrated, test.y)).toBeLessThan(logLoss(test.p, test.y) - 0.005);
    for (let i = 0; i < 30; i += 3) {
      expect(
        (calibrated[i] as number) + (calibrated[i + 1] as number) + (calibrated[i + 2] as number),
      ).toBeCloseTo(1, 12);
    }
  });

  it('shrinks a small league toward the identity and leaves leagues below min_matches unchanged', () => {
    const big = world(4000, 4, 0.6, 0, 0);
    const small = world(100, 5, 0.6, 0, 0);
    const p = new Float64Array([...big.p, ...small.p]);
    const y = new Uint8Array([...big.y, ...small.y]);
    const league = [...Array<string>(4000).fill('big'), ...Array<string>(100).fill('small')];
    const fitted = fitLeagueCalibration(p, y, league, { min_matches: 50, prior: 200 });
    const bigScale = fitted.get('big')?.scale as number;
    const smallScale = fitted.get('small')?.scale as number;
    // Same miscalibration, far less evidence: the small league's scale stays closer to 1.
    expect(Math.abs(1 - smallScale)).toBeLessThan(Math.abs(1 - bigScale));
    const strict = fitLeagueCalibration(p, y, league, { min_matches: 500, prior: 200 });
    expect(strict.has('small')).toBe(false);
    const out = calibrateByLeague(strict, p, league);
    expect(Array.from(out.subarray(4000 * 3))).toEqual(Array.from(p.subarray(4000 * 3)));
  });
});
