import { describe, expect, it } from 'vitest';
import { duplicateReport, type MatchSighting } from '../../../../src/ingest/football-data/duplicates.ts';

const row = (
  file: string,
  line: number,
  score: [number, number] | null,
  status = 'finished',
): MatchSighting => ({
  file,
  line,
  status: status as MatchSighting['status'],
  homeScore: score?.[0] ?? null,
  awayScore: score?.[1] ?? null,
});

describe('duplicateReport', () => {
  it('notes a repeat with the same result as a duplicate', () => {
    expect(duplicateReport(row('a.csv', 2, [1, 0]), row('b.csv', 5, [1, 0]))).toEqual({
      file: 'a.csv',
      line: 2,
      kind: 'duplicate',
      reason: 'same match also in b.csv:5',
    });
  });

  it('reports a repeat with another result as a conflict naming both rows, both scores and the row kept', () => {
    expect(duplicateReport(row('a.csv', 2, [2, 1]), row('b.csv', 5, [1, 1]))).toEqual({
      file: 'a.csv',
      line: 2,
      kind: 'conflict',
      reason: 'same match also in b.csv:5 with another score: 2-1 here, 1-1 there; b.csv:5 is kept',
    });
    expect(duplicateReport(row('a.csv', 2, null, 'cancelled'), row('a.csv', 9, [3, 0])).reason).toBe(
      'same match again on line 9 with another score: no result here, 3-0 there; line 9 is kept',
    );
  });

  it('sees no conflict between a fixture and a result: a fixture has none yet', () => {
    expect(duplicateReport(row('fixtures.csv', 2, null, 'scheduled'), row('E0.csv', 7, [2, 0])).kind).toBe(
      'duplicate',
    );
  });
});
