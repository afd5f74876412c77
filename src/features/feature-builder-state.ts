/**
 * The feature table builder's state: every rating, window and fit a pass over kick-off order folds results into.
 * Plain data in class instances, so a checkpoint can copy it (clone-data.ts) and a later build resume from it.
 */
import { DixonColesRatings } from './dixon-coles-ratings.ts';
import { EloRatings } from './elo.ts';
import { EntrantPriors } from './entrants.ts';
import type { FeatureParams } from './feature-params.ts';
import { RollingForm } from './form.ts';
import { GoalRatings } from './goal-ratings.ts';
import { LeagueRates } from './league-rates.ts';
import { LeagueTables } from './league-table.ts';
import { PiRatings } from './pi-ratings.ts';
import { RollingShots } from './shot-form.ts';

export interface TeamState {
  matches: number;
  lastStartMs: number;
  competition: string;
  season: string;
  /** Where the current stint in `competition` came from ('' for a team new to the data). */
  from: string;
  competitionMatches: number;
  founding: boolean;
}

/** Everything the single pass folds results into; plain data (cloneData copies it). */
export interface BuilderState {
  readonly form: RollingForm;
  readonly elo: EloRatings;
  readonly pi: PiRatings;
  readonly goals: GoalRatings;
  readonly fastGoals: GoalRatings;
  readonly entrants: EntrantPriors;
  readonly league: LeagueRates;
  readonly tables: LeagueTables;
  readonly competitionMean: Map<string, number>;
  readonly competitionStart: Map<string, number>;
  readonly teams: Map<number, TeamState>;
  readonly shots: RollingShots;
  readonly shotRatings: GoalRatings;
  readonly adjustedGoals: GoalRatings;
  readonly dixonColes: DixonColesRatings;
}

export function newBuilderState(params: FeatureParams): BuilderState {
  const shotParams = params.shots;
  return {
    form: new RollingForm(Math.max(...params.form_windows), params.form_prior),
    elo: new EloRatings(params.elo),
    pi: new PiRatings(params.pi),
    goals: new GoalRatings(params.goals),
    // A second, faster-moving copy: recent form in goal units, beside the slower long-run strength.
    fastGoals: new GoalRatings({ ...params.goals, learning_rate: params.goals.fast_learning_rate }),
    entrants: new EntrantPriors(params.entrant.ema_alpha),
    league: new LeagueRates(params.league_priors),
    tables: new LeagueTables(),
    competitionMean: new Map(),
    competitionStart: new Map(),
    teams: new Map(),
    // Shots on target and shots: updated only by matches that carry statistics.
    shots: new RollingShots(Math.max(...shotParams.windows), shotParams.prior),
    shotRatings: new GoalRatings(
      {
        ...params.goals,
        learning_rate: shotParams.learning_rate,
        season_regression: shotParams.season_regression,
      },
      { base: Math.log(shotParams.prior.shots_target), home: shotParams.home_effect },
    ),
    // Goal ratings taught by a blend of goals and shots on target (shots are the steadier signal of strength).
    adjustedGoals: new GoalRatings(params.goals),
    dixonColes: new DixonColesRatings(params.dixon_coles),
  };
}
