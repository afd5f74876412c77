/**
 * Elo ratings with home advantage and a goal-difference multiplier (the World Football Elo rule: K × 1 for a
 * one-goal margin, × 1.5 for two, × (11 + margin) / 8 beyond).
 */
import type { EloParams } from './feature-params.ts';

/** Expected score of the home side (win 1, draw ½) given both ratings and the home advantage in points. */
export function eloExpectedHome(homeRating: number, awayRating: number, homeAdvantage: number): number {
  return 1 / (1 + 10 ** ((awayRating - homeRating - homeAdvantage) / 400));
}

export function goalDifferenceMultiplier(goalDifference: number): number {
  const margin = Math.abs(goalDifference);
  if (margin <= 1) return 1;
  if (margin === 2) return 1.5;
  return (11 + margin) / 8;
}

export class EloRatings {
  private readonly ratings = new Map<number, number>();

  constructor(private readonly params: EloParams) {}

  rating(teamId: number): number {
    return this.ratings.get(teamId) ?? this.params.initial;
  }

  set(teamId: number, rating: number): void {
    this.ratings.set(teamId, rating);
  }

  /** Moves a team part of the way back to `mean` (between seasons, ratings are less certain). */
  regress(teamId: number, mean: number): void {
    const r = this.rating(teamId);
    this.ratings.set(teamId, r + this.params.season_regression * (mean - r));
  }

  update(homeId: number, awayId: number, homeGoals: number, awayGoals: number): void {
    const home = this.rating(homeId);
    const away = this.rating(awayId);
    const expected = eloExpectedHome(home, away, this.params.home_advantage);
    const actual = homeGoals > awayGoals ? 1 : homeGoals === awayGoals ? 0.5 : 0;
    const multiplier = this.params.goal_diff_multiplier ? goalDifferenceMultiplier(homeGoals - awayGoals) : 1;
    const delta = this.params.k * multiplier * (actual - expected);
    this.ratings.set(homeId, home + delta);
    this.ratings.set(awayId, away - delta);
  }
}
