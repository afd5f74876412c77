/**
 * Rolling form per team: the last N results (win, draw, points, goals for, goals against) kept in a ring
 * buffer, so a window mean costs O(window) and memory stays O(teams × largest window).
 */
import type { FormPrior } from './feature-params.ts';

export const FORM_STATS = ['win', 'draw', 'points', 'goals_for', 'goals_against'] as const;
export type FormStat = (typeof FORM_STATS)[number];
const STATS = FORM_STATS.length;

interface TeamBuffer {
  /** capacity × STATS values, oldest overwritten first */
  readonly values: Float64Array;
  /** results recorded so far (may exceed capacity) */
  count: number;
}

export class RollingForm {
  private readonly teams = new Map<number, TeamBuffer>();
  private readonly prior: readonly number[];

  constructor(
    private readonly capacity: number,
    prior: FormPrior,
  ) {
    this.prior = FORM_STATS.map((s) => prior[s]);
  }

  /** Records a finished match from the team's point of view. */
  record(teamId: number, goalsFor: number, goalsAgainst: number): void {
    let buffer = this.teams.get(teamId);
    if (!buffer) {
      buffer = { values: new Float64Array(this.capacity * STATS), count: 0 };
      this.teams.set(teamId, buffer);
    }
    const at = (buffer.count % this.capacity) * STATS;
    const win = goalsFor > goalsAgainst ? 1 : 0;
    const draw = goalsFor === goalsAgainst ? 1 : 0;
    buffer.values[at] = win;
    buffer.values[at + 1] = draw;
    buffer.values[at + 2] = 3 * win + draw;
    buffer.values[at + 3] = goalsFor;
    buffer.values[at + 4] = goalsAgainst;
    buffer.count += 1;
  }

  /**
   * Means of each stat over the team's last `window` results (fewer when it has played fewer); a team with no
   * result gets the prior means. Written into `out` at `offset`, in FORM_STATS order.
   */
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
