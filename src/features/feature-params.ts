/**
 * The feature parameters (the `features` section of params.yaml). Declared here as a plain shape because the
 * features layer imports nothing but the domain; config/params.ts validates a structurally identical object.
 */
import type { LeaguePriorParams } from './league-rates.ts';

export interface FormPrior {
  readonly win: number;
  readonly draw: number;
  readonly points: number;
  readonly goals_for: number;
  readonly goals_against: number;
}

export interface EloParams {
  readonly initial: number;
  readonly k: number;
  readonly home_advantage: number;
  readonly season_regression: number;
  readonly goal_diff_multiplier: boolean;
}

export interface PiParams {
  readonly learning_rate: number;
  readonly cross_learning_rate: number;
  readonly b: number;
  readonly c: number;
}

export interface EntrantParams {
  readonly ema_alpha: number;
  readonly settle_matches: number;
}

export interface GoalParams {
  /** Step size for team attack/defence. */
  readonly learning_rate: number;
  /** Step size of the fast copy (recent form in goal units). */
  readonly fast_learning_rate: number;
  /** Step size for a competition's base rate and home effect. */
  readonly league_learning_rate: number;
  /** Share of a team's strengths removed at each season change. */
  readonly season_regression: number;
  /**
   * Extra step size while a team is uncertain: its step is learning_rate × (1 + boost × uncertainty), with
   * uncertainty 1 on entering a competition, decaying by `uncertainty_decay` per match and raised by
   * `season_uncertainty` at each new season (squads change over the summer).
   */
  readonly uncertainty_boost: number;
  readonly uncertainty_decay: number;
  readonly season_uncertainty: number;
}

export interface ShotParams {
  readonly windows: readonly number[];
  /** Per team and match, assumed for a team without statistics. */
  readonly prior: { readonly shots_target: number; readonly shots: number };
  /** Both teams need this many earlier matches with statistics, else the shot features are neutral (0). */
  readonly min_matches: number;
  readonly learning_rate: number;
  readonly season_regression: number;
  /** Starting home effect (log ratio) of the shots-on-target rating in a new competition. */
  readonly home_effect: number;
  /**
   * Shots-adjusted goal ratings learn from goal_weight × goals + (1 − goal_weight) × goals_per_shot_on_target ×
   * shots on target where a match has statistics, from goals alone where not.
   */
  readonly goal_weight: number;
  readonly goals_per_shot_on_target: number;
}

/** Dixon–Coles refitted per competition (src/features/dixon-coles-ratings.ts). */
export interface DixonColesParams {
  /** Time decay per day (a match a days old weighs exp(−xi · a)). */
  readonly xi: number;
  /** Matches older than this are dropped from the fit. */
  readonly window_days: number;
  /** Pseudo-matches at the league average behind each team's attack and defence. */
  readonly prior: number;
  /** A competition is refitted when its last fit is at least this old. */
  readonly refit_days: number;
  /** Fixed-point sweeps per warm-started refit. */
  readonly sweeps: number;
}

export interface FeatureParams {
  readonly form_windows: readonly number[];
  readonly form_prior: FormPrior;
  readonly elo: EloParams;
  readonly pi: PiParams;
  readonly goals: GoalParams;
  readonly entrant: EntrantParams;
  readonly league_priors: LeaguePriorParams;
  readonly rest_days_cap: number;
  readonly rest_days_missing: number;
  readonly matches_played_cap: number;
  readonly shots: ShotParams;
  readonly dixon_coles: DixonColesParams;
}
