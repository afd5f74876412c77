import { describe, expect, it } from 'vitest';
import { parseFootballDataFile } from '../../../../src/ingest/football-data/parse-file.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const parse = (file: string, lines: string[]) =>
  parseFootballDataFile(file, new TextEncoder().encode(`${lines.join('\n')}\n`), { nowMs: NOW });

describe('parseFootballDataFile — cells an imported row is read without', () => {
  const header = 'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,PSH,PSD,PSA,B365>2.5,B365<2.5';

  it('reports each malformed price by file, line and column, leaving out only that bookmaker’s price', () => {
    const parsed = parse('E0/2015-16.csv', [
      header,
      'E0,08/08/15,Chelsea,Swansea,2,2,D,-3,abc,4,2.1,3.2,3.6,1.9,1.9',
      'E0,08/08/15,Everton,Watford,2,2,D,1.5,0.5,6,1.0,3,7,0,2.05',
    ]);
    const [chelsea, everton] = parsed.matches;
    expect(chelsea!.odds).toEqual([
      { bookmaker: 'pinnacle', kind: 'opening', home: 2.1, draw: 3.2, away: 3.6 },
    ]);
    expect(chelsea!.overUnder).toHaveLength(1);
    expect(everton!.odds).toEqual([]);
    expect(everton!.overUnder).toEqual([]);
    const b365 = "b365's opening 1X2 price left out";
    expect(parsed.skipped).toEqual([
      {
        file: 'E0/2015-16.csv',
        line: 2,
        column: 'B365H',
        kind: 'malformed-cell',
        reason: `not a price '-3' (decimal odds are above 1): ${b365}`,
      },
      {
        file: 'E0/2015-16.csv',
        line: 2,
        column: 'B365D',
        kind: 'malformed-cell',
        reason: `not a price 'abc' (decimal odds are above 1): ${b365}`,
      },
      expect.objectContaining({ line: 3, column: 'B365D', reason: expect.stringContaining("'0.5'") }),
      expect.objectContaining({ line: 3, column: 'PSH', reason: expect.stringContaining("'1.0'") }),
      expect.objectContaining({
        line: 3,
        column: 'B365>2.5',
        reason: "not a price '0' (decimal odds are above 1): b365's opening over/under 2.5 price left out",
      }),
    ]);
  });

  it('takes blank and NA cells, and fields past the end of a short row, for no price: no cell to report', () => {
    const parsed = parse('G1/2000-01.csv', [
      header,
      'G1,26/08/00,Panionios,AEK,1,1,D,2.5,,NA,, ,,NA,',
      'G1,27/08/00,Ionikos,PAOK,0,2,A,3,3.2,2.1',
    ]);
    // Only the short row is told, once for the file (row-lengths.ts).
    expect(parsed.skipped.map((s) => [s.kind, s.line])).toEqual([['short-rows', 1]]);
    expect(parsed.matches.map((m) => m.odds.length)).toEqual([0, 1]);
  });

  it('keeps the score when the result letter contradicts it, and reports the row as a warning', () => {
    const parsed = parse('E0/2015-16.csv', [
      header,
      'E0,08/08/15,Chelsea,Swansea,2,0,A,,,,,,,,',
      'E0,08/08/15,Everton,Watford,1,1,X,,,,,,,,',
      'E0,09/08/15,Arsenal,West Ham,0,2,,,,,,,,,',
      'E0,09/08/15,Stoke,Spurs,,,H,,,,,,,,',
    ]);
    expect(parsed.matches.map((m) => [m.homeScore, m.awayScore, m.status])).toEqual([
      [2, 0, 'finished'],
      [1, 1, 'finished'],
      [0, 2, 'finished'],
      [null, null, 'cancelled'],
    ]);
    expect(parsed.skipped).toEqual([
      {
        file: 'E0/2015-16.csv',
        line: 2,
        column: 'FTR',
        kind: 'result-mismatch',
        reason: "result 'A' contradicts the score 2-0 (H); the score is kept",
      },
      {
        file: 'E0/2015-16.csv',
        line: 3,
        column: 'FTR',
        kind: 'malformed-cell',
        reason: "not a result 'X' (H, D or A); the score 1-1 is kept",
      },
    ]);
  });

  it("checks the new leagues' Res column and reports nothing of a row left out whole", () => {
    const parsed = parse('new/BRA.csv', [
      'Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA',
      'Brazil,Serie A,2024,13/04/2024,22:00,Palmeiras,Vitoria,2,1,D,1.3,5,9',
      'Brazil,Serie A,2024,31/04/2024,22:00,Santos,Gremio,1,0,H,0,5,9',
    ]);
    expect(parsed.skipped).toEqual([
      expect.objectContaining({ line: 2, column: 'Res', kind: 'result-mismatch' }),
      expect.objectContaining({ line: 3, column: 'Date', kind: 'malformed' }),
    ]);
    expect(parsed.matches[0]!.odds).toHaveLength(1);
  });
});
