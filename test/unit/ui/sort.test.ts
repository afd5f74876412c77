import { describe, expect, it } from 'vitest';
import { decodeCard } from '../../../src/ui/api/cards.ts';
import { sortCards } from '../../../src/ui/logic/sort.ts';
import { apiCard } from './api-card.ts';

const a = decodeCard(apiCard({ match_id: 1, start_time_utc: '2026-01-01T00:00:00Z', value_bet: null }), 'c');
const b = decodeCard(
  apiCard({
    match_id: 2,
    start_time_utc: '2026-01-02T00:00:00Z',
    region_name: 'Austria',
    proba_home: 0.8,
    proba_draw: 0.1,
    proba_away: 0.1,
  }),
  'c',
);
const c = decodeCard(
  apiCard({
    match_id: 3,
    start_time_utc: '2026-01-03T00:00:00Z',
    value_bet: { outcome: 2, edge: 0.5, odd: 4 },
  }),
  'c',
);
const ids = (cards: { id: number }[]) => cards.map((x) => x.id);

describe('sortCards', () => {
  it('sorts by kick-off both ways without touching the input', () => {
    const input = [c, a, b];
    expect(ids(sortCards(input, { key: 'kickoff', direction: 'asc' }))).toEqual([1, 2, 3]);
    expect(ids(sortCards(input, { key: 'kickoff', direction: 'desc' }))).toEqual([3, 2, 1]);
    expect(ids(input)).toEqual([3, 1, 2]);
  });
  it('sorts by region name, then kick-off', () => {
    expect(ids(sortCards([c, a, b], { key: 'region', direction: 'asc' }))).toEqual([2, 1, 3]);
  });
  it('sorts by confidence', () => {
    expect(ids(sortCards([a, b, c], { key: 'confidence', direction: 'desc' }))).toEqual([2, 1, 3]);
  });
  it('puts matches without a value bet last in either direction', () => {
    expect(ids(sortCards([a, b, c], { key: 'edge', direction: 'desc' }))).toEqual([3, 2, 1]);
    expect(ids(sortCards([a, b, c], { key: 'edge', direction: 'asc' }))).toEqual([2, 3, 1]);
  });
  it('puts the bets still open before those of finished matches, whatever their edges', () => {
    const open = decodeCard(
      apiCard({
        match_id: 4,
        start_time_utc: '2026-06-01T12:00:00Z',
        value_bet: { outcome: 0, edge: 0.06, odd: 2.1 },
        outcome: null,
        home_score: null,
        away_score: null,
        prediction_correct: null,
        status: 'scheduled',
        is_future: true,
      }),
      'c',
    );
    expect(open.upcoming).toBe(true);
    expect(ids(sortCards([a, b, c, open], { key: 'edge', direction: 'desc' }))).toEqual([4, 3, 2, 1]);
    expect(ids(sortCards([a, b, c, open], { key: 'edge', direction: 'asc' }))).toEqual([4, 2, 3, 1]);
  });
});

describe('the default order', () => {
  /** A card without a result, kicking off at noon UTC on `day`. */
  const unplayed = (id: number, day: string, status: string) =>
    decodeCard(
      apiCard({
        match_id: id,
        start_time_utc: `${day}T12:00:00Z`,
        outcome: null,
        home_score: null,
        away_score: null,
        prediction_correct: null,
        status,
        is_future: status === 'scheduled',
      }),
      'c',
    );

  it('puts upcoming matches soonest first, then finished ones newest first', () => {
    const later = unplayed(10, '2026-05-03', 'scheduled');
    const sooner = unplayed(11, '2026-05-02', 'scheduled');
    expect(ids(sortCards([a, later, c, sooner, b], { key: 'schedule', direction: 'asc' }))).toEqual([
      11, 10, 3, 2, 1,
    ]);
  });

  it('puts matches that will not be played as listed after the results, not among the upcoming ones', () => {
    const cancelled = unplayed(20, '2015-05-10', 'cancelled');
    const postponed = unplayed(21, '2026-01-05', 'postponed');
    const next = unplayed(22, '2026-05-02', 'scheduled');
    expect(cancelled.upcoming).toBe(false);
    expect(ids(sortCards([cancelled, a, postponed, next, b], { key: 'schedule', direction: 'asc' }))).toEqual(
      [22, 2, 1, 21, 20],
    );
  });
});
