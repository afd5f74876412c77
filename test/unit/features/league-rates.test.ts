import { describe, expect, it } from 'vitest';
import {
  LEAGUE_RATE_PRIOR,
  type LeaguePriorParams,
  LeagueRates,
} from '../../../src/features/league-rates.ts';

const k = { home_win: 150, draw: 200, goals: 50, home_advantage: 100 };
const noDecay: LeaguePriorParams = { decay: 0, pooled_decay: 0, prior_matches: k };

describe('LeagueRates (league priors shrunk toward the pool)', () => {
  it('gives a league without results the pooled values of its sex and no weight of its own', () => {
    const rates = new LeagueRates(noDecay);
    const r = rates.get('1:L', 0);
    expect(r.homeWin).toBeCloseTo(LEAGUE_RATE_PRIOR.homeWin, 12);
    expect(r.draw).toBeCloseTo(LEAGUE_RATE_PRIOR.draw, 12);
    expect(r.goals).toBeCloseTo(LEAGUE_RATE_PRIOR.homeGoals + LEAGUE_RATE_PRIOR.awayGoals, 12);
    expect(r.homeAdvantage).toBeCloseTo(Math.log(1.5 / 1.2), 12);
    expect(r.weight).toBe(0);
  });

  it('weights a league by its number of past matches: (sum + k · pooled mean) / (n + k)', () => {
    const rates = new LeagueRates(noDecay);
    // 100 draws 1–1 in league A; the pool (10 stand-in matches + these 100) has draw share (2.6 + 100) / 110.
    for (let i = 0; i < 100; i++) rates.update('1:A', 0, 1, 1);
    const pooledDraw = (10 * 0.26 + 100) / 110;
    const r = rates.get('1:A', 0);
    expect(r.draw).toBeCloseTo((100 + 200 * pooledDraw) / 300, 12);
    expect(r.weight).toBeCloseTo(100 / 300, 12);
    expect(r.homeWin).toBeCloseTo((0 + 150 * ((10 * 0.45) / 110)) / 250, 12);
    // A league with no results of its own sits on the pool, which now has moved toward draws.
    expect(rates.get('1:B', 0).draw).toBeCloseTo(pooledDraw, 12);
  });

  it('moves toward the league’s own rate as its history grows, and keeps sexes in separate pools', () => {
    const rates = new LeagueRates({ decay: 0.001, pooled_decay: 0.0001, prior_matches: k });
    // League W (women): home side wins 3–0 every time; men's league M: 1–1 every time.
    for (let i = 0; i < 3000; i++) {
      rates.update('1:W', 1, 3, 0);
      rates.update('1:M', 0, 1, 1);
    }
    const w = rates.get('1:W', 1);
    expect(w.homeWin).toBeGreaterThan(0.9);
    expect(w.weight).toBeGreaterThan(0.75);
    // A new women's league starts from the women's pool, not the men's.
    expect(rates.get('1:W2', 1).homeWin).toBeGreaterThan(0.95);
    expect(rates.get('1:M2', 0).homeWin).toBeLessThan(0.01);
    // With decay the effective history is capped near 1 / decay matches.
    expect(w.weight).toBeLessThan(1000 / 1200 + 1e-9);
  });

  it('returns finite values for a league whose matches had no goals at all', () => {
    const rates = new LeagueRates(noDecay);
    for (let i = 0; i < 50; i++) rates.update('1:Z', 0, 0, 0);
    const r = rates.get('1:Z', 0);
    expect(Number.isFinite(r.homeAdvantage)).toBe(true);
    expect(r.goals).toBeGreaterThan(0);
  });
});
