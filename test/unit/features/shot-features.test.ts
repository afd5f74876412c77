import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadParams } from '../../../src/config/params.ts';
import { type MatchRecord, type MatchStats, matchStats } from '../../../src/domain/match.ts';
import { buildFeatureTable } from '../../../src/features/feature-table.ts';
import { chanceGoals, RollingShots, shotCounts } from '../../../src/features/shot-form.ts';
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
    homeXg: null,
    awayXg: null,
  };
}

const withStats = (ms: readonly MatchRecord[]) => ms.map((m) => ({ ...m, stats: statsFor(m) }));

const column = (table: ReturnType<typeof buildFeatureTable>, name: string) => {
  const j = table.featureNames.indexOf(name);
  expect(j).toBeGreaterThanOrEqual(0);
  return Array.from({ length: table.n }, (_, i) => table.x[i * table.d + j] as number);
};

const stats = matchStats;

describe('shot counts and chance goals of one match', () => {
  const prior = { shots_target: 4, shots: 12 };

  it('need both shots-on-target counts; missing total shots follow them at the prior ratio', () => {
    const full = { homeShotsTarget: 5, awayShotsTarget: 2, homeShots: 14, awayShots: 9 };
    expect(shotCounts(stats(full), prior)).toEqual([5, 2, 14, 9]);
    expect(shotCounts(stats({ homeShotsTarget: 5, awayShotsTarget: 2 }), prior)).toEqual([5, 2, 15, 6]);
    expect(shotCounts(stats({ homeShotsTarget: 5, homeShots: 14, awayShots: 9 }), prior)).toBeNull();
    expect(shotCounts(null, prior)).toBeNull();
  });

  it('are the expected goals where the source gives them, else shots on target times goals per shot', () => {
    expect(
      chanceGoals(stats({ homeXg: 1.7, awayXg: 0.4, homeShotsTarget: 9, awayShotsTarget: 1 }), 0.3),
    ).toEqual([1.7, 0.4]);
    expect(chanceGoals(stats({ homeXg: 1.7, homeShotsTarget: 10, awayShotsTarget: 1 }), 0.3)).toEqual([
      3, 0.3,
    ]);
    expect(chanceGoals(stats({ homeCorners: 4, awayCorners: 2 }), 0.3)).toBeNull();
  });
});

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

  it('live on shots on target alone (FootyStats files); expected goals move only the shots-adjusted ratings', () => {
    const league = syntheticLeague({ seed: 7, teams: 6, seasons: 1 });
    const onTarget = league.map((m) => {
      const s = statsFor(m);
      return { ...m, stats: s && { ...s, homeShots: null, awayShots: null } };
    });
    const sot = buildFeatureTable(onTarget, params, { nowMs: NOW });
    expect(column(sot, 'shots_history').at(-1)).toBe(1);
    const withXg = onTarget.map((m) => ({
      ...m,
      stats: m.stats && { ...m.stats, homeXg: 0.1 + (m.homeScore ?? 0), awayXg: 0.2 },
    }));
    const xg = buildFeatureTable(withXg, params, { nowMs: NOW });
    const adjusted = new Set(['adjusted_poisson_log_home_away', 'adjusted_poisson_log_draw']);
    sot.featureNames.forEach((name, j) => {
      const a = Array.from({ length: sot.n }, (_, i) => sot.x[i * sot.d + j]);
      const b = Array.from({ length: xg.n }, (_, i) => xg.x[i * xg.d + j]);
      if (adjusted.has(name)) expect(b).not.toEqual(a);
      else expect(b).toEqual(a);
    });
  });

  it('leak nothing: changing any match statistics leaves that row and every earlier row unchanged', () => {
    const base = withStats(syntheticLeague({ seed: 3, teams: 6, seasons: 2 }));
    const reference = buildFeatureTable(base, params, { nowMs: NOW });
    const count = fc.option(fc.integer({ min: 0, max: 30 }), { nil: null });
    const xg = fc.option(fc.double({ min: 0, max: 6, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: base.length - 1 }),
        fc.option(fc.tuple(count, count, count, count, xg, xg), { nil: null }),
        (index, s) => {
          const stats: MatchStats | null = s && {
            homeShots: s[0],
            awayShots: s[1],
            homeShotsTarget: s[2],
            awayShotsTarget: s[3],
            homeCorners: null,
            awayCorners: null,
            homeXg: s[4],
            awayXg: s[5],
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
