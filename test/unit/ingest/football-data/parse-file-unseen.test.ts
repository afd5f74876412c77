/**
 * Files of leagues and exports not met while building the reader, as an outside audit made them: a men's league in
 * FootyStats' layout, team names respelled by the tool that saved the file, and a spreadsheet's semicolon or tab
 * export. Each is read as what it is, or refused by name; none is dropped without a word.
 */
import { describe, expect, it } from 'vitest';
import { parseFootballDataFile } from '../../../../src/ingest/football-data/parse-file.ts';
import { teamNameResolver } from '../../../../src/ingest/football-data/team-aliases.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const parse = (file: string, text: string) =>
  parseFootballDataFile(file, new TextEncoder().encode(text), { nowMs: NOW });
const HEADER = 'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A';

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
    const [x9] = parse('X9/2025-26.csv', `${HEADER}\n${row('X9')}\n`).matches;
    expect(x9).toMatchObject({ region: { code: 'X9', name: 'X9' }, competition: 'X9' });
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
