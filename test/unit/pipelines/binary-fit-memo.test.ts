/**
 * The evaluate stage keeps the goal markets' walk-forward fits across its runs (binary-fit-memo.ts): a later
 * evaluation on a longer history gives exactly the figures computed without the memo, refitting only the windows
 * whose rows changed.
 */
import { describe, expect, it } from 'vitest';
import { loadParams } from '../../../src/config/params.ts';
import { buildFeatureTable } from '../../../src/features/feature-table.ts';
import { fitBinaryLogistic } from '../../../src/models/binary-logistic.ts';
import { createBinaryFitMemo } from '../../../src/pipelines/evaluation/binary-fit-memo.ts';
import { calibratedGoalMarkets } from '../../../src/pipelines/evaluation/calibrated-goal-markets.ts';
import { syntheticLeague } from '../features/synthetic-league.ts';

const params = loadParams();
const schedule = { refit_days: 30, window_days: 1461, min_matches: 100 };
const DAY_MS = 86_400_000;

describe('createBinaryFitMemo', () => {
  const matches = syntheticLeague({ seed: 11, teams: 10, seasons: 4, firstYear: 2019 });
  const lastMs = Math.max(...matches.map((m) => m.startTimeMs));
  const tableAt = (nowMs: number) =>
    buildFeatureTable(
      matches.filter((m) => m.startTimeMs < nowMs),
      params.features,
      { nowMs },
    );

  it('gives every probability and fit of a fresh fit, and refits only the windows with new rows', () => {
    let fresh = 0;
    const memo = createBinaryFitMemo((x, y, d, options) => {
      fresh++;
      return fitBinaryLogistic(x, y, d, options);
    });
    const made: number[] = [];
    // Evaluations a week apart, then the same day again: each sees the earlier ones' finished matches and more.
    for (const nowMs of [lastMs - 21 * DAY_MS, lastMs - 14 * DAY_MS, lastMs - 14 * DAY_MS]) {
      const table = tableAt(nowMs);
      const rows = Array.from({ length: table.n }, (_, i) => i);
      memo.nextRun();
      const before = fresh;
      const reused = calibratedGoalMarkets(table, schedule, rows, memo.fit);
      made.push(fresh - before);
      const plain = calibratedGoalMarkets(table, schedule, rows, fitBinaryLogistic);
      for (const row of rows) expect(reused?.read(row)).toEqual(plain?.read(row));
      expect(reused?.latest).toEqual(plain?.latest);
      expect(reused?.refits).toBe(plain?.refits);
    }
    // First run: every refit (two markets); a week later at most a new refit instant's window of each (none
    // unless the week crossed one); the same day again: none.
    expect(made[0]).toBeGreaterThan(4);
    expect(made[1]).toBeLessThanOrEqual(2);
    expect(made[2]).toBe(0);
  });
});
