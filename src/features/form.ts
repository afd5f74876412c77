/**
 * Rolling form per team: the last N results (win, draw, points, goals for, goals against) kept in a ring
 * buffer, so a window mean costs O(window) and memory stays O(teams × largest window).
 */
import type { FormPrior } from './feature-params.ts';
import { RollingMeans } from './rolling-means.ts';

export const FORM_STATS = ['win', 'draw', 'points', 'goals_for', 'goals_against'] as const;
export type FormStat = (typeof FORM_STATS)[number];

/** Results per team (win, draw, points, goals for, goals against), FORM_STATS order. */
export class RollingForm {
  private readonly rolling: RollingMeans;

  constructor(capacity: number, prior: FormPrior) {
    this.rolling = new RollingMeans(
      capacity,
      FORM_STATS.map((s) => prior[s]),
    );
  }

  /** Records a finished match from the team's point of view. */
  record(teamId: number, goalsFor: number, goalsAgainst: number): void {
    const win = goalsFor > goalsAgainst ? 1 : 0;
    const draw = goalsFor === goalsAgainst ? 1 : 0;
    this.rolling.push(teamId, [win, draw, 3 * win + draw, goalsFor, goalsAgainst]);
  }

  /**
   * Means of each stat over the team's last `window` results (fewer when it has played fewer); a team with no
   * result gets the prior means. Written into `out` at `offset`, in FORM_STATS order.
   */
  means(teamId: number, window: number, out: Float64Array, offset: number): void {
    this.rolling.means(teamId, window, out, offset);
  }
}
