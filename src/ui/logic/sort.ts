/** Sorting of the matches list. Sorts a copy; ties keep kick-off order so the list never jumps. */
import type { MatchCard } from '../api/cards.ts';

/** `schedule`: upcoming matches soonest first, then finished ones newest first (the direction is ignored). */
export const SORT_KEYS = ['schedule', 'kickoff', 'region', 'confidence', 'edge'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface SortOrder {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

/** What a bettor opens the page for: what is coming next, then the latest results. */
export const DEFAULT_ORDER: SortOrder = { key: 'schedule', direction: 'asc' };

function maxProb(c: MatchCard): number {
  return Math.max(c.probs[0], c.probs[1], c.probs[2]);
}

export function sortCards(cards: readonly MatchCard[], order: SortOrder): MatchCard[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  const byKickoff = (a: MatchCard, b: MatchCard) => a.kickoffMs - b.kickoffMs || a.id - b.id;
  const copy = cards.slice();
  switch (order.key) {
    case 'schedule':
      return copy.sort((a, b) => {
        const aDone = a.outcome !== null;
        const bDone = b.outcome !== null;
        if (aDone !== bDone) return aDone ? 1 : -1;
        return aDone ? byKickoff(b, a) : byKickoff(a, b);
      });
    case 'kickoff':
      return copy.sort((a, b) => sign * byKickoff(a, b));
    case 'region':
      return copy.sort((a, b) => sign * a.regionName.localeCompare(b.regionName) || byKickoff(a, b));
    case 'confidence':
      return copy.sort((a, b) => sign * (maxProb(a) - maxProb(b)) || byKickoff(a, b));
    case 'edge':
      // Matches without a value bet go last in either direction.
      return copy.sort((a, b) => {
        if (a.valueBet === null || b.valueBet === null) {
          return (a.valueBet === null ? 1 : 0) - (b.valueBet === null ? 1 : 0) || byKickoff(a, b);
        }
        return sign * (a.valueBet.edge - b.valueBet.edge) || byKickoff(a, b);
      });
  }
}
