import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadParams } from '../../../src/config/params.ts';
import type { MatchRecord, MatchStats } from '../../../src/domain/match.ts';
import { buildFeatureTable } from '../../../src/features/feature-table.ts';
import { RollingShots } from '../../../src/features/shot-form.ts';
import { syntheticLeague } from './synthetic-league.ts';

const params = loadParams().features;
const NOW = Date.UTC(2030, 0, 1);

/** Deterministic statistics that follow the score, so shots carry signal like in real files. */
function statsFor(m: MatchRecord): MatchStats | null {
  if (m.homeScore === null || m.awayScore === null) return null;
  const h = 3 + 2 * m.homeScore + (m.matchId % 3);
  const a = 2 + 2 * m.awayScore + (m.matchId % 2);
  return {
    homeShots: 3 * h,
    awayShots: 3 * a,
    homeShotsTarget: h,
    awayShotsTarget: a,
    homeCorners: null,
    awayCorners: null,
  };
}

const withStats = (ms: readonly MatchRecord[]) => ms.map((m) => ({ ...m, stats: statsFor(m) }));

const column = (table: ReturnType<typeof buildFeatureTable>, name: string) => {
  const j = table.featureNames.indexOf(name);
  expect(j).toBeGreaterThanOrEqual(0);
  return Array.from({ length: table.n }, (_, i) => table.x[i * table.d + j] as number);
};

describe('shot features', () => {
  it('rolling means: the prior without history, the last N recorded matches after', () => {
    const rolling = new RollingShots(3, { shots_target: 4.5, shots: 12 });
    const out = new Float64Array(4);
    rolling.means(1, 3, out, 0);
    expect(Array.from(out)).toEqual([4.5, 4.5, 12, 12]);
    for (const [f, a] of [
      [1, 9],
      [2, 8],
      [3, 7],
      [4, 6],
    ] as const)
      rolling.record(1, f, a, 10 * f, 10 * a);
    rolling.means(1, 3, out, 0);
    expect(Array.from(out)).toEqual([3, 7, 30, 70]);
    expect(rolling.count(1)).toBe(4);
  });

  it('are neutral (0, shots_history 0) in a league without statistics and live where it has them', () => {
    const plain = syntheticLeague({ seed: 5, teams: 6, seasons: 1 });
    const table = buildFeatureTable(plain, params, { nowMs: NOW });
    const start = table.featureNames.indexOf('shots_history');
    for (let i = 0; i < table.n; i++) {
      for (let j = start; j < table.d; j++) expect(table.x[i * table.d + j]).toBe(0);
    }
    const rich = buildFeatureTable(withStats(plain), params, { nowMs: NOW });
    const history = column(rich, 'shots_history');
    expect(history[0]).toBe(0);
    expect(history.at(-1)).toBe(1);
    // Statistics change only the shot features and the shots-adjusted goal ratings.
    const adjusted = new Set(['adjusted_poisson_log_home_away', 'adjusted_poisson_log_draw']);
    const same = table.featureNames.flatMap((name, j) => (j < start && !adjusted.has(name) ? [j] : []));
    for (let i = 0; i < table.n; i++) {
      for (const j of same) expect(rich.x[i * rich.d + j]).toBe(table.x[i * table.d + j]);
    }
    expect(column(rich, 'adjusted_poisson_log_home_away')).not.toEqual(
      column(table, 'adjusted_poisson_log_home_away'),
    );
    // Teams that shoot more (here: score more) are expected to keep doing so.
    const expected = column(rich, 'shots_target_expected_diff');
    const goals = column(rich, 'goals_expected_home').map(
      (g, i) => g - column(rich, 'goals_expected_away')[i]!,
    );
    const live = history.map((h, i) => (h === 1 ? i : -1)).filter((i) => i >= 0);
    const agree = live.filter((i) => Math.sign(expected[i]!) === Math.sign(goals[i]!)).length;
    expect(agree / live.length).toBeGreaterThan(0.7);
  });

  it('leak nothing: changing any match statistics leaves that row and every earlier row unchanged', () => {
    const base = withStats(syntheticLeague({ seed: 3, teams: 6, seasons: 2 }));
    const reference = buildFeatureTable(base, params, { nowMs: NOW });
    const count = fc.option(fc.integer({ min: 0, max: 30 }), { nil: null });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: base.length - 1 }),
        fc.option(fc.tuple(count, count, count, count), { nil: null }),
        (index, s) => {
          const stats: MatchStats | null = s && {
            homeShots: s[0],
            awayShots: s[1],
            homeShotsTarget: s[2],
            awayShotsTarget: s[3],
            homeCorners: null,
            awayCorners: null,
          };
          const changed = base.map((m, i) => (i === index ? { ...m, stats } : m));
          const table = buildFeatureTable(changed, params, { nowMs: NOW });
          const row = table.matches.findIndex((m) => m.matchId === base[index]!.matchId);
          const kickOff = table.matches[row]!.startTimeMs;
          let last = row;
          while (last + 1 < table.n && table.matches[last + 1]!.startTimeMs === kickOff) last++;
          const d = table.d;
          expect(Array.from(table.x.subarray(0, (last + 1) * d))).toEqual(
            Array.from(reference.x.subarray(0, (last + 1) * d)),
          );
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });
});
