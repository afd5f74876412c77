/**
 * Rolling shot form per team: shots on target and shots, for and against, over the team's last N matches that
 * have statistics. Matches without statistics (most leagues outside football-data's main files, seasons before
 * about 2000) are simply not recorded, so a window spans the last N matches with data.
 */
import type { MatchStats } from '../domain/match.ts';
import { RollingMeans } from './rolling-means.ts';

export const SHOT_STATS = ['shots_target_for', 'shots_target_against', 'shots_for', 'shots_against'] as const;

/** Mean shots on target and shots per team and match assumed without history (the params' `shots.prior`). */
export interface ShotPrior {
  readonly shots_target: number;
  readonly shots: number;
}

/**
 * The four counts a match enters the shot features with (shots on target and shots, home and away); null without
 * both shots-on-target counts. FootyStats files carry shots on target but no total shots: those are then read as
 * shots on target times the prior's shots per shot on target, so the total-shot columns follow the on-target ones
 * instead of pulling the team's rolling means toward zero.
 */
export function shotCounts(
  stats: MatchStats | null | undefined,
  prior: ShotPrior,
): [number, number, number, number] | null {
  if (!stats) return null;
  const { homeShotsTarget: hst, awayShotsTarget: ast, homeShots: hs, awayShots: as } = stats;
  if (hst === null || ast === null) return null;
  if (hs !== null && as !== null) return [hst, ast, hs, as];
  const perTarget = prior.shots / prior.shots_target;
  return [hst, ast, hst * perTarget, ast * perTarget];
}

/**
 * The goals a match's chances were worth, per side, for the shots-adjusted goal ratings: its expected goals where
 * the source gives them, else shots on target times `goalsPerShotOnTarget`; null with neither.
 */
export function chanceGoals(
  stats: MatchStats | null | undefined,
  goalsPerShotOnTarget: number,
): [number, number] | null {
  if (!stats) return null;
  const { homeXg, awayXg, homeShotsTarget: hst, awayShotsTarget: ast } = stats;
  if (homeXg !== null && awayXg !== null) return [homeXg, awayXg];
  if (hst === null || ast === null) return null;
  return [goalsPerShotOnTarget * hst, goalsPerShotOnTarget * ast];
}

export class RollingShots {
  private readonly rolling: RollingMeans;

  constructor(capacity: number, prior: ShotPrior) {
    this.rolling = new RollingMeans(capacity, [
      prior.shots_target,
      prior.shots_target,
      prior.shots,
      prior.shots,
    ]);
  }

  /** Matches with statistics recorded for the team so far. */
  count(teamId: number): number {
    return this.rolling.count(teamId);
  }

  record(
    teamId: number,
    targetFor: number,
    targetAgainst: number,
    shotsFor: number,
    shotsAgainst: number,
  ): void {
    this.rolling.push(teamId, [targetFor, targetAgainst, shotsFor, shotsAgainst]);
  }

  /** Means over the last `window` recorded matches (fewer if fewer), else the prior; SHOT_STATS order. */
  means(teamId: number, window: number, out: Float64Array, offset: number): void {
    this.rolling.means(teamId, window, out, offset);
  }
}
