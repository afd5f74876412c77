/**
 * The feature columns, in model-input order. Every value is finite: a team without history gets the documented
 * stand-ins (form prior means, the entrant or initial rating, `rest_days_missing`, 0 matches played).
 */
import type { FeatureParams } from './feature-params.ts';
import { FORM_STATS } from './form.ts';
import { SHOT_STATS } from './shot-form.ts';

/**
 * Raised whenever a change to the code changes feature values while names and params stay the same, so that the
 * feature-set version moves and a deployment rebuilds its features, model and backtest after the upgrade instead of
 * keeping values the new code would not compute. 2 (2026-12-05): the women's files' shots on target and expected
 * goals are read, and the Dixon–Coles ρ is held in each match's range (one NaN before).
 */
export const FEATURE_REVISION = 2;

export const RATING_FEATURES = [
  'sex',
  'elo_diff',
  'elo_diff_abs',
  'elo_expected_home',
  'pi_home_rating',
  'pi_away_rating',
  'pi_expected_gd',
  'goals_expected_home',
  'goals_expected_away',
  'poisson_log_home_away',
  'poisson_log_draw',
  'poisson_fast_log_home_away',
  // Goal ratings that also learn from shots on target where a match has them (goals alone otherwise).
  'adjusted_poisson_log_home_away',
  'adjusted_poisson_log_draw',
] as const;

export const CONTEXT_FEATURES = [
  'home_matches_played',
  'away_matches_played',
  'home_competition_matches',
  'away_competition_matches',
  'home_rest_days',
  'away_rest_days',
  'league_home_win_rate',
  'league_draw_rate',
  'league_goals_per_match',
  'league_home_advantage',
  'league_history_weight',
  'season_progress',
  'diff_season_points_per_match',
  'diff_table_position',
  'home_stakes',
  'away_stakes',
  'home_reach_top',
  'away_reach_top',
  'home_drop_risk',
  'away_drop_risk',
] as const;

/** Dixon–Coles per competition (rolling refit): expected goals, 1X2 as log-odds, over 2.5 and BTTS. */
export const DIXON_COLES_FEATURES = [
  'dc_expected_home',
  'dc_expected_away',
  'dc_log_home_away',
  'dc_log_draw',
  'dc_over25',
  'dc_btts',
] as const;

/** `diff_<stat>_<window>_mean` for every form stat and window. */
export function formFeatureNames(windows: readonly number[]): string[] {
  return windows.flatMap((w) => FORM_STATS.map((s) => `diff_${s}_${w}_mean`));
}

/**
 * Shot features: 0 throughout unless both teams have `shots.min_matches` earlier matches with statistics
 * (`shots_history` 1). Expected shots on target come from ratings like the goal ratings, fitted on shots on target.
 */
export const SHOT_RATING_FEATURES = [
  'shots_history',
  'shots_target_expected_diff',
  'shots_target_log_ratio',
] as const;

/** `diff_<shot stat>_<window>_mean` for every shot stat and window. */
export function shotFeatureNames(windows: readonly number[]): string[] {
  return windows.flatMap((w) => SHOT_STATS.map((s) => `diff_${s}_${w}_mean`));
}

export function featureNames(params: Pick<FeatureParams, 'form_windows' | 'shots'>): string[] {
  return [
    ...RATING_FEATURES,
    ...DIXON_COLES_FEATURES,
    ...formFeatureNames(params.form_windows),
    ...CONTEXT_FEATURES,
    ...SHOT_RATING_FEATURES,
    ...shotFeatureNames(params.shots.windows),
  ];
}
