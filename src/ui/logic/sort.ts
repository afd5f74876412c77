/** Sorting of the matches list. Sorts a copy; ties keep kick-off order so the list never jumps. */
import type { MatchCard } from '../api/cards.ts';

export const SORT_KEYS = ['kickoff', 'region', 'confidence', 'edge'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface SortOrder {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

function maxProb(c: MatchCard): number {
  return Math.max(c.probs[0], c.probs[1], c.probs[2]);
}

export function sortCards(cards: readonly MatchCard[], order: SortOrder): MatchCard[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  const byKickoff = (a: MatchCard, b: MatchCard) => a.kickoffMs - b.kickoffMs || a.id - b.id;
  const copy = cards.slice();
  switch (order.key) {
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
