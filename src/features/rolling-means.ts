/**
 * Per-team rolling means of a fixed set of stats: the last `capacity` records kept in a ring buffer, so a window
 * mean costs O(window) and memory stays O(teams × capacity). A team with no record gets the prior means.
 */
interface TeamBuffer {
  /** capacity × stats values, oldest overwritten first */
  readonly values: Float64Array;
  /** records so far (may exceed capacity) */
  count: number;
}

export class RollingMeans {
  private readonly teams = new Map<number, TeamBuffer>();
  private readonly stats: number;

  constructor(
    private readonly capacity: number,
    private readonly prior: readonly number[],
  ) {
    this.stats = prior.length;
  }

  /** Records so far for the team. */
  count(teamId: number): number {
    return this.teams.get(teamId)?.count ?? 0;
  }

  /** Appends one record (one value per stat, in the prior's order). */
  push(teamId: number, values: readonly number[]): void {
    let buffer = this.teams.get(teamId);
    if (!buffer) {
      buffer = { values: new Float64Array(this.capacity * this.stats), count: 0 };
      this.teams.set(teamId, buffer);
    }
    const at = (buffer.count % this.capacity) * this.stats;
    for (let s = 0; s < this.stats; s++) buffer.values[at + s] = values[s] ?? 0;
    buffer.count += 1;
  }

  /** Means of each stat over the team's last `window` records (fewer when it has fewer), written at `offset`. */
  means(teamId: number, window: number, out: Float64Array, offset: number): void {
    const buffer = this.teams.get(teamId);
    const n = buffer ? Math.min(window, buffer.count, this.capacity) : 0;
    if (!buffer || n === 0) {
      for (let s = 0; s < this.stats; s++) out[offset + s] = this.prior[s] ?? 0;
      return;
    }
    for (let s = 0; s < this.stats; s++) out[offset + s] = 0;
    for (let i = 0; i < n; i++) {
      const at = ((buffer.count - 1 - i) % this.capacity) * this.stats;
      for (let s = 0; s < this.stats; s++)
        out[offset + s] = (out[offset + s] ?? 0) + (buffer.values[at + s] ?? 0);
    }
    for (let s = 0; s < this.stats; s++) out[offset + s] = (out[offset + s] ?? 0) / n;
  }
}
