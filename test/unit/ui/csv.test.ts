import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { decodeCard } from '../../../src/ui/api/cards.ts';
import { cardsCsv, csvColumns } from '../../../src/ui/logic/csv.ts';
import { apiCard } from './api-card.ts';

describe('cardsCsv', () => {
  it('writes a header and one row per card in the given order, quoting what needs it', () => {
    const a = decodeCard(apiCard({ match_id: 7, home_team_name: 'Alpha, "the A"' }), 'c');
    const b = decodeCard(
      apiCard({
        match_id: 8,
        outcome: null,
        home_score: null,
        away_score: null,
        prediction_correct: null,
        value_bet: null,
        status: 'scheduled',
        is_future: true,
      }),
      'c',
    );
    const rows = parse(cardsCsv([b, a], 'utc')) as string[][];
    expect(rows[0]).toEqual(csvColumns('utc'));
    expect(rows[0]![0]).toBe('kickoff (UTC)');
    expect(rows.map((r) => r[1])).toEqual(['match_id', '8', '7']);
    expect(rows[2]).toEqual([
      '2026-03-01 15:00',
      '7',
      'England',
      'Alpha, "the A"',
      'Beta',
      '0.5',
      '0.3',
      '0.2',
      'Home',
      '2.5',
      '3.4',
      '4',
      'Home',
      '0.25',
      '2-1',
      'true',
    ]);
    // Upcoming: no score, no grade, no value bet.
    expect(rows[1]!.slice(12)).toEqual(['', '', '', '']);
  });
});
