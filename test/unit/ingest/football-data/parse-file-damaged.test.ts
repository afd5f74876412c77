/**
 * Main-league files damaged as an audit found them: a header whose Div is renamed, removed or hidden behind a BOM
 * misread as Windows-1252 (they were read as a FootyStats women's league), and a row that stops before its score
 * (it was read as a match without a result).
 */
import { describe, expect, it } from 'vitest';
import { parseFootballDataFile } from '../../../../src/ingest/football-data/parse-file.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const HEADER = 'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A';
const ROW = 'E0,15/08/2025,20:00,Liverpool,Bournemouth,4,2,H,1.3,6,8.5';
const BOM = [0xef, 0xbb, 0xbf];
const parse = (file: string, bytes: Uint8Array) => parseFootballDataFile(file, bytes, { nowMs: NOW });
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseFootballDataFile on damaged main-league files', () => {
  it.each([
    ['renamed', utf8(`${HEADER.replace('Div', 'Division')}\n${ROW}\n`)],
    ['removed', utf8(`${HEADER.replace('Div,', '')}\n${ROW.replace('E0,', '')}\n`)],
  ])('rejects the whole file when its Div column is %s, saying what is missing', (_, bytes) => {
    const parsed = parse('E0.csv', bytes);
    expect(parsed.matches).toEqual([]);
    expect(parsed.skipped).toEqual([
      {
        file: 'E0.csv',
        line: 1,
        kind: 'rejected-file',
        reason: 'wrong header: no Div column (and not a FootyStats file: no HomeXG, AwayXG)',
      },
    ]);
  });

  it('rejects a file cut off inside its header, which read as imported with nothing in it', () => {
    const parsed = parse('E0.csv', utf8(HEADER.slice(0, 50)));
    expect(parsed.skipped).toEqual([
      {
        file: 'E0.csv',
        line: 1,
        kind: 'rejected-file',
        reason: 'the file ends inside its header (no line end): cut off, fetch it again',
      },
    ]);
    // A header-only file ends its line: a season not begun yet.
    expect(parse('E0.csv', utf8(`${HEADER}\r\n`)).skipped).toEqual([]);
  });

  it('rejects a header naming a read column twice (Bet365 prices were silently dropped), not an unread one', () => {
    const parsed = parse('E0.csv', utf8(`${HEADER.replace('B365H', 'B365D')}\n${ROW}\n`));
    expect(parsed.matches).toEqual([]);
    expect(parsed.skipped[0]?.reason).toBe(
      'wrong header: column B365D appears twice (fields 9 and 10): which one holds its values is unknown',
    );
    // The 2004-05 Bundesliga 2 file names an unused LB column twice.
    expect(parse('D2.csv', utf8(`${HEADER},LB,LB\n${ROW},,\n`)).matches).toHaveLength(1);
  });

  it('shows no C1 control character of a header cell in the rejection (U+009B is a terminal escape)', () => {
    const parsed = parse('E0.csv', utf8(`${HEADER.replace('HomeTeam', '\u009b31mRED')}\n${ROW}\n`));
    const [rejected] = parsed.skipped;
    expect(rejected).toMatchObject({ kind: 'rejected-file', reason: expect.stringMatching(/not text/) });
    expect(rejected?.column).toBe('\ufffd31mRED');
  });

  it('rejects a UTF-16 file naming a column without its NULs (they garbled the terminal and broke the sync)', () => {
    const parsed = parse('B1.csv', new Uint8Array(Buffer.from(`\ufeff${HEADER}\n${ROW}\n`, 'utf16le')));
    expect(parsed.matches).toEqual([]);
    const [rejected] = parsed.skipped;
    expect(rejected).toMatchObject({ kind: 'rejected-file', reason: expect.stringMatching(/not text/) });
    const text = `${rejected?.column}${rejected?.reason}`;
    expect([...text].filter((c) => c.charCodeAt(0) < 0x20)).toEqual([]);
  });

  it('finds Div in a UTF-8 BOM file whose one Windows-1252 byte sends the rest to cp1252', () => {
    const text = `${HEADER}\n${ROW}\nE0,16/08/2025,15:00,M\u00fcnchen,Hamburg,5,0,H,1.5,4,6\n`;
    const parsed = parse('E0.csv', new Uint8Array([...BOM, ...Buffer.from(text, 'latin1')]));
    expect(parsed).toMatchObject({ format: 'main', encoding: 'windows-1252', skipped: [] });
    expect(parsed.matches.map((m) => [m.region.code, m.homeTeam, m.odds[0]?.bookmaker])).toEqual([
      ['ENG', 'Liverpool', 'b365'],
      ['ENG', 'München', 'b365'],
    ]);
    // UK time, not the FootyStats files' UTC−3.
    expect(new Date(parsed.matches[0]!.startTimeMs).toISOString()).toBe('2025-08-15T19:00:00.000Z');
  });

  it('reports a row that stops before its score instead of reading it as a match without a result', () => {
    const parsed = parse('E0.csv', utf8(`${HEADER}\n${ROW}\nE0,16/08/2025,15:00,Arsenal,Wes\n`));
    expect(parsed.matches.map((m) => m.homeTeam)).toEqual(['Liverpool']);
    expect(parsed.skipped).toEqual([
      {
        file: 'E0.csv',
        line: 3,
        column: 'FTHG',
        kind: 'malformed',
        reason: 'row ends before the home goals',
      },
    ]);
  });
});
