import { describe, expect, it } from 'vitest';
import { type DixonColesGame, fitDixonColes, rhoWithin } from '../../../src/features/dixon-coles.ts';
import { MAX_GOALS, matrixOutcomes, scoreMatrix } from '../../../src/features/score-matrix.ts';

/** Every ordered pair of `teams` teams plays once per score in `scores` (home goals, away goals). */
function roundRobin(teams: number, scores: readonly (readonly [number, number])[]): DixonColesGame[] {
  const games: DixonColesGame[] = [];
  for (let h = 0; h < teams; h++) {
    for (let a = 0; a < teams; a++) {
      if (h === a) continue;
      for (const [homeGoals, awayGoals] of scores)
        games.push({ home: h, away: a, homeGoals, awayGoals, day: 0 });
    }
  }
  return games;
}

describe('Dixon–Coles fit', () => {
  it('matches a fit checked by hand on a league of identical teams', () => {
    // Each pair plays 0-0, 1-0, 0-1 and 2-2: λ = μ = 0.75, no home advantage, equal teams. With the rates fixed,
    // ρ maximises ln(1 − λμρ) + ln(1 + μρ) + ln(1 + λρ): setting the derivative to 0 gives
    // 1.5 (1 − 0.5625 ρ) = 0.5625 (1 + 0.75 ρ), ρ = 0.9375 / 1.265625 = 20/27.
    const fit = fitDixonColes(
      roundRobin(4, [
        [0, 0],
        [1, 0],
        [0, 1],
        [2, 2],
      ]),
      4,
      { xi: 0, nowDays: 1 },
    );
    expect(Math.exp(fit.base)).toBeCloseTo(0.75, 6);
    expect(fit.home).toBeCloseTo(0, 6);
    for (let t = 0; t < 4; t++) {
      expect(fit.attack[t]).toBeCloseTo(0, 6);
      expect(fit.defence[t]).toBeCloseTo(0, 6);
    }
    expect(fit.rho).toBeCloseTo(20 / 27, 5);
  });

  it('solves the weighted score equations: each team scores and concedes what the fit expects', () => {
    const games: DixonColesGame[] = [];
    const goals = [3, 1, 0, 2, 1, 4, 0, 1, 2, 2, 1, 0];
    let k = 0;
    for (let round = 0; round < 3; round++) {
      for (let h = 0; h < 4; h++) {
        for (let a = 0; a < 4; a++) {
          if (h === a) continue;
          const strength = 3 - h;
          games.push({
            home: h,
            away: a,
            homeGoals: (goals[k++ % goals.length] as number) + (strength > 1 ? 1 : 0),
            awayGoals: goals[(k * 7) % goals.length] as number,
            day: round * 30 + h,
          });
        }
      }
    }
    const xi = 0.01;
    const nowDays = 100;
    const fit = fitDixonColes(games, 4, { xi, nowDays, prior: 0, sweeps: 500 });
    for (let t = 0; t < 4; t++) {
      let scored = 0;
      let expected = 0;
      for (const g of games) {
        const w = Math.exp(-xi * (nowDays - g.day));
        const [l, m] = fit.rates(g.home, g.away);
        if (g.home === t) {
          scored += w * g.homeGoals;
          expected += w * l;
        }
        if (g.away === t) {
          scored += w * g.awayGoals;
          expected += w * m;
        }
      }
      expect(expected).toBeCloseTo(scored, 4);
    }
    // The strongest side at home (team 0) scores more than the weakest (team 3).
    expect(fit.attack[0]).toBeGreaterThan(fit.attack[3] as number);
  });

  it('a time decay makes recent matches count more', () => {
    // Team 0 beat everyone long ago and lost to everyone lately.
    const games: DixonColesGame[] = [];
    for (let a = 1; a < 4; a++) {
      games.push({ home: 0, away: a, homeGoals: 3, awayGoals: 0, day: 0 });
      games.push({ home: 0, away: a, homeGoals: 0, awayGoals: 2, day: 300 });
      games.push({ home: a, away: 0, homeGoals: 1, awayGoals: 1, day: 150 });
    }
    const flat = fitDixonColes(games, 4, { xi: 0, nowDays: 301 });
    const decayed = fitDixonColes(games, 4, { xi: 0.01, nowDays: 301 });
    expect(decayed.attack[0]).toBeLessThan(flat.attack[0] as number);
  });
});

describe('score matrix', () => {
  it('sums to 1 and its 1X2, over/under and BTTS agree with direct sums', () => {
    for (const [l, m, rho] of [
      [1.5, 1.1, -0.08],
      [0.6, 2.4, 0.05],
      [2.9, 0.3, 0],
    ] as const) {
      const matrix = scoreMatrix([l, m], rho);
      expect(matrix.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
      const o = matrixOutcomes(matrix);
      expect(o.home + o.draw + o.away).toBeCloseTo(1, 12);
      let under = 0;
      let nobody = 0;
      for (let i = 0; i <= MAX_GOALS; i++) {
        for (let j = 0; j <= MAX_GOALS; j++) {
          const p = matrix[i * (MAX_GOALS + 1) + j] as number;
          if (i + j <= 2) under += p;
          if (i === 0 || j === 0) nobody += p;
        }
      }
      expect(o.over25).toBeCloseTo(1 - under, 12);
      expect(o.btts).toBeCloseTo(1 - nobody, 12);
    }
  });

  it('with ρ = 0 it is two independent Poissons', () => {
    const o = matrixOutcomes(scoreMatrix([1.3, 0.9], 0));
    const pois = (r: number, k: number) => (Math.exp(-r) * r ** k) / [1, 1, 2, 6, 24, 120, 720][k]!;
    let draw = 0;
    for (let k = 0; k <= 6; k++) draw += pois(1.3, k) * pois(0.9, k);
    expect(o.draw).toBeCloseTo(draw, 4);
    // Both score: (1 − e^−1.3)(1 − e^−0.9).
    expect(o.btts).toBeCloseTo((1 - Math.exp(-1.3)) * (1 - Math.exp(-0.9)), 5);
    expect(o.expectedHomeGoals).toBeCloseTo(1.3, 5);
  });

  it('holds ρ where every τ stays non-negative, so rates the fit never saw still give probabilities', () => {
    // A strong attack against a weak defence (λ 4, μ 0.3) with a fitted ρ of −0.3: τ(0, 1) = 1 + λρ would be −0.2.
    const m = scoreMatrix([4, 0.3], -0.3);
    expect(Math.min(...m)).toBeGreaterThanOrEqual(0);
    expect(m.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    const o = matrixOutcomes(m);
    for (const p of [o.home, o.draw, o.away]) expect(p).toBeGreaterThan(0);
    expect(Math.log(o.home / o.away)).toBeGreaterThan(0);
    expect(rhoWithin(4, 0.3, -0.3)).toBe(-0.25);
    expect(rhoWithin(3, 2, 0.5)).toBeCloseTo(1 / 6, 12);
    expect(rhoWithin(0.5, 0.5, 2)).toBe(1);
    // Inside the range nothing changes.
    expect(rhoWithin(1.4, 1.1, -0.1)).toBe(-0.1);
  });

  it('a negative ρ adds draws at 0-0 and 1-1', () => {
    const base = matrixOutcomes(scoreMatrix([1.4, 1.1], 0));
    const corrected = matrixOutcomes(scoreMatrix([1.4, 1.1], -0.1));
    expect(corrected.draw).toBeGreaterThan(base.draw);
  });
});
