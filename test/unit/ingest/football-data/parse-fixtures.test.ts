import { describe, expect, it } from 'vitest';
import { parseFootballDataFile } from '../../../../src/ingest/football-data/parse-file.ts';

const bytes = (text: string, bom = false) =>
  new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...new TextEncoder().encode(text)]);

describe('parseFootballDataFile — upcoming fixtures', () => {
  const header = 'Div,Date,Time,HomeTeam,AwayTeam,Referee,B365H,B365D,B365A,B365CH,B365CD,B365CA';
  const SEPTEMBER = Date.parse('2025-09-22T12:00:00Z');
  const fixtures = (text: string, nowMs = SEPTEMBER) =>
    parseFootballDataFile('fixtures.csv', bytes(text, true), { nowMs });

  it('reads fixtures.csv rows as scheduled matches with UK time → UTC across the clock change', () => {
    const text =
      `${header}\r\nB1,23/09/2025,19:45,Genk,Gent,,2,3.5,3.4,,,\r\n` +
      'SP1,26/10/2025,20:00,Getafe,Girona,,2.1,3.2,3.6,,,\r\n,,,,,,,,,,,\r\n';
    const parsed = fixtures(text);
    expect(parsed).toMatchObject({ format: 'main', fixtures: true, rowsRead: 3 });
    const [genk, getafe] = parsed.matches;
    expect(genk).toMatchObject({
      sourceKey: 'football-data|B1|2025-09-23|Genk|Gent',
      season: '2025-26',
      status: 'scheduled',
      homeScore: null,
      odds: [{ bookmaker: 'b365', kind: 'opening', home: 2, draw: 3.5, away: 3.4 }],
    });
    expect(new Date(genk?.startTimeMs ?? 0).toISOString()).toBe('2025-09-23T18:45:00.000Z');
    // 26 October 2025 is the first day of GMT again.
    expect(new Date(getafe?.startTimeMs ?? 0).toISOString()).toBe('2025-10-26T20:00:00.000Z');
    // Still scheduled when the file is read after a kick-off: only a result finishes a fixture.
    expect(fixtures(text, Date.parse('2025-12-01T00:00:00Z')).matches[0]?.status).toBe('scheduled');
  });

  it('reads new_league_fixtures.csv (no Season column: the calendar year until results say otherwise)', () => {
    const text =
      'Country,League,Date,Time,Home,Away,PH,PD,PA,MaxH,MaxD,MaxA,AvgH,AvgD,AvgA\r\n' +
      'Brazil,Serie A,27/09/2025,22:30,Flamengo,Palmeiras,,,,2.2,3.4,3.6,2.1,3.3,3.5\r\n' +
      'Brazil,Serie A,28/09/2025,20:00,Santos,Bahia,2.05,3.3,3.9,2.2,3.5,4.1,2.0,3.3,3.8\r\n';
    const parsed = fixtures(text);
    const [m, priced] = parsed.matches;
    expect(m).toMatchObject({
      sourceKey: 'football-data|new:BRA|2025-09-27|Flamengo|Palmeiras',
      competition: 'Serie A',
      season: '2025',
      status: 'scheduled',
    });
    expect(m?.odds.map((o) => `${o.bookmaker}/${o.kind}`)).toEqual([
      'market_avg/opening',
      'market_max/opening',
    ]);
    // PH/PD/PA are Pinnacle's pre-match prices: read, so no price column of the file goes unread or unsaid.
    expect(priced?.odds).toContainEqual({
      bookmaker: 'pinnacle',
      kind: 'opening',
      home: 2.05,
      draw: 3.3,
      away: 3.9,
    });
    expect(parsed.skipped.filter((p) => p.kind === 'unread-prices')).toEqual([]);
    expect(new Date(m?.startTimeMs ?? 0).toISOString()).toBe('2025-09-27T21:30:00.000Z');
  });

  it('rejects the whole file when a date or time cannot be read, or kick-off times are missing', () => {
    const badDate = fixtures(
      `${header}\r\nB1,23/09/2025,19:45,Genk,Gent,,,,,,,\r\nB1,2025.09.24,19:45,Gent,Genk,,,,,,,\r\n`,
    );
    expect(badDate.matches).toEqual([]);
    expect(badDate.skipped).toEqual([
      expect.objectContaining({
        line: 3,
        column: 'Date',
        kind: 'rejected-file',
        reason: expect.stringMatching(/unreadable kick-off: invalid date/),
      }),
    ]);
    const zoned = fixtures(`${header}\r\nB1,23/09/2025,19:45 CET,Genk,Gent,,,,,,,\r\n`);
    expect(zoned.skipped).toEqual([
      expect.objectContaining({ line: 2, column: 'Time', kind: 'rejected-file' }),
    ]);
    const noTime = fixtures('Div,Date,HomeTeam,AwayTeam\r\nB1,23/09/2025,Genk,Gent\r\n');
    expect(noTime.skipped).toEqual([
      expect.objectContaining({
        kind: 'rejected-file',
        reason: 'fixtures file without a Time column: kick-offs cannot be read',
      }),
    ]);
  });

  it('maps team names through the alias table, per region', () => {
    const text = `${header}\r\nSP1,23/09/2025,18:00,Athletic Club,Girona,,,,,,,\r\n`;
    const teamName = (region: string, name: string) =>
      region === 'ESP' && name === 'Athletic Club' ? 'Ath Bilbao' : name;
    const [m] = parseFootballDataFile('fixtures.csv', bytes(text), { nowMs: SEPTEMBER, teamName }).matches;
    expect(m).toMatchObject({
      homeTeam: 'Ath Bilbao',
      sourceKey: 'football-data|SP1|2025-09-23|Ath Bilbao|Girona',
    });
  });
});
