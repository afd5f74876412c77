/**
 * Rolling shot form per team: shots on target and shots, for and against, over the team's last N matches that
 * have statistics. Matches without statistics (most leagues outside football-data's main files, seasons before
 * about 2000) are simply not recorded, so a window spans the last N matches with data.
 */
import type { MatchStats } from '../domain/match.ts';

export const SHOT_STATS = ['shots_target_for', 'shots_target_against', 'shots_for', 'shots_against'] as const;
const STATS = SHOT_STATS.length;

/** Mean shots on target and shots per team and match assumed without history (the params' `shots.prior`). */
export interface ShotPrior {
  readonly shots_target: number;
  readonly shots: number;
}

interface TeamBuffer {
  readonly values: Float64Array;
  count: number;
}

/** The four counts a match needs to enter the shot features; null when any is missing. */
export function completeShots(stats: MatchStats | null | undefined): [number, number, number, number] | null {
  if (!stats) return null;
  const { homeShotsTarget: hst, awayShotsTarget: ast, homeShots: hs, awayShots: as } = stats;
  if (hst === null || ast === null || hs === null || as === null) return null;
  return [hst, ast, hs, as];
}

export class RollingShots {
  private readonly teams = new Map<number, TeamBuffer>();
  private readonly prior: readonly number[];

  constructor(
    private readonly capacity: number,
    prior: ShotPrior,
  ) {
    this.prior = [prior.shots_target, prior.shots_target, prior.shots, prior.shots];
  }

  /** Matches with statistics recorded for the team so far. */
  count(teamId: number): number {
    return this.teams.get(teamId)?.count ?? 0;
  }

  record(
    teamId: number,
    targetFor: number,
    targetAgainst: number,
    shotsFor: number,
    shotsAgainst: number,
  ): void {
    let buffer = this.teams.get(teamId);
    if (!buffer) {
      buffer = { values: new Float64Array(this.capacity * STATS), count: 0 };
      this.teams.set(teamId, buffer);
    }
    const at = (buffer.count % this.capacity) * STATS;
    buffer.values[at] = targetFor;
    buffer.values[at + 1] = targetAgainst;
    buffer.values[at + 2] = shotsFor;
    buffer.values[at + 3] = shotsAgainst;
    buffer.count += 1;
  }

  /** Means over the last `window` recorded matches (fewer if fewer), else the prior; SHOT_STATS order. */
  means(teamId: number, window: number, out: Float64Array, offset: number): void {
    const buffer = this.teams.get(teamId);
    const n = buffer ? Math.min(window, buffer.count, this.capacity) : 0;
    if (!buffer || n === 0) {
      for (let s = 0; s < STATS; s++) out[offset + s] = this.prior[s] ?? 0;
      return;
    }
    for (let s = 0; s < STATS; s++) out[offset + s] = 0;
    for (let i = 0; i < n; i++) {
      const at = ((buffer.count - 1 - i) % this.capacity) * STATS;
      for (let s = 0; s < STATS; s++) out[offset + s] = (out[offset + s] ?? 0) + (buffer.values[at + s] ?? 0);
    }
    for (let s = 0; s < STATS; s++) out[offset + s] = (out[offset + s] ?? 0) / n;
  }
}
