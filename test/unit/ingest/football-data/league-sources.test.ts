/**
 * One source per league, whatever each source calls it: FootyStats names a league after its file, football-data
 * by its own table, and the two spellings of one league must meet.
 */
import { describe, expect, it } from 'vitest';
import {
  coveredByFootballData,
  type LeagueSpans,
  noteLeagueSpan,
} from '../../../../src/ingest/football-data/league-sources.ts';
import { parseFootballDataFile } from '../../../../src/ingest/football-data/parse-file.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const parse = (file: string, text: string) =>
  parseFootballDataFile(file, new TextEncoder().encode(text), { nowMs: NOW }).matches;
const FOOTBALL_DATA = 'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR\n';
const FOOTYSTATS = 'Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,HomeXG,AwayXG\n';

describe('coveredByFootballData', () => {
  it.each([
    ['E1', 'ENGLAND_EFL_CHAMPIONSHIP_all.csv'],
    ['D2', 'GERMANY_2_BUNDESLIGA_all.csv'],
    ['SP2', 'SPAIN_SEGUNDA_DIVISIÓN_all.csv'],
    ['T1', 'TURKEY_SÜPER_LIG_all.csv'],
    ['B1', 'BELGIUM_PRO_LEAGUE_all.csv'],
    ['SC0', 'SCOTLAND_PREMIERSHIP_all.csv'],
  ])('takes %s and a FootyStats file %s for one league', (div, file) => {
    const spans: LeagueSpans = new Map();
    for (const m of parse(`${div}/2024-25.csv`, `${FOOTBALL_DATA}${div},10/08/2024,15:00,A,B,1,0,H\n`))
      noteLeagueSpan(spans, m);
    const [row] = parse(`leagues/${file}`, `${FOOTYSTATS}2024-09-14,15:00:00,C,D,2.0,1.0,1.1,0.7\n`);
    expect(row?.sex).toBe(0);
    expect(row && coveredByFootballData(row, spans)).toBe(true);
  });

  it("keeps a league football-data does not cover, even one of a covered league's name in another country", () => {
    const spans: LeagueSpans = new Map();
    for (const m of parse('E1/2024-25.csv', `${FOOTBALL_DATA}E1,10/08/2024,15:00,A,B,1,0,H\n`))
      noteLeagueSpan(spans, m);
    const [scottish] = parse(
      'leagues/SCOTLAND_CHAMPIONSHIP_all.csv',
      `${FOOTYSTATS}2024-09-14,15:00:00,C,D,2.0,1.0,1.1,0.7\n`,
    );
    const [league1] = parse(
      'leagues/ENGLAND_EFL_LEAGUE_ONE_all.csv',
      `${FOOTYSTATS}2024-09-14,15:00:00,C,D,2.0,1.0,1.1,0.7\n`,
    );
    expect(scottish && coveredByFootballData(scottish, spans)).toBe(false);
    expect(league1 && coveredByFootballData(league1, spans)).toBe(false);
  });
});
