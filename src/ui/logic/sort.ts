/** Sorting of the matches list. Sorts a copy; ties keep kick-off order so the list never jumps. */
import type { MatchCard } from '../api/cards.ts';

/**
 * `schedule`: upcoming matches soonest first, then finished ones newest first, then those that will not be played
 * as listed (cancelled, postponed) newest first; the direction is ignored.
 */
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

/** 0 upcoming, 1 finished, 2 neither (cancelled, postponed). */
const scheduleGroup = (c: MatchCard) => (c.upcoming ? 0 : c.outcome !== null ? 1 : 2);

/** 0 a value bet still open, 1 a value bet of a match no longer upcoming, 2 no value bet. */
const edgeGroup = (c: MatchCard) => (c.valueBet === null ? 2 : c.upcoming ? 0 : 1);

export function sortCards(cards: readonly MatchCard[], order: SortOrder): MatchCard[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  const byKickoff = (a: MatchCard, b: MatchCard) => a.kickoffMs - b.kickoffMs || a.id - b.id;
  const copy = cards.slice();
  switch (order.key) {
    case 'schedule':
      return copy.sort((a, b) => {
        const group = scheduleGroup(a) - scheduleGroup(b);
        if (group !== 0) return group;
        return a.upcoming ? byKickoff(a, b) : byKickoff(b, a);
      });
    case 'kickoff':
      return copy.sort((a, b) => sign * byKickoff(a, b));
    case 'region':
      return copy.sort((a, b) => sign * a.regionName.localeCompare(b.regionName) || byKickoff(a, b));
    case 'confidence':
      return copy.sort((a, b) => sign * (maxProb(a) - maxProb(b)) || byKickoff(a, b));
    case 'edge':
      // Bets a bettor can still place come first, then those of finished matches, then matches without a value
      // bet, in either direction: the edge orders each group.
      return copy.sort((a, b) => {
        const group = edgeGroup(a) - edgeGroup(b);
        if (group !== 0 || a.valueBet === null || b.valueBet === null) return group || byKickoff(a, b);
        return sign * (a.valueBet.edge - b.valueBet.edge) || byKickoff(a, b);
      });
  }
}
