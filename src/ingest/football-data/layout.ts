/**
 * Recognises which of the three CSV layouts a header belongs to and resolves the column positions once per
 * file, so each row is read by index.
 */
import {
  FOOTBALL_DATA_ODDS,
  FOOTBALL_DATA_OVER_UNDER,
  FOOTYSTATS_ODDS,
  FOOTYSTATS_OVER_UNDER,
  NEW_LEAGUE_FIXTURE_ODDS,
  NEW_LEAGUE_ODDS,
  type OddsColumns,
  type OverUnderColumns,
} from './bookmakers.ts';
import { headerName } from './text-positions.ts';

export interface OddsIndex {
  readonly bookmaker: string;
  readonly kind: OddsColumns['kind'];
  readonly home: number;
  readonly draw: number;
  readonly away: number;
}

export interface OverUnderIndex {
  readonly bookmaker: string;
  readonly kind: OverUnderColumns['kind'];
  readonly over: number;
  readonly under: number;
}

/**
 * Match-statistic columns (−1 when absent): football-data main-league files carry all six, FootyStats files shots
 * on target, corners and expected goals (no total shots), the new-leagues files none.
 */
export interface StatsIndex {
  readonly homeShots: number;
  readonly awayShots: number;
  readonly homeShotsTarget: number;
  readonly awayShotsTarget: number;
  readonly homeCorners: number;
  readonly awayCorners: number;
  /** Expected goals (FootyStats files only). */
  readonly homeXg: number;
  readonly awayXg: number;
}

interface CommonColumns {
  readonly date: number;
  readonly time: number; // -1 when absent
  readonly home: number;
  readonly away: number;
  readonly homeGoals: number; // -1 in an upcoming-fixtures file
  readonly awayGoals: number;
  /** The result letter (FTR, Res), checked against the score; −1 when absent. */
  readonly result: number;
  /** An upcoming-fixtures file (`fixtures.csv`, `new_league_fixtures.csv`): no result columns, every row a fixture. */
  readonly fixtures: boolean;
  readonly odds: readonly OddsIndex[];
  /** Over/under 2.5 goals price pairs present in the header. */
  readonly overUnder: readonly OverUnderIndex[];
  /** Null when the header has none of the statistic columns. */
  readonly stats: StatsIndex | null;
}

export type Layout =
  | ({ readonly format: 'main'; readonly div: number } & CommonColumns)
  | ({
      readonly format: 'new';
      readonly country: number;
      readonly league: number;
      readonly season: number; // -1 in new_league_fixtures.csv
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

function overUnderIndexes(
  columns: readonly OverUnderColumns[],
  at: (name: string) => number,
): OverUnderIndex[] {
  const found: OverUnderIndex[] = [];
  for (const c of columns) {
    const over = at(c.over);
    const under = at(c.under);
    if (over >= 0 && under >= 0) found.push({ bookmaker: c.bookmaker, kind: c.kind, over, under });
  }
  return found;
}

/**
 * Columns only the FootyStats-derived files carry (all six shared files, the shortest header included), which
 * football-data never writes: a header is read as FootyStats only when it has them.
 */
const FOOTYSTATS_COLUMNS = ['HomeXG', 'AwayXG'] as const;

/**
 * The layout of a header row, or an error message naming what is missing. Each layout is chosen only when the
 * header carries its required columns: `Country` and `Home` (new leagues), `Div` (main leagues), `HomeXG` and
 * `AwayXG` (FootyStats); a header matching none is no layout at all, never a fallback to another.
 */
export function detectLayout(header: readonly string[]): Layout | string {
  const names = header.map(headerName);
  const twice = repeatedColumn(names);
  if (twice !== null) return twice;
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
    homeXg: at('HomeXG'),
    awayXg: at('AwayXG'),
  };
  const stats = Object.values(statColumns).some((i) => i >= 0) ? statColumns : null;
  const fixtures = looksLikeFixturesHeader(names);
  // Columns a fixtures file has no use for: no result yet, and new_league_fixtures.csv names no season.
  const optional = new Set(fixtures ? ['homeGoals', 'awayGoals', 'season'] : []);
  const lacking = (cols: Record<string, number>) =>
    Object.entries(cols).filter(([k, i]) => i < 0 && !optional.has(k));
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
    const missing = lacking(cols);
    if (missing.length > 0) return `new-leagues header lacks ${missing.map(([k]) => k).join(', ')}`;
    // The history files carry closing prices only; the fixtures file the pre-match ones.
    const odds = oddsIndexes(fixtures ? NEW_LEAGUE_FIXTURE_ODDS : NEW_LEAGUE_ODDS, at);
    // The new-leagues files carry no over/under prices.
    const result = at('Res');
    return { format: 'new', ...cols, result, time, fixtures, odds, overUnder: [], stats: null };
  }
  const cols = {
    date: at('Date'),
    home: at('HomeTeam', 'HT'),
    away: at('AwayTeam', 'AT'),
    homeGoals: at('FTHG', 'HG'),
    awayGoals: at('FTAG', 'AG'),
  };
  const missing = lacking(cols);
  if (missing.length > 0) {
    return `unrecognised header (no ${missing.map(([k]) => k).join(', ')} column): ${names.slice(0, 8).join(',')}`;
  }
  const result = at('FTR', 'Res');
  const div = at('Div');
  if (div >= 0) {
    const odds = oddsIndexes(FOOTBALL_DATA_ODDS, at);
    const overUnder = overUnderIndexes(FOOTBALL_DATA_OVER_UNDER, at);
    return { format: 'main', div, ...cols, result, time, fixtures, odds, overUnder, stats };
  }
  if (fixtures) return `fixtures header without Div or Country: ${names.slice(0, 8).join(',')}`;
  // Without its own columns a header lacking Div is a damaged football-data file (Div renamed, dropped or garbled),
  // and read as FootyStats it would land in a women's region, four hours off, its Bet365 prices as FootyStats'.
  const notFootyStats = FOOTYSTATS_COLUMNS.filter((c) => at(c) < 0);
  if (notFootyStats.length > 0) {
    return `no Div column (and not a FootyStats file: no ${notFootyStats.join(', ')})`;
  }
  const odds = oddsIndexes(FOOTYSTATS_ODDS, at);
  const overUnder = overUnderIndexes(FOOTYSTATS_OVER_UNDER, at);
  return { format: 'footystats', ...cols, result, time, fixtures, odds, overUnder, stats };
}

/** Every column some layout reads: a header naming one of them twice leaves its values in doubt. */
const READ_COLUMNS: ReadonlySet<string> = new Set([
  ...['Div', 'Date', 'Time', 'HomeTeam', 'AwayTeam', 'HT', 'AT', 'Home', 'Away', 'FTHG', 'FTAG', 'HG', 'AG'],
  ...['FTR', 'Res', 'Country', 'League', 'Season', 'HS', 'AS', 'HST', 'AST', 'HC', 'AC', 'HomeXG', 'AwayXG'],
  ...[...NEW_LEAGUE_FIXTURE_ODDS, ...FOOTYSTATS_ODDS].flatMap((c) => [c.home, c.draw, c.away]),
  ...[...FOOTBALL_DATA_OVER_UNDER, ...FOOTYSTATS_OVER_UNDER].flatMap((c) => [c.over, c.under]),
]);

/**
 * A read column named twice (a `B365D` where `B365H` belongs silently dropped Bet365's prices), or null. Names no
 * layout reads may repeat: a real 2004-05 file names an unused `LB` column twice.
 */
function repeatedColumn(names: readonly string[]): string | null {
  const seen = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    const first = seen.get(name);
    if (first !== undefined && READ_COLUMNS.has(name))
      return `column ${name} appears twice (fields ${first + 1} and ${i + 1}): which one holds its values is unknown`;
    seen.set(name, i);
  }
  return null;
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
  return header.some((h) => MATCH_COLUMNS.has(headerName(h)));
}

/**
 * Why a header is FootyStats' own match export (`date_GMT`, `home_team_name`, …), which this importer does not
 * read (it reads the renamed layout SOURCES.md describes); null otherwise. Refused by name, not ignored as some
 * other CSV.
 */
export function footyStatsExportProblem(header: readonly string[]): string | null {
  const names = new Set(header.map(headerName));
  if (!names.has('date_GMT') || !names.has('home_team_name')) return null;
  return "FootyStats' own export (date_GMT, home_team_name, …) is not a layout this importer reads: rename its columns to the renamed FootyStats layout the importer reads (Date, Time, HomeTeam, AwayTeam, FTHG, FTAG, HomeXG, AwayXG, …; docs/notes/ingest.md)";
}

/**
 * Why a header is a match file this reader cannot split, when it is separated by semicolons (a spreadsheet's CSV
 * export in many locales) or tabs; null otherwise. Such a file is refused by name, not ignored as some other CSV.
 */
export function separatorProblem(header: readonly string[]): string | null {
  const line = header.join(',');
  const separator = [';', '\t'].find((s) => looksLikeMatchHeader(line.split(s)));
  if (separator === undefined) return null;
  return `fields separated by ${separator === ';' ? 'semicolons' : 'tabs'}, not commas: save the file as comma-separated CSV`;
}

/**
 * True for football-data's upcoming-fixtures files (`fixtures.csv`, `new_league_fixtures.csv`): teams and a date
 * but no result columns at all.
 */
export function looksLikeFixturesHeader(header: readonly string[]): boolean {
  const names = new Set(header.map(headerName));
  const has = (...any: string[]) => any.some((n) => names.has(n));
  return (
    has('Date') &&
    has('HomeTeam', 'HT', 'Home') &&
    has('AwayTeam', 'AT', 'Away') &&
    !has('FTHG', 'FTAG', 'HG', 'AG', 'FTR', 'Res')
  );
}
