/**
 * What a team is worth when it enters a competition it was not playing in (promotion, relegation, a new
 * team): learned from earlier entrants. Ratings of separate divisions are separate pools, so carrying a
 * promoted team's rating across would overrate it; instead it starts from the average settled rating of
 * teams that made the same move before (e.g. E1 → E0), or of any entrant to that competition.
 */
export class EntrantPriors {
  private readonly byMove = new Map<string, number[]>();
  private readonly byCompetition = new Map<string, number[]>();

  constructor(private readonly alpha: number) {}

  /** The learned rating vector for a move, or undefined when nothing comparable has been seen. */
  lookup(from: string, to: string): readonly number[] | undefined {
    return this.byMove.get(`${from}\u0000${to}`) ?? this.byCompetition.get(to);
  }

  /** Records an entrant's rating vector once it has settled in its new competition. */
  record(from: string, to: string, values: readonly number[]): void {
    this.blend(this.byMove, `${from}\u0000${to}`, values);
    this.blend(this.byCompetition, to, values);
  }

  private blend(map: Map<string, number[]>, key: string, values: readonly number[]): void {
    const current = map.get(key);
    if (!current) {
      map.set(key, [...values]);
      return;
    }
    for (let i = 0; i < current.length; i++) {
      current[i] = (current[i] ?? 0) + this.alpha * ((values[i] ?? 0) - (current[i] ?? 0));
    }
  }
}
