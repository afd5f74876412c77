/**
 * Recognises which of the three CSV layouts a header belongs to and resolves the column positions once per
 * file, so each row is read by index.
 */
import { FOOTBALL_DATA_ODDS, FOOTYSTATS_ODDS, NEW_LEAGUE_ODDS, type OddsColumns } from './bookmakers.ts';

export interface OddsIndex {
  readonly bookmaker: string;
  readonly kind: OddsColumns['kind'];
  readonly home: number;
  readonly draw: number;
  readonly away: number;
}

/** Match-statistic columns (−1 when absent); only football-data main-league files carry them. */
export interface StatsIndex {
  readonly homeShots: number;
  readonly awayShots: number;
  readonly homeShotsTarget: number;
  readonly awayShotsTarget: number;
  readonly homeCorners: number;
  readonly awayCorners: number;
}

interface CommonColumns {
  readonly date: number;
  readonly time: number; // -1 when absent
  readonly home: number;
  readonly away: number;
  readonly homeGoals: number;
  readonly awayGoals: number;
  readonly odds: readonly OddsIndex[];
  /** Null when the header has none of the statistic columns. */
  readonly stats: StatsIndex | null;
}

export type Layout =
  | ({ readonly format: 'main'; readonly div: number } & CommonColumns)
  | ({
      readonly format: 'new';
      readonly country: number;
      readonly league: number;
      readonly season: number;
    } & CommonColumns)
  | ({ readonly format: 'footystats' } & CommonColumns);

function oddsIndexes(columns: readonly OddsColumns[], at: (name: string) => number): OddsIndex[] {
  const found: OddsIndex[] = [];
  for (const c of columns) {
    const home = at(c.home);
    const draw = at(c.draw);
    const away = at(c.away);
    if (home >= 0 && draw >= 0 && away >= 0)
      found.push({ bookmaker: c.bookmaker, kind: c.kind, home, draw, away });
  }
  return found;
}

/** The layout of a header row, or an error message naming what is missing. */
export function detectLayout(header: readonly string[]): Layout | string {
  const names = header.map((h) => h.trim().replace(/^\ufeff/, ''));
  const at = (...candidates: string[]) => {
    for (const c of candidates) {
      const i = names.indexOf(c);
      if (i >= 0) return i;
    }
    return -1;
  };
  const time = at('Time');
  const statColumns: StatsIndex = {
    homeShots: at('HS'),
    awayShots: at('AS'),
    homeShotsTarget: at('HST'),
    awayShotsTarget: at('AST'),
    homeCorners: at('HC'),
    awayCorners: at('AC'),
  };
  const stats = Object.values(statColumns).some((i) => i >= 0) ? statColumns : null;
  if (at('Country') >= 0 && at('Home') >= 0) {
    const cols = {
      country: at('Country'),
      league: at('League'),
      season: at('Season'),
      date: at('Date'),
      home: at('Home'),
      away: at('Away'),
      homeGoals: at('HG'),
      awayGoals: at('AG'),
    };
    const missing = Object.entries(cols).filter(([, i]) => i < 0);
    if (missing.length > 0) return `new-leagues header lacks ${missing.map(([k]) => k).join(', ')}`;
    return { format: 'new', ...cols, time, odds: oddsIndexes(NEW_LEAGUE_ODDS, at), stats: null };
  }
  const cols = {
    date: at('Date'),
    home: at('HomeTeam', 'HT'),
    away: at('AwayTeam', 'AT'),
    homeGoals: at('FTHG', 'HG'),
    awayGoals: at('FTAG', 'AG'),
  };
  const missing = Object.entries(cols).filter(([, i]) => i < 0);
  if (missing.length > 0) {
    return `unrecognised header (no ${missing.map(([k]) => k).join(', ')} column): ${names.slice(0, 8).join(',')}`;
  }
  const div = at('Div');
  if (div >= 0) {
    return { format: 'main', div, ...cols, time, odds: oddsIndexes(FOOTBALL_DATA_ODDS, at), stats };
  }
  return { format: 'footystats', ...cols, time, odds: oddsIndexes(FOOTYSTATS_ODDS, at), stats: null };
}

/** Columns only a match file has: a header with none of them is some other CSV (e.g. MANIFEST.csv). */
const MATCH_COLUMNS = new Set([
  'Div',
  'Date',
  'HomeTeam',
  'AwayTeam',
  'HT',
  'AT',
  'Home',
  'Away',
  'FTHG',
  'FTAG',
  'HG',
  'AG',
  'FTR',
  'Res',
]);

/** True when a header names at least one match column, so a layout it fails is a wrong header, not another file. */
export function looksLikeMatchHeader(header: readonly string[]): boolean {
  return header.some((h) => MATCH_COLUMNS.has(h.trim().replace(/^\ufeff/, '')));
}

/**
 * True for football-data's upcoming-fixtures files (`fixtures.csv`, `new_league_fixtures.csv`): teams and a date
 * but no result columns at all. Not imported yet (issue #13), so they are skipped like other non-result files.
 */
export function looksLikeFixturesHeader(header: readonly string[]): boolean {
  const names = new Set(header.map((h) => h.trim().replace(/^\ufeff/, '')));
  const has = (...any: string[]) => any.some((n) => names.has(n));
  return (
    has('Date') &&
    has('HomeTeam', 'HT', 'Home') &&
    has('AwayTeam', 'AT', 'Away') &&
    !has('FTHG', 'FTAG', 'HG', 'AG', 'FTR', 'Res')
  );
}
