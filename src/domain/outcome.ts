/** Match outcomes and their labels. Class indices are the model's output order: 0 home, 1 draw, 2 away. */
export const OUTCOME_LABELS = ['home_win', 'draw', 'away_win'] as const;
export type OutcomeLabel = (typeof OUTCOME_LABELS)[number];
export type OutcomeClass = 0 | 1 | 2;

/** Three probabilities in class order (home, draw, away). */
export type Probabilities = readonly [number, number, number];

/** The outcome of a finished match from its score. */
export function outcomeOf(homeScore: number, awayScore: number): OutcomeClass {
  if (homeScore > awayScore) return 0;
  return homeScore === awayScore ? 1 : 2;
}

/** The most probable class; ties go to the lower index (home before draw before away). */
export function argmaxClass(p: Probabilities): OutcomeClass {
  let best: OutcomeClass = 0;
  if (p[1] > p[best]) best = 1;
  if (p[2] > p[best]) best = 2;
  return best;
}

export function labelOf(outcome: OutcomeClass): OutcomeLabel {
  return OUTCOME_LABELS[outcome];
}
