import { describe, expect, it } from 'vitest';
import { parseFootballDataFile } from '../../../../src/ingest/football-data/parse-file.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const bytes = (text: string, bom = false) =>
  new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...new TextEncoder().encode(text)]);
const parse = (file: string, text: string, bom = false) =>
  parseFootballDataFile(file, bytes(text, bom), { nowMs: NOW });

describe('parseFootballDataFile — main leagues', () => {
  const header =
    'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,PSCH,PSCD,PSCA,AvgH,AvgD,AvgA';

  it('reads a BOM file with Time, stores every odds set with its kind, converts UK time to UTC', () => {
    const text = `${header}\r\nE0,15/08/2025,20:00,Liverpool,Bournemouth,4,2,H,1.3,6,8.5,1.29,6.25,9,1.31,5.96,8.31\r\n`;
    const parsed = parse('data/E0/2025-26.csv', text, true);
    expect(parsed.format).toBe('main');
    expect(parsed.skipped).toEqual([]);
    const [m] = parsed.matches;
    expect(m).toMatchObject({
      line: 2,
      source: 'football-data',
      sourceKey: 'football-data|E0|2025-08-15|Liverpool|Bournemouth',
      region: { code: 'ENG', name: 'England', country: 'England' },
      competition: 'Premier League',
      season: '2025-26',
      sex: 0,
      homeScore: 4,
      awayScore: 2,
      status: 'finished',
    });
    expect(new Date(m!.startTimeMs).toISOString()).toBe('2025-08-15T19:00:00.000Z');
    expect(m!.odds).toEqual([
      { bookmaker: 'b365', kind: 'opening', home: 1.3, draw: 6, away: 8.5 },
      { bookmaker: 'pinnacle', kind: 'closing', home: 1.29, draw: 6.25, away: 9 },
      { bookmaker: 'market_avg', kind: 'opening', home: 1.31, draw: 5.96, away: 8.31 },
    ]);
  });

  it('reads dd/mm/yy, HT/AT team columns, no Time (15:00 local), and skips incomplete or NA odds', () => {
    const text = [
      'Div,Date,HT,AT,FTHG,FTAG,FTR,B365H,B365D,B365A,WHH,WHD,WHA,,,',
      'G1,26/08/00,Panionios,AEK,1,1,D,2.5,3,NA,2.4,3.1,2.6,,,',
      'G1,02/01/01,Ionikos,PAOK,0,2,A,,,,1,3,3',
    ].join('\n');
    const parsed = parse('G1/2000-01.csv', text);
    expect(parsed.matches).toHaveLength(2);
    const [a, b] = parsed.matches;
    expect(new Date(a!.startTimeMs).toISOString()).toBe('2000-08-26T14:00:00.000Z');
    expect(new Date(b!.startTimeMs).toISOString()).toBe('2001-01-02T15:00:00.000Z');
    expect(a!.odds).toEqual([
      { bookmaker: 'william_hill', kind: 'opening', home: 2.4, draw: 3.1, away: 2.6 },
    ]);
    expect(b!.odds).toEqual([]); // an odd of 1 is no price
    expect(a!.region.name).toBe('Greece');
    expect(a!.season).toBe('2000-01');
  });

  it('reports a truncated last row (short, no line end) instead of importing it, naming the first missing column', () => {
    const header = 'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR';
    const cut = parse(
      'E0/2015-16.csv',
      `${header}\nE0,08/08/15,Chelsea,Swansea,2,2,D\nE0,08/08/15,Everton,Wat`,
    );
    expect(cut.matches.map((m) => m.homeTeam)).toEqual(['Chelsea']);
    expect(cut.skipped).toEqual([
      {
        file: 'E0/2015-16.csv',
        line: 3,
        column: 'FTHG',
        kind: 'truncated',
        reason: 'truncated last row: 4 of 7 fields and no line end',
      },
    ]);
    // The same short row with its line end is a complete (ragged) row: football-data's older files have them,
    // imported and counted once per file.
    const ragged = parse('E0/2015-16.csv', `${header}\nE0,08/08/15,Chelsea,Swansea,2,2\n`);
    expect(ragged.matches).toHaveLength(1);
    expect(ragged.skipped.map((s) => s.kind)).toEqual(['short-rows']);
  });

  it('rejects a whole file whose CSV cannot be read, naming line and column, importing none of its rows', () => {
    const header = 'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR';
    const broken = parse(
      'E0/2015-16.csv',
      `${header}\nE0,08/08/15,Everton,Watford,2,2,D\nE0,08/08/15,"Chelsea,Swansea,2,2,D\n`,
    );
    expect(broken.matches).toEqual([]);
    expect(broken.skipped).toEqual([
      {
        file: 'E0/2015-16.csv',
        line: 3,
        column: 'HomeTeam',
        kind: 'rejected-file',
        reason: 'a quote opened on line 3 is never closed',
      },
    ]);
  });

  it('rejects bytes that are not text (a binary file, garbled bytes), naming line and column', () => {
    const text =
      'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\r\nE0,08/08/15,Chelsea,Swansea,2,2\r\nE0,09/08/15,Stoke,Sp\u0000urs,2,2\r\n';
    expect(parse('E0/2015-16.csv', text)).toMatchObject({
      matches: [],
      skipped: [
        {
          line: 3,
          column: 'AwayTeam',
          kind: 'rejected-file',
          reason: expect.stringMatching(/not text \(U\+0000\)/),
        },
      ],
    });
    // 0x81 is no character in Windows-1252 either (and not UTF-8): garbage, not a latin-1 name.
    const garbled = new Uint8Array([
      ...new TextEncoder().encode('Div,Date,HomeTeam\nE0,08/08/15,Ch'),
      0x81,
      0x0a,
    ]);
    expect(parseFootballDataFile('E0/x.csv', garbled, { nowMs: NOW }).skipped).toEqual([
      expect.objectContaining({ line: 2, column: 'HomeTeam', kind: 'rejected-file' }),
    ]);
  });

  it('rejects a wrong header (a match file lacking a required column) and an empty file', () => {
    const wrong = parse('E0/2015-16.csv', 'Div,Date,HomeTeam,AwayTeam,FTAG\nE0,08/08/15,Chelsea,Swansea,2\n');
    expect(wrong).toMatchObject({ matches: [], rowsRead: 0 });
    expect(wrong.skipped).toEqual([
      expect.objectContaining({
        line: 1,
        kind: 'rejected-file',
        reason: expect.stringMatching(/^wrong header: .*homeGoals/),
      }),
    ]);
    expect(parse('E0/2015-16.csv', '\r\n\r\n').skipped).toEqual([
      expect.objectContaining({ line: 1, kind: 'rejected-file', reason: 'the file is empty: no header row' }),
    ]);
  });

  it('reads shots, shots on target and corners when present (blank or NA → null; none at all → null)', () => {
    const text =
      'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,HS,AS,HST,AST,HC,AC\n' +
      'E0,08/08/15,Chelsea,Swansea,2,2,11,18,3,10,4,8\nE0,08/08/15,Everton,Watford,2,2,10,,NA,5,,\n' +
      'E0,09/08/15,Stoke,Spurs,2,2,,,,,,\n';
    const stats = parse('E0/2015-16.csv', text).matches.map((m) => m.stats);
    expect(stats).toEqual([
      {
        homeShots: 11,
        awayShots: 18,
        homeShotsTarget: 3,
        awayShotsTarget: 10,
        homeCorners: 4,
        awayCorners: 8,
        homeXg: null,
        awayXg: null,
      },
      {
        homeShots: 10,
        awayShots: null,
        homeShotsTarget: null,
        awayShotsTarget: 5,
        homeCorners: null,
        awayCorners: null,
        homeXg: null,
        awayXg: null,
      },
      null,
    ]);
    expect(
      parse(
        'E0/1995-96.csv',
        'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\nE0,19/08/95,Aston Villa,Man United,3,1\n',
      ).matches[0]?.stats,
    ).toBeNull();
  });

  it('refuses a goal count past three digits and drops a statistic past four: broken cells the database cannot hold', () => {
    const text =
      'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,HS,AS,HST,AST,HC,AC\n' +
      'E0,08/08/15,Chelsea,Swansea,99999999999999999999,2,11,18,3,10,4,8\n' +
      'E0,08/08/15,Everton,Watford,149,0,99999999999,12,3,4,5,6\n';
    const parsed = parse('E0/2015-16.csv', text);
    expect(parsed.skipped).toEqual([
      {
        file: 'E0/2015-16.csv',
        line: 2,
        column: 'FTHG',
        kind: 'malformed',
        reason: "invalid home goals '99999999999999999999'",
      },
    ]);
    expect(parsed.matches.map((m) => [m.homeScore, m.stats?.homeShots, m.stats?.awayShots])).toEqual([
      [149, null, 12],
    ]);
  });

  it('keeps Betfair (BFH/BFD/BFA) and Betfred (BFDH/BFDD/BFDA) apart', () => {
    const text =
      'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,BFH,BFD,BFA,BFDH,BFDD,BFDA,BFECH,BFECD,BFECA\n' +
      'E1,09/08/2024,Blackburn,Derby,4,2,2.1,3.4,3.5,2.05,3.3,3.6,2.2,3.5,3.7\n';
    expect(
      parse('E1/2024-25.csv', text).matches[0]!.odds.map((o) => `${o.bookmaker}/${o.kind}/${o.home}`),
    ).toEqual(['betfair_exchange/closing/2.2', 'betfair/opening/2.1', 'betfred/opening/2.05']);
  });

  it('reports malformed rows with file, line, column and reason, and counts blank and stray-cell rows, while the rest imports', () => {
    const text = [
      header,
      'E0,16/08/2025,12:30,Aston Villa,Newcastle,0,0,D,,,,,,,,,',
      'E0,31/02/2025,15:00,Fulham,Brighton,1,1,D',
      'E0,16/08/2025,15:00,,Wolves,1,1,D',
      'E0,16/08/2025,15:00,Spurs,Burnley,x,1,A',
      'E0,16/08/2025,15:00,Sunderland,West Ham,3,,H',
      'E0,16/08/2025,3pm,Brentford,Forest,1,1,D',
      ',,,,,,,,,,,,,,,,',
      ',,,,,,,,,,,,,,,,,,,,,,#REF!,,',
      '',
    ].join('\n');
    const parsed = parse('E0/2025-26.csv', text);
    expect(parsed.matches.map((m) => m.homeTeam)).toEqual(['Aston Villa']);
    expect(parsed.rowsRead).toBe(8);
    expect(parsed.skipped).toEqual([
      {
        file: 'E0/2025-26.csv',
        line: 3,
        column: 'Date',
        kind: 'malformed',
        reason: "invalid date '31/02/2025'",
      },
      { file: 'E0/2025-26.csv', line: 4, column: 'HomeTeam', kind: 'malformed', reason: 'missing team name' },
      {
        file: 'E0/2025-26.csv',
        line: 5,
        column: 'FTHG',
        kind: 'malformed',
        reason: "invalid home goals 'x'",
      },
      {
        file: 'E0/2025-26.csv',
        line: 6,
        column: 'FTAG',
        kind: 'malformed',
        reason: 'only one side has a score',
      },
      { file: 'E0/2025-26.csv', line: 7, column: 'Time', kind: 'malformed', reason: "invalid time '3pm'" },
      { file: 'E0/2025-26.csv', line: 8, kind: 'blank', reason: 'blank row' },
      // A stray cell with no date or team is no match: skipped like a blank row (the import exits 0 for it).
      { file: 'E0/2025-26.csv', line: 9, kind: 'blank', reason: 'no date or team: not a match' },
    ]);
  });

  it('stores a match without a result as scheduled when in the future, cancelled when past', () => {
    const text = [
      'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR',
      'F2,05/12/2025,19:00,Bastia,Red Star,,,',
      'F2,05/12/2026,19:00,Bastia,Red Star,,,',
    ].join('\n');
    const [past, future] = parse('F2/fixtures.csv', text).matches;
    expect(past).toMatchObject({ status: 'cancelled', homeScore: null, awayScore: null });
    expect(future).toMatchObject({ status: 'scheduled', homeScore: null });
  });

  it('takes the season from the first date when the file name has none, and reports a repeated match', () => {
    const text = [
      'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG',
      'SP1,02/01/2027,Betis,Sevilla,1,0',
      'SP1,14/08/2026,Girona,Rayo,2,2',
      'SP1,02/01/2027,Betis,Sevilla,2,0',
      'SP1,14/08/2026,Girona,Rayo,2,2',
    ].join('\n');
    const parsed = parse('downloads/SP1.csv', text);
    expect(parsed.matches.map((m) => [m.season, m.homeScore])).toEqual([
      ['2026-27', 2],
      ['2026-27', 2],
    ]);
    // The later row is kept; a repeat with another score is a conflict naming both rows and both scores.
    expect(parsed.skipped).toEqual([
      {
        file: 'downloads/SP1.csv',
        line: 2,
        kind: 'conflict',
        reason: 'same match again on line 4 with another score: 1-0 here, 2-0 there; line 4 is kept',
      },
      { file: 'downloads/SP1.csv', line: 3, kind: 'duplicate', reason: 'same match again on line 5' },
    ]);
  });

  it('flags a header of no known layout once, for the whole file', () => {
    const parsed = parse('MANIFEST.csv', 'file,kind,season\nE0/1993-94.csv,main,1993-94\n');
    expect(parsed.matches).toEqual([]);
    expect(parsed.skipped).toHaveLength(1);
    expect(parsed.skipped[0]).toMatchObject({ line: 1, kind: 'unrecognised-file' });
  });
});

describe('parseFootballDataFile — new leagues', () => {
  it('reads Country/League/Season, normalises season labels and stores every price as closing', () => {
    const text = [
      'Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA,MaxCH,MaxCD,MaxCA,AvgCH,AvgCD,AvgCA',
      'Argentina,Liga Profesional ,2012/2013,03/08/2012,23:00,Arsenal Sarandi,Union de Santa Fe,1,0,H,1.9,3.39,5.03,1.9,3.5,5.68,1.76,3.3,4.74',
      'Japan,J1 League,2026,16/08/2026,11:00,Kashima,Urawa,,,,,,,,,,2.1,3.2,3.4',
    ].join('\r\n');
    const parsed = parse('new/ARG.csv', text, true);
    expect(parsed.format).toBe('new');
    const [arg, jpn] = parsed.matches;
    expect(arg).toMatchObject({
      sourceKey: 'football-data|new:ARG|2012-08-03|Arsenal Sarandi|Union de Santa Fe',
      region: { code: 'ARG', name: 'Argentina' },
      competition: 'Liga Profesional',
      season: '2012-13',
      status: 'finished',
    });
    expect(new Date(arg!.startTimeMs).toISOString()).toBe('2012-08-03T22:00:00.000Z');
    expect(arg!.odds.map((o) => `${o.bookmaker}/${o.kind}`)).toEqual([
      'pinnacle/closing',
      'market_avg/closing',
      'market_max/closing',
    ]);
    expect(jpn).toMatchObject({ season: '2026', status: 'cancelled', region: { code: 'JPN' } });
  });
});

describe("parseFootballDataFile — FootyStats-derived women's files", () => {
  it('reads ISO dates, float goals and FootyStats prices, with competition and region from the file name', () => {
    const text = [
      'Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,B365>2.5,B365<2.5,HST,AST,HomeXG,AwayXG',
      '2021-05-23,19:00:00,Portland Thorns,Seattle Reign,1.0,2.0,A,1.69,3.75,3.85,,,10.0,6.0,2.47,1.35',
      '2021-05-23,20:00:00,Houston Dash,Kansas City,2.5,2.0,D,1.59,3.65,4.6,,,4.0,5.0,1.37,1.26',
    ].join('\n');
    const parsed = parse('women/USA_NWSL_all.csv', text);
    expect(parsed.format).toBe('footystats');
    const [m] = parsed.matches;
    expect(m).toMatchObject({
      source: 'footystats',
      region: { code: 'USA-W', name: 'USA (women)', country: 'USA' },
      competition: 'NWSL',
      season: '2021',
      sex: 1,
      homeScore: 1,
      awayScore: 2,
      odds: [{ bookmaker: 'footystats', kind: 'opening', home: 1.69, draw: 3.75, away: 3.85 }],
    });
    expect(new Date(m!.startTimeMs).toISOString()).toBe('2021-05-23T22:00:00.000Z');
    // Shots on target and expected goals are read (written as floats); these files carry no total shots.
    expect(m!.stats).toEqual({
      homeShots: null,
      awayShots: null,
      homeShotsTarget: 10,
      awayShotsTarget: 6,
      homeCorners: null,
      awayCorners: null,
      homeXg: 2.47,
      awayXg: 1.35,
    });
    expect(parsed.skipped).toEqual([
      {
        file: 'women/USA_NWSL_all.csv',
        line: 3,
        column: 'FTHG',
        kind: 'malformed',
        reason: "invalid home goals '2.5'",
      },
    ]);
  });

  it('reads a pair of zero expected goals as none, and refuses what is no expected-goals figure', () => {
    const header = 'Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,HST,AST,HomeXG,AwayXG';
    const rows = [
      '2021-05-23,19:00:00,Portland Thorns,Seattle Reign,0.0,0.0,2.0,1.0,0,0',
      '2021-05-24,19:00:00,Houston Dash,Kansas City,1.0,0.0,3.0,1.0,0.0,0.41',
      '2021-05-25,19:00:00,Chicago Red Stars,Orlando Pride,1.0,1.0,,,-1.2,1e3',
      '2021-05-26,19:00:00,Washington Spirit,Gotham FC,1.0,1.0,,,,',
    ];
    const stats = parse('women/USA_NWSL_all.csv', [header, ...rows].join('\n')).matches.map((m) => m.stats);
    expect(stats.map((s) => s && [s.homeShotsTarget, s.homeXg, s.awayXg])).toEqual([
      [2, null, null],
      [3, 0, 0.41],
      null,
      null,
    ]);
  });

  it('uses autumn–spring seasons for European leagues', () => {
    const text =
      'Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,HomeXG,AwayXG\n2021-01-10,11:00:00,Arsenal Women,Chelsea Women,0.0,0.0,1.2,0.8\n';
    const [m] = parse('women/ENGLAND_FA_WOMENS_SUPER_LEAGUE_all.csv', text).matches;
    expect(m).toMatchObject({
      season: '2020-21',
      competition: "Women's Super League",
      region: { name: 'England (women)' },
    });
  });
});
