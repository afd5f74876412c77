/**
 * Pi-ratings (Constantinou & Fenton, 2013): each team has a home and an away rating in goal units. A rating r
 * maps to an expected goal difference sign(r)·(b^{|r|/c} − 1); after a match both teams move by
 * λ·ψ(error), ψ(e) = c·log10(1 + e), and the team's other-venue rating follows by γ of that step.
 */
import type { PiParams } from './feature-params.ts';

export interface PiPair {
  home: number;
  away: number;
}

export function piExpectedGoalDifference(rating: number, params: PiParams): number {
  const magnitude = params.b ** (Math.abs(rating) / params.c) - 1;
  return rating < 0 ? -magnitude : magnitude;
}

export class PiRatings {
  private readonly ratings = new Map<number, PiPair>();

  constructor(private readonly params: PiParams) {}

  get(teamId: number): Readonly<PiPair> {
    return this.ratings.get(teamId) ?? { home: 0, away: 0 };
  }

  set(teamId: number, home: number, away: number): void {
    this.ratings.set(teamId, { home, away });
  }

  /** Expected goal difference (home − away) of a match between the two teams. */
  expectedGoalDifference(homeId: number, awayId: number): number {
    return (
      piExpectedGoalDifference(this.get(homeId).home, this.params) -
      piExpectedGoalDifference(this.get(awayId).away, this.params)
    );
  }

  update(homeId: number, awayId: number, homeGoals: number, awayGoals: number): void {
    const { learning_rate: lambda, cross_learning_rate: gamma, c } = this.params;
    const expected = this.expectedGoalDifference(homeId, awayId);
    const observed = homeGoals - awayGoals;
    const step = c * Math.log10(1 + Math.abs(observed - expected));
    // The home side gains when it beat the expectation; the away side moves the other way.
    const homeStep = (observed > expected ? step : -step) * lambda;
    const awayStep = -homeStep;
    const home = this.get(homeId);
    const away = this.get(awayId);
    this.ratings.set(homeId, { home: home.home + homeStep, away: home.away + gamma * homeStep });
    this.ratings.set(awayId, { home: away.home + gamma * awayStep, away: away.away + awayStep });
  }
}
