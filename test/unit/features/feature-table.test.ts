import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadParams } from '../../../src/config/params.ts';
import type { MatchRecord } from '../../../src/domain/match.ts';
import { buildFeatureTable } from '../../../src/features/feature-table.ts';
import { syntheticLeague } from './synthetic-league.ts';

const params = loadParams().features;
const NOW = Date.UTC(2030, 0, 1);

function match(
  id: number,
  day: number,
  home: number,
  away: number,
  score: [number, number] | null,
): MatchRecord {
  return {
    matchId: id,
    regionId: 1,
    competition: 'L1',
    season: '2020-21',
    sex: 0,
    startTimeMs: Date.UTC(2020, 7, 1 + day, 15),
    homeTeamId: home,
    awayTeamId: away,
    homeScore: score ? score[0] : null,
    awayScore: score ? score[1] : null,
    status: score ? 'finished' : 'scheduled',
  };
}

const value = (table: ReturnType<typeof buildFeatureTable>, row: number, name: string) =>
  table.x[row * table.d + table.featureNames.indexOf(name)] as number;

describe('buildFeatureTable', () => {
  it('names the required columns and fills cold starts with the documented stand-ins', () => {
    const table = buildFeatureTable([match(1, 0, 10, 20, [2, 0])], params, { nowMs: NOW });
    for (const name of ['diff_win_5_mean', 'diff_goals_for_10_mean', 'elo_diff', 'pi_expected_gd', 'sex']) {
      expect(table.featureNames).toContain(name);
    }
    expect(value(table, 0, 'elo_diff')).toBe(0);
    expect(value(table, 0, 'diff_points_5_mean')).toBe(0);
    expect(value(table, 0, 'home_matches_played')).toBe(0);
    expect(value(table, 0, 'home_rest_days')).toBe(params.rest_days_missing);
    expect(value(table, 0, 'league_draw_rate')).toBeCloseTo(0.26);
    expect(table.outcome[0]).toBe(0);
    expect(table.isFuture[0]).toBe(0);
  });

  it('gives two new teams in a league new to the data the stand-ins, however long other leagues have run', () => {
    const history = syntheticLeague({ seasons: 3 });
    const last = history.at(-1) as MatchRecord;
    const fixture: MatchRecord = {
      ...match(9_000_001, 0, 9001, 9002, null),
      regionId: 9,
      competition: 'P1',
      startTimeMs: last.startTimeMs + 86_400_000,
    };
    const table = buildFeatureTable([...history, fixture], params, { nowMs: last.startTimeMs + 1 });
    const row = table.n - 1;
    expect(table.matches[row]?.matchId).toBe(fixture.matchId);
    expect(table.isFuture[row]).toBe(1);
    const zero = [
      'elo_diff',
      'pi_home_rating',
      'pi_away_rating',
      'diff_points_10_mean',
      'home_matches_played',
      'away_competition_matches',
      'league_history_weight',
      'season_progress',
      'diff_table_position',
      'shots_history',
    ];
    for (const name of zero) expect([name, value(table, row, name)]).toEqual([name, 0]);
    expect(value(table, row, 'home_rest_days')).toBe(params.rest_days_missing);
    expect(value(table, row, 'away_rest_days')).toBe(params.rest_days_missing);
    // The pooled league values of its sex: what the other league taught, not the league's own.
    expect(value(table, row, 'league_draw_rate')).toBeGreaterThan(0.15);
    expect(value(table, row, 'league_draw_rate')).toBeLessThan(0.35);
  });

  it('folds a result into the next match of both teams (Elo, form, rest days, matches played)', () => {
    const table = buildFeatureTable([match(1, 0, 10, 20, [3, 0]), match(2, 4, 20, 10, null)], params, {
      nowMs: Date.UTC(2020, 7, 2),
    });
    // Team 10 won by 3 away from home in row 1's terms: the home side (20) lost.
    const expected = 1 / (1 + 10 ** (-params.elo.home_advantage / 400));
    const delta = params.elo.k * ((11 + 3) / 8) * (1 - expected);
    expect(value(table, 1, 'elo_diff')).toBeCloseTo(-2 * delta, 10);
    expect(value(table, 1, 'diff_win_5_mean')).toBe(-1);
    expect(value(table, 1, 'diff_goals_for_5_mean')).toBe(-3);
    expect(value(table, 1, 'diff_goals_against_5_mean')).toBe(3);
    expect(value(table, 1, 'home_rest_days')).toBe(4);
    expect(value(table, 1, 'away_matches_played')).toBe(1);
    expect(table.outcome[1]).toBe(-1);
    expect(table.isFuture[1]).toBe(1);
  });

  it('keeps results of matches with the same kick-off out of each other', () => {
    const a = match(1, 0, 10, 20, [5, 0]);
    const b = { ...match(2, 0, 10, 30, [0, 0]), homeTeamId: 10 };
    const table = buildFeatureTable([a, b], params, { nowMs: NOW });
    expect(value(table, 1, 'home_matches_played')).toBe(0);
    expect(value(table, 1, 'elo_diff')).toBe(0);
  });

  it('never produces a non-finite value', () => {
    const table = buildFeatureTable(syntheticLeague({ seasons: 2 }), params, { nowMs: NOW });
    expect(table.x.every(Number.isFinite)).toBe(true);
  });

  it('is the same whatever order the matches arrive in', () => {
    const matches = syntheticLeague({ seasons: 1 });
    const a = buildFeatureTable(matches, params, { nowMs: NOW });
    const b = buildFeatureTable([...matches].reverse(), params, { nowMs: NOW });
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
  });

  it('leaks nothing: changing any score leaves that row and every earlier row unchanged', () => {
    const base = [
      ...syntheticLeague({ seed: 3, teams: 6, seasons: 2 }),
      ...syntheticLeague({ seed: 4, teams: 4, seasons: 2, regionId: 2, competition: 'W1', sex: 1 }),
    ].sort((x, y) => x.startTimeMs - y.startTimeMs || x.matchId - y.matchId);
    const reference = buildFeatureTable(base, params, { nowMs: NOW });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: base.length - 1 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), { nil: null }),
        (index, score) => {
          const changed = base.map((m, i) =>
            i === index
              ? {
                  ...m,
                  homeScore: score ? score[0] : null,
                  awayScore: score ? score[1] : null,
                  status: score ? ('finished' as const) : ('scheduled' as const),
                }
              : m,
          );
          const table = buildFeatureTable(changed, params, { nowMs: NOW });
          const row = table.matches.findIndex((m) => m.matchId === (base[index] as MatchRecord).matchId);
          // Every row up to and including the changed one, and every row sharing its kick-off.
          const kickOff = (table.matches[row] as MatchRecord).startTimeMs;
          let last = row;
          while (last + 1 < table.n && (table.matches[last + 1] as MatchRecord).startTimeMs === kickOff)
            last++;
          const d = table.d;
          expect(Array.from(table.x.subarray(0, (last + 1) * d))).toEqual(
            Array.from(reference.x.subarray(0, (last + 1) * d)),
          );
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});
