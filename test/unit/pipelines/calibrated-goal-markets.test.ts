import { describe, expect, it } from 'vitest';
import { loadParams } from '../../../src/config/params.ts';
import type { MatchRecord } from '../../../src/domain/match.ts';
import { buildFeatureTable } from '../../../src/features/feature-table.ts';
import { goalMarketReader } from '../../../src/features/goal-markets.ts';
import {
  calibratedGoalMarkets,
  poissonOver,
} from '../../../src/pipelines/evaluation/calibrated-goal-markets.ts';
import { syntheticLeague } from '../features/synthetic-league.ts';

const params = loadParams();
const NOW = Date.UTC(2030, 0, 1);
const schedule = { refit_days: 30, window_days: 1461, min_matches: 100 };

describe('published goal markets: the score matrix recalibrated walk-forward', () => {
  const matches = syntheticLeague({ seed: 7, teams: 10, seasons: 4, firstYear: 2019 });
  const table = buildFeatureTable(matches, params.features, { nowMs: NOW });

  it('are probabilities for every row and the raw score matrix until the first fit', () => {
    const goals = calibratedGoalMarkets(table, schedule);
    const raw = goalMarketReader(table);
    expect(goals).not.toBeNull();
    for (let row = 0; row < table.n; row++) {
      const g = goals?.read(row);
      expect(g?.over25).toBeGreaterThan(0);
      expect(g?.over25).toBeLessThan(1);
      expect(g?.btts).toBeGreaterThan(0);
      expect(g?.btts).toBeLessThan(1);
    }
    // The first 100 finished matches come before any fit: the raw values stand.
    expect(goals?.read(0)).toEqual(raw?.(0));
    expect(goals?.refits).toBeGreaterThan(0);
    expect(goals?.latest.over25?.n).toBeGreaterThanOrEqual(100);
  });

  it('never read a result from the match itself or later (flipping later scores leaves earlier rows alone)', () => {
    const k = Math.floor(table.n * 0.7);
    const cutMs = (table.matches[k] as MatchRecord).startTimeMs;
    const before = calibratedGoalMarkets(table, schedule);
    // Same feature rows, later results changed: only the recalibration's outcomes differ.
    const changed = {
      ...table,
      matches: table.matches.map((m) =>
        m.startTimeMs >= cutMs && m.homeScore !== null ? { ...m, homeScore: m.homeScore + 3 } : m,
      ),
    };
    const after = calibratedGoalMarkets(changed, schedule);
    for (let row = 0; row < table.n; row++) {
      if ((table.matches[row] as MatchRecord).startTimeMs > cutMs) break;
      expect(after?.read(row)).toEqual(before?.read(row));
    }
    expect(after?.latest.over25?.coefficients).not.toEqual(before?.latest.over25?.coefficients);
  });

  it('the league goal rate as an over probability is the Poisson tail', () => {
    expect(poissonOver(2.7)).toBeCloseTo(1 - Math.exp(-2.7) * (1 + 2.7 + 2.7 ** 2 / 2), 12);
    expect(poissonOver(3)).toBeGreaterThan(poissonOver(2));
  });

  it('is null on a table without the Dixon–Coles columns', () => {
    expect(
      calibratedGoalMarkets(
        { featureNames: ['elo_diff'], d: 1, n: 0, x: new Float64Array(0), matches: [] },
        schedule,
      ),
    ).toBeNull();
  });
});
