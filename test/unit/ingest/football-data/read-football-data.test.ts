import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFootballData } from '../../../../src/ingest/football-data/read-football-data.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'mc-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, rows: string[], header = 'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG') => {
  const path = join(dir, name);
  writeFileSync(path, `${header}\n${rows.join('\n')}\n`);
  return { path, named: true };
};
/** Reads the files in batches of one match, so every file meets the earlier ones already written. */
const read = async (files: { path: string; named: boolean }[]) => {
  const written: string[] = [];
  const summary = await readFootballData(files, { nowMs: NOW, teamName: (_r, n) => n }, 1, async (b) => {
    written.push(...b.map((m) => `${m.homeTeam}-${m.awayTeam} ${m.homeScore ?? 'no result'}`));
  });
  return { written, summary };
};

describe('readFootballData on the same match in two files', () => {
  it('reports a conflict naming both rows and scores even after the first was written; the later row wins', async () => {
    const a = file('a.csv', [
      'E0,16/08/2025,12:30,Villa,Newcastle,0,0',
      'E0,16/08/2025,15:00,Fulham,Leeds,1,1',
    ]);
    const b = file('b.csv', [
      'E0,16/08/2025,12:30,Villa,Newcastle,2,1',
      'E0,16/08/2025,15:00,Fulham,Leeds,1,1',
    ]);
    const { written, summary } = await read([a, b]);
    expect(summary.problems).toEqual([
      {
        file: a.path,
        line: 2,
        kind: 'conflict',
        reason: `same match also in ${b.path}:2 with another score: 0-0 here, 2-1 there; ${b.path}:2 is kept`,
      },
      { file: a.path, line: 3, kind: 'duplicate', reason: `same match also in ${b.path}:3` },
    ]);
    expect(summary.rowsSkipped).toEqual({ 'duplicate with another score': 1, 'duplicate match': 1 });
    expect(written.at(-2)).toBe('Villa-Newcastle 2');
  });

  it('lists cell warnings with the problems but counts no skipped row: the match is imported', async () => {
    const a = file(
      'cells.csv',
      ['E0,16/08/2025,12:30,Villa,Newcastle,0,0,H,0,3.4,3.1'],
      'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A',
    );
    const { written, summary } = await read([a]);
    expect(written).toEqual(['Villa-Newcastle 0']);
    expect(summary.problems.map((p) => [p.kind, p.line, p.column])).toEqual([
      ['result-mismatch', 2, 'FTR'],
      ['malformed-cell', 2, 'B365H'],
    ]);
    expect(summary.rowsSkipped).toEqual({});
  });

  it('lists a file’s rows shorter than its header once, with the problems, and skips none of them', async () => {
    const a = file(
      'short.csv',
      ['E0,16/08/2025,12:30,Villa,Newcastle,0,0', 'E0,16/08/2025,15:00,Fulham,Leeds,1,1,D'],
      'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A',
    );
    const { written, summary } = await read([a]);
    expect(written).toEqual(['Villa-Newcastle 0', 'Fulham-Leeds 1']);
    expect(summary.problems.map((p) => [p.kind, p.line])).toEqual([['short-rows', 1]]);
    expect(summary.rowsSkipped).toEqual({});
  });

  it('reports nothing for a fixture of a match already read with its result', async () => {
    const results = file('E0.csv', ['E0,16/08/2025,12:30,Villa,Newcastle,0,0']);
    // An upcoming-fixtures file: no result columns.
    const fixtures = file(
      'fixtures.csv',
      ['E0,16/08/2025,12:30,Villa,Newcastle'],
      'Div,Date,Time,HomeTeam,AwayTeam',
    );
    const { summary } = await read([results, fixtures]);
    expect(summary.problems).toEqual([]);
  });
});

describe('readFootballData on a fixtures file that names no season (new_league_fixtures.csv)', () => {
  const fixtures = () =>
    file(
      'new_league_fixtures.csv',
      [
        'Austria,Bundesliga,05/12/2026,16:00,Rapid Vienna,Sturm Graz',
        'Norway,Eliteserien,05/12/2026,16:00,Molde,Brann',
      ],
      'Country,League,Date,Time,Home,Away',
    );
  const seasons = async (files: { path: string; named: boolean }[], seasonStyles?: Map<string, boolean>) => {
    const out: Record<string, string> = {};
    await readFootballData(
      files,
      { nowMs: NOW, teamName: (_r, n) => n, ...(seasonStyles ? { seasonStyles } : {}) },
      1,
      async (b) => {
        for (const m of b) if (m.homeScore === null) out[m.homeTeam] = m.season;
      },
    );
    return out;
  };

  it('labels each fixture in its league’s style, even when the results file is read after it', async () => {
    const austria = file(
      'AUT.csv',
      ['Austria,Bundesliga,2026/2027,01/08/2026,16:00,Rapid Vienna,Sturm Graz,1,0,H'],
      'Country,League,Season,Date,Time,Home,Away,HG,AG,Res',
    );
    // Austria plays autumn to spring: December 2026 is in 2026-27, not a season "2026" of its own. Norway plays
    // calendar years, and with no results read, the calendar year is the label.
    expect(await seasons([fixtures(), austria])).toEqual({ 'Rapid Vienna': '2026-27', Molde: '2026' });
    expect(await seasons([fixtures()])).toEqual({ 'Rapid Vienna': '2026', Molde: '2026' });
    // The stored leagues' styles (seasonStylesOf) count when these files do not say.
    expect(await seasons([fixtures()], new Map([['AUT|Bundesliga', false]]))).toEqual({
      'Rapid Vienna': '2026-27',
      Molde: '2026',
    });
  });
});

describe('readFootballData on a league read from both football-data and FootyStats', () => {
  it('keeps football-data’s matches, leaves the FootyStats rows in its dates out and says so, keeps the rest', async () => {
    // A men's FootyStats file (another spelling of the clubs), read first: its rows wait for every file.
    const footyStats = file(
      'BRAZIL_SERIE_A_all.csv',
      [
        '2023-11-01,19:00:00,Gremio RS,Bahia BA,3.0,1.0,H,2.1,3.3,3.6,5,3,1.4,0.9',
        '2024-05-01,19:00:00,Flamengo RJ,Palmeiras SP,1.0,0.0,H,2.1,3.3,3.6,5,3,1.4,0.9',
        '2024-12-10,19:00:00,Santos SP,Bahia BA,2.0,2.0,D,2.1,3.3,3.6,5,3,1.4,0.9',
      ],
      'Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,HST,AST,HomeXG,AwayXG',
    );
    const footballData = file(
      'BRA.csv',
      [
        'Brazil,Serie A,2024,13/04/2024,16:00,Flamengo,Palmeiras,1,0,H',
        'Brazil,Serie A,2024,08/12/2024,16:00,Santos,Bahia,0,1,A',
      ],
      'Country,League,Season,Date,Time,Home,Away,HG,AG,Res',
    );
    const { written, summary } = await read([footyStats, footballData]);
    // The 2023 row comes before football-data's first match of the league: a season it lacks, so it stays. A
    // row after its last one is left out too: its next file would hold that match under its own names.
    expect(written.sort()).toEqual(['Flamengo-Palmeiras 1', 'Gremio RS-Bahia BA 3', 'Santos-Bahia 0']);
    expect(summary.problems.map((p) => [p.kind, p.line])).toEqual([['other-source', 3]]);
    expect(summary.problems[0]?.reason).toContain(
      '2 rows of Brazil / Serie A (2024-05-01 to 2024-12-10) not imported, football-data has it from 2024-04-13 to 2024-12-08',
    );
    expect(summary.rowsSkipped).toEqual({ 'league football-data also covers': 2 });
  });
});
