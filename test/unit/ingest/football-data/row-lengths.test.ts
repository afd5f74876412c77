/**
 * Rows of another length than the header. A row stopping before the last columns was imported without a word
 * (the shared data's old seasons hold about a thousand, so the warning is one per file, not one per row).
 */
import { describe, expect, it } from 'vitest';
import { zeroTotals } from '../../../../src/ingest/football-data/import.ts';
import { importFailures } from '../../../../src/ingest/football-data/import-failures.ts';
import { parseFootballDataFile } from '../../../../src/ingest/football-data/parse-file.ts';
import { describeProblem, describeProblemCounts } from '../../../../src/ingest/football-data/parsed-match.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const HEADER = 'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A';
const parse = (lines: string[], end = '\n') =>
  parseFootballDataFile('E0/1999-00.csv', new TextEncoder().encode(`${lines.join('\n')}${end}`), {
    nowMs: NOW,
  });

describe('rows shorter than the header', () => {
  it('are imported, their missing columns empty, and counted in one warning naming the first', () => {
    const parsed = parse([
      HEADER,
      'E0,07/08/99,Arsenal,Leicester,2,1,H,1.5,3.4,6',
      'E0,07/08/99,Chelsea,Sunderland,4,0,H,1.6',
      'E0,07/08/99,Coventry,Southampton,0,1,A',
      'E0,07/08/99,Leeds,Derby,0,0,D,2,3.2,3.5',
    ]);
    expect(parsed.matches.map((m) => [m.homeTeam, m.awayScore, m.odds.length])).toEqual([
      ['Arsenal', 1, 1],
      ['Chelsea', 0, 0],
      ['Coventry', 1, 0],
      ['Leeds', 0, 1],
    ]);
    expect(parsed.skipped).toEqual([
      {
        file: 'E0/1999-00.csv',
        line: 1,
        kind: 'short-rows',
        reason:
          '2 rows shorter than the header (first at line 3: 8 of 10 fields); their missing columns read as empty',
      },
    ]);
    expect(describeProblem(parsed.skipped[0]!)).toBe(
      'E0/1999-00.csv:1: 2 rows shorter than the header (first at line 3: 8 of 10 fields); their missing columns read as empty',
    );
  });

  it('says one row in the singular, and counts only the header’s named columns (empty names after them are none)', () => {
    const parsed = parse([
      `${HEADER},,,`,
      'E0,07/08/99,Arsenal,Leicester,2,1,H,1.5,3.4,6',
      'E0,07/08/99,Leeds,Derby,0,0',
    ]);
    expect(parsed.skipped.map((s) => s.reason)).toEqual([
      '1 row shorter than the header (at line 3: 6 of 10 fields); its missing columns read as empty',
    ]);
  });

  it('leaves out rows that were not imported: a cut-off last row, a malformed row, a blank one', () => {
    const parsed = parse(
      [
        HEADER,
        'E0,07/08/99,Arsenal,Leicester,2,1,H,1.5,3.4,6',
        'E0,07/08/99,Leeds',
        ',,',
        'E0,08/08/99,Wimbledon,Watford,2',
      ],
      '',
    );
    expect(parsed.skipped.map((s) => s.kind)).toEqual(['malformed', 'blank', 'truncated']);
  });
});

describe('rows longer than the header', () => {
  it('say nothing when the fields past the header are empty (older files end their rows with commas)', () => {
    const parsed = parse([HEADER, 'E0,07/08/99,Arsenal,Leicester,2,1,H,1.5,3.4,6,,,,']);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.matches).toHaveLength(1);
  });

  it('are imported and counted in one warning when values stand past the header, which nothing reads', () => {
    const parsed = parse([
      `${HEADER},,`,
      'E0,07/08/99,Arsenal,Leicester,2,1,H,1.5,3.4,6,,,,Abandoned',
      'E0,07/08/99,Leeds,Derby,0,0,D,2,3.2,3.5,,1',
    ]);
    expect(parsed.matches).toHaveLength(2);
    expect(parsed.skipped).toEqual([
      {
        file: 'E0/1999-00.csv',
        line: 1,
        kind: 'long-rows',
        reason:
          "2 rows with values past the header's 10 named columns (first at line 2: field 14 of 14); those values are not read",
      },
    ]);
  });
});

describe('the row-length warnings in an import summary', () => {
  const problems = [
    ...parse([HEADER, 'E0,07/08/99,Chelsea,Sunderland,4,0,H']).skipped,
    ...parse([HEADER, 'E0,07/08/99,Chelsea,Sunderland,4,0,H,1.6,3,5,x']).skipped,
  ];

  it('are counted per file with the cell warnings', () => {
    expect(describeProblemCounts(problems, ['short-rows', 'long-rows'])).toBe(
      '1 file with rows shorter than its header, 1 file with values past its header',
    );
  });

  it('do not fail the import: nothing was left out', () => {
    const summary = {
      ...zeroTotals(),
      files: 2,
      rowsRead: 2,
      rowsSkipped: {},
      postponed: 0,
      problems,
      rejected: [],
    };
    expect(importFailures(summary)).toEqual([]);
  });
});
