import { describe, expect, it } from 'vitest';
import {
  fixturesAsOf,
  readProviderTable,
  resultsAsOf,
} from '../../../../src/ingest/replay/provider-snapshot.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const rows = (text: string) =>
  text
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));

// Kick-offs in UK time (BST in October: UTC+1).
const MAIN = readProviderTable(
  bytes(
    '\ufeffDiv,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HS,AS,B365H,B365D,B365A,PSCH,PSCD,PSCA\r\n' +
      'E0,18/10/2025,15:00,Arsenal,Fulham,1,0,H,10,5,1.5,4,6,1.45,4.2,6.5\r\n' +
      'E0,20/10/2025,20:00,Leeds,Everton,2,2,D,8,9,2.5,3.2,2.9,2.4,3.3,3\r\n',
  ),
);
const NEW = readProviderTable(
  bytes(
    'Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA\r\n' +
      'Japan,J1,2025,19/10/2025,06:00,Kobe,Urawa,1,1,D,2.1,3.2,3.6\r\n' +
      'Japan,J1,2025,22/10/2025,10:00,Kashima,Gamba,2,0,H,1.9,3.4,4\r\n',
  ),
);
const at = (iso: string) => Date.parse(iso);

describe('the provider files as they were at an instant', () => {
  it('publishes a result two hours after kick-off, and nothing before the first one', () => {
    expect(resultsAsOf(MAIN, at('2025-10-18T13:00:00Z'))).toBeNull();
    expect(rows(resultsAsOf(MAIN, at('2025-10-18T16:00:00Z')) ?? '')).toHaveLength(2);
    expect(rows(resultsAsOf(MAIN, at('2025-10-21T00:00:00Z')) ?? '')).toHaveLength(3);
  });

  it('lists the next week without results, with pre-match prices once collected and without closing ones', () => {
    const [header, ...fixtures] = rows(fixturesAsOf([MAIN], at('2025-10-18T00:00:00Z'), 'main'));
    expect(header).toEqual([
      'Div',
      'Date',
      'Time',
      'HomeTeam',
      'AwayTeam',
      'B365H',
      'B365D',
      'B365A',
      'PSCH',
      'PSCD',
      'PSCA',
    ]);
    expect(fixtures).toEqual([
      ['E0', '18/10/2025', '15:00', 'Arsenal', 'Fulham', '1.5', '4', '6', '', '', ''],
      ['E0', '20/10/2025', '20:00', 'Leeds', 'Everton', '2.5', '3.2', '2.9', '', '', ''],
    ]);
    // Listed a week ahead, priced only from football-data's collection (Friday 17 October, 15:00 UTC).
    expect(rows(fixturesAsOf([MAIN], at('2025-10-17T14:59:00Z'), 'main')).slice(1)).toEqual([
      ['E0', '18/10/2025', '15:00', 'Arsenal', 'Fulham', '', '', '', '', '', ''],
      ['E0', '20/10/2025', '20:00', 'Leeds', 'Everton', '', '', '', '', '', ''],
    ]);
    expect(rows(fixturesAsOf([MAIN], at('2025-10-17T15:00:00Z'), 'main'))[1]?.slice(5, 8)).toEqual([
      '1.5',
      '4',
      '6',
    ]);
    // Kicked off: no longer a fixture.
    expect(rows(fixturesAsOf([MAIN], at('2025-10-18T14:00:00Z'), 'main'))).toHaveLength(2);
  });

  it("publishes a closing-only league's prices with its fixture from a day before kick-off", () => {
    const [header, kobe, kashima] = rows(fixturesAsOf([NEW], at('2025-10-19T00:00:00Z'), 'new'));
    expect(header).toEqual([
      'Country',
      'League',
      'Season',
      'Date',
      'Time',
      'Home',
      'Away',
      'PSCH',
      'PSCD',
      'PSCA',
    ]);
    expect(kobe?.slice(-3)).toEqual(['2.1', '3.2', '3.6']);
    expect(kashima?.slice(-3)).toEqual(['', '', '']);
  });
});
