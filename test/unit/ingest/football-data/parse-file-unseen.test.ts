/**
 * Files of leagues and exports not met while building the reader, as an outside audit made them: a men's league in
 * FootyStats' layout, team names respelled by the tool that saved the file, and a spreadsheet's semicolon or tab
 * export. Each is read as what it is, or refused by name; none is dropped without a word.
 */
import { describe, expect, it } from 'vitest';
import { parseFootballDataFile } from '../../../../src/ingest/football-data/parse-file.ts';
import { describeProblem, type ParsedFile } from '../../../../src/ingest/football-data/parsed-match.ts';
import { teamNameResolver } from '../../../../src/ingest/football-data/team-aliases.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const parse = (file: string, text: string) =>
  parseFootballDataFile(file, new TextEncoder().encode(text), { nowMs: NOW });
const HEADER = 'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A';
const warnings = (file: ParsedFile) =>
  file.skipped
    .filter((s) => s.kind === 'unread-prices' || s.kind === 'unknown-division')
    .map(describeProblem);

describe('parseFootballDataFile on files it was not built on', () => {
  it("puts a men's league of FootyStats' layout in its country's region, not the women's", () => {
    const text =
      'Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,HomeXG,AwayXG\n2024-04-20,16:00:00,Santos,Coritiba,2.0,1.0,1.4,0.9\n';
    const [men] = parse('leagues/BRAZIL_SERIE_B_all.csv', text).matches;
    expect(men).toMatchObject({ sex: 0, region: { code: 'BRA', name: 'Brazil' }, competition: 'Serie B' });
    const [women] = parse('women/BRAZIL_SERIE_A1_all.csv', text).matches;
    expect(women).toMatchObject({ sex: 1, region: { code: 'BRA-W', name: 'Brazil (women)' } });
    // A women's league named in its own language is one; only the file's name says so, not a folder's.
    for (const name of [
      'ITALY_SERIE_A_FEMMINILE_all.csv',
      'DENMARK_KVINDELIGAEN_all.csv',
      'FRANCE_D1_ARKEMA_all.csv',
    ])
      expect(parse(`exports/${name}`, text).matches[0]?.sex, name).toBe(1);
    expect(parse('womens-exports-old/BRAZIL_SERIE_B_all.csv', text).matches[0]?.sex).toBe(0);
  });

  it("refuses FootyStats' own export by name instead of passing it over as some other CSV", () => {
    const text =
      'timestamp,date_GMT,status,home_team_name,away_team_name,home_team_goal_count,away_team_goal_count\n' +
      '1700000000,Nov 14 2023 - 9:00pm,complete,Arsenal,Chelsea,2,1\n';
    const [rejected] = parse('england-premier-league-matches-2023-to-2024-stats.csv', text).skipped;
    expect(rejected).toMatchObject({ line: 1, kind: 'rejected-file' });
    expect(rejected?.reason).toMatch(
      /^FootyStats' own export \(date_GMT, home_team_name, …\) is not a layout/,
    );
  });

  it("puts a division code it does not know by name in its country's region when the letters say which", () => {
    const row = (div: string) => `${div},02/08/2025,19:30,Benfica B,Porto B,1,2,A,3.1,3.4,2.2`;
    const [p2] = parse('P2/2025-26.csv', `${HEADER}\n${row('P2')}\n`).matches;
    expect(p2).toMatchObject({ region: { code: 'POR', name: 'Portugal' }, competition: 'P2' });
    const [sc4] = parse('SC4/2025-26.csv', `${HEADER}\n${row('SC4')}\n`).matches;
    expect(sc4).toMatchObject({ region: { code: 'SCO' }, competition: 'SC4' });
    // Letters of no known country: a region of its own, never merged into another.
    const x9File = parse('X9/2025-26.csv', `${HEADER}\n${row('X9')}\n${row('X9')}\n`);
    expect(x9File.matches[0]).toMatchObject({ region: { code: 'X9', name: 'X9' }, competition: 'X9' });
    // Each is imported and said once per file, on its first row: nothing is stored under a code unannounced.
    expect(
      warnings(parse('P2/2025-26.csv', `${HEADER}\n${row('E0')}\n${row('P2')}\n${row('P2')}\n`)),
    ).toEqual([
      "P2/2025-26.csv:3 [Div]: division 'P2' is not one the importer knows by name: its matches are stored as a league of Portugal called 'P2'",
    ]);
    expect(warnings(x9File)).toEqual([
      "X9/2025-26.csv:2 [Div]: division 'X9' is not one the importer knows by name: its matches are stored as a region and league of their own, both called 'X9'",
    ]);
  });

  it('says which price columns it does not import: an unknown bookmaker, an opening price where closing ones are read', () => {
    const header = `${HEADER},ZZH,ZZD,ZZA,B365>2.5,B365<2.5,ZZ>2.5,ZZ<2.5,AHh,B365AHH,B365AHA`;
    const file = parse(
      'E0/2025-26.csv',
      `${header}\nE0,16/08/2025,15:00,Arsenal,Leeds,2,0,H,1.5,4,6,1.6,4.2,6.5,1.8,2,1.9,1.95,-1,1.9,1.9\n`,
    );
    expect(file.matches).toHaveLength(1);
    expect(file.matches[0]?.odds.map((o) => o.bookmaker)).toEqual(['b365']);
    expect(warnings(file)).toEqual([
      'E0/2025-26.csv:1: price columns ZZH/ZZD/ZZA, ZZ>2.5/ZZ<2.5 not imported: the importer reads the bookmakers it knows only (docs/notes/ingest.md, "Odds")',
    ]);
    // The new-leagues history files carry closing prices; opening ones there would be dropped.
    const newLeagues =
      'Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA,B365H,B365D,B365A\n' +
      'Japan,J1 League,2025,01/03/2025,06:00,Kashima,Urawa,1,0,H,2.1,3.3,3.6,2.0,3.4,3.7\n';
    expect(warnings(parse('new/JPN.csv', newLeagues))).toEqual([
      `new/JPN.csv:1: price columns B365H/B365D/B365A not imported: the importer reads this layout's closing prices only (docs/notes/ingest.md, "Odds")`,
    ]);
    // A file whose every price is read says nothing.
    expect(
      warnings(parse('E0/2025-26.csv', `${HEADER}\nE0,16/08/2025,15:00,Arsenal,Leeds,2,0,H,1.5,4,6\n`)),
    ).toEqual([]);
  });

  it('reads one club under one name whatever form of Unicode and spaces the file writes it in', () => {
    const rows = [
      'D2,02/08/2024,19:30,Preu\u00dfen M\u00fcnster,Hamburg,1,2,A,3.1,3.4,2.2', // composed, as typed
      'D2,09/08/2024,19:30,Hamburg,Preu\u00dfen Mu\u0308nster,2,0,H,1.6,4,5', // decomposed, as macOS saves
      'D2,16/08/2024,19:30,Preu\u00dfen\u00a0M\u00fcnster,K\u00f6ln,0,0,D,3,3.3,2.3', // a no-break space
      'D2,23/08/2024,19:30,K\u00f6ln,Preu\u00dfen  M\u00fcnster,1,1,D,1.8,3.8,4.2', // doubled
    ];
    const parsed = parse('D2/2024-25.csv', [HEADER, ...rows].join('\n'));
    expect(parsed.skipped).toEqual([]);
    const names = new Set(parsed.matches.flatMap((m) => [m.homeTeam, m.awayTeam]));
    expect([...names].sort()).toEqual(['Hamburg', 'K\u00f6ln', 'Preu\u00dfen M\u00fcnster']);
    // An alias written in another form (decomposed, a no-break space) still matches, and names its club once.
    const teamName = teamNameResolver({
      GER: { 'Preu\u00dfen\u00a0Mu\u0308nster': 'SC Preu\u00dfen  M\u00fcnster' },
    });
    const aliased = parseFootballDataFile(
      'D2/2024-25.csv',
      new TextEncoder().encode([HEADER, ...rows].join('\n')),
      {
        nowMs: NOW,
        teamName,
      },
    );
    expect(new Set(aliased.matches.flatMap((m) => [m.homeTeam, m.awayTeam]))).toContain(
      'SC Preu\u00dfen M\u00fcnster',
    );
    expect(aliased.matches.every((m) => m.homeTeam !== 'Preu\u00dfen M\u00fcnster')).toBe(true);
  });

  it.each([
    ['semicolons', ';'],
    ['tabs', '\t'],
  ])(
    'refuses a match file separated by %s by name, where it was ignored as some other CSV',
    (name, separator) => {
      const row = 'D2,02/08/2024,19:30,Hamburg,Koln,1,2,A,3.1,3.4,2.2';
      const text = `${HEADER.replaceAll(',', separator)}\n${row.replaceAll(',', separator).replaceAll('.', ',')}\n`;
      const parsed = parse('D2/2024-25.csv', text);
      expect(parsed.matches).toEqual([]);
      expect(parsed.skipped).toEqual([
        {
          file: 'D2/2024-25.csv',
          line: 1,
          kind: 'rejected-file',
          reason: `fields separated by ${name}, not commas: save the file as comma-separated CSV`,
        },
      ]);
      // Other CSVs beside the data (a manifest) are still passed over, as before.
      expect(parse('MANIFEST.csv', 'file;sha256\nE0.csv;abc\n').skipped[0]?.kind).toBe('unrecognised-file');
    },
  );
});
