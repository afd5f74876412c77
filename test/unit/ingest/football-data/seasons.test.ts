import { describe, expect, it } from 'vitest';
import { parseFootballDataFile } from '../../../../src/ingest/football-data/parse-file.ts';
import {
  autumnSeason,
  normaliseSeasonLabel,
  playsCalendarYears,
  seasonFromPath,
} from '../../../../src/ingest/football-data/seasons.ts';

describe('season helpers', () => {
  it('tell calendar-year leagues from autumn–spring ones by where their break falls', () => {
    const months = (...ms: number[]) => ms.map((month) => ({ year: 2024, month, day: 1 }));
    expect(playsCalendarYears(months(3, 4, 5, 6, 7, 8, 9, 10, 11))).toBe(true);
    expect(playsCalendarYears(months(8, 9, 10, 11, 12, 1, 2, 3, 4, 5))).toBe(false);
    // A southern-hemisphere summer league (November to April) spans the new year: autumn–spring labels.
    expect(playsCalendarYears(months(11, 12, 1, 2, 3, 4))).toBe(false);
    // Nothing to judge by: autumn–spring, as most leagues.
    expect(playsCalendarYears(months(3, 4, 5))).toBe(false);
    expect(playsCalendarYears([])).toBe(false);
  });

  it('derive and normalise season labels', () => {
    expect(normaliseSeasonLabel('2012/2013')).toBe('2012-13');
    expect(normaliseSeasonLabel(' 2026 ')).toBe('2026');
    expect(autumnSeason({ year: 2026, month: 7, day: 1 })).toBe('2026-27');
    expect(autumnSeason({ year: 2000, month: 6, day: 30 })).toBe('1999-00');
    expect(seasonFromPath('/x/E0/1999-00.csv')).toBe('1999-00');
    expect(seasonFromPath('/x/E0.csv')).toBeUndefined();
  });
});

describe("the seasons of a women's league not known by name", () => {
  const parse = (file: string, text: string) =>
    parseFootballDataFile(file, new TextEncoder().encode(text), {
      nowMs: Date.parse('2026-11-22T12:00:00Z'),
    });
  it('gives a league it does not know by name the kind of season its dates show', () => {
    const header = 'Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,HomeXG,AwayXG';
    // A spring-to-autumn league (matches from March to November, none in December or January)…
    const spring = [
      '2023-03-25,15:00:00,Valur,Breidablik,1.0,0.0,0,0',
      '2023-07-08,15:00:00,Breidablik,Valur,2.0,2.0,0,0',
      '2023-10-01,15:00:00,Valur,Stjarnan,3.0,1.0,0,0',
      '2024-04-20,15:00:00,Stjarnan,Valur,0.0,1.0,0,0',
    ];
    const iceland = parse('women/ICELAND_BESTA_DEILD_KVENNA_all.csv', [header, ...spring].join('\n'));
    expect(iceland.matches.map((m) => m.season)).toEqual(['2023', '2023', '2023', '2024']);
    expect(iceland.matches[0]).toMatchObject({
      competition: 'Besta Deild Kvenna',
      region: { name: 'Iceland (women)' },
    });
    // …and one playing through the winter, with a summer break.
    const winter = [
      '2023-09-16,14:00:00,Wolfsburg,Bayern,1.0,1.0,0,0',
      '2023-12-10,14:00:00,Bayern,Essen,3.0,0.0,0,0',
      '2024-01-28,14:00:00,Essen,Wolfsburg,0.0,2.0,0,0',
      '2024-05-12,14:00:00,Wolfsburg,Essen,4.0,0.0,0,0',
    ];
    const germany = parse('women/GERMANY_FRAUEN_BUNDESLIGA_all.csv', [header, ...winter].join('\n'));
    expect(germany.matches.map((m) => m.season)).toEqual(['2023-24', '2023-24', '2023-24', '2023-24']);
  });
});
