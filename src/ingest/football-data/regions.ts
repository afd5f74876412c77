/**
 * Where each file's matches belong: football-data.co.uk division codes and "new leagues" countries → region
 * (a country, with women's football as its own region) and competition name.
 */
export interface RegionSpec {
  /** Stable key of the region row, e.g. `ENG` or `ENG-W`. */
  readonly code: string;
  readonly name: string;
  readonly country: string;
}

export interface DivisionSpec {
  readonly region: RegionSpec;
  readonly competition: string;
}

/** Country → region code; for the "new leagues" the code is football-data's file name (`new/SWZ.csv`). */
const COUNTRIES: Readonly<Record<string, string>> = {
  England: 'ENG',
  Scotland: 'SCO',
  Germany: 'GER',
  Spain: 'ESP',
  Italy: 'ITA',
  France: 'FRA',
  Netherlands: 'NED',
  Belgium: 'BEL',
  Portugal: 'POR',
  Turkey: 'TUR',
  Greece: 'GRE',
  Argentina: 'ARG',
  Brazil: 'BRA',
  Japan: 'JPN',
  USA: 'USA',
  Austria: 'AUT',
  China: 'CHN',
  Denmark: 'DNK',
  Finland: 'FIN',
  Ireland: 'IRL',
  Mexico: 'MEX',
  Norway: 'NOR',
  Poland: 'POL',
  Romania: 'ROU',
  Russia: 'RUS',
  Sweden: 'SWE',
  Switzerland: 'SWZ',
};

/** The men's region of a country (the region name is the country's). */
export function countryRegion(country: string): RegionSpec {
  const name = country.trim();
  const code = COUNTRIES[name] ?? name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return { code, name, country: name };
}

/** The women's region of a country, e.g. "England (women)". */
export function womensRegion(country: string): RegionSpec {
  const men = countryRegion(country);
  return { code: `${men.code}-W`, name: `${men.name} (women)`, country: men.country };
}

const DIVISIONS: Readonly<Record<string, readonly [country: string, competition: string]>> = {
  E0: ['England', 'Premier League'],
  E1: ['England', 'Championship'],
  E2: ['England', 'League One'],
  E3: ['England', 'League Two'],
  EC: ['England', 'National League'],
  SC0: ['Scotland', 'Premiership'],
  SC1: ['Scotland', 'Championship'],
  SC2: ['Scotland', 'League One'],
  SC3: ['Scotland', 'League Two'],
  D1: ['Germany', 'Bundesliga'],
  D2: ['Germany', '2. Bundesliga'],
  SP1: ['Spain', 'La Liga'],
  SP2: ['Spain', 'Segunda Division'],
  I1: ['Italy', 'Serie A'],
  I2: ['Italy', 'Serie B'],
  F1: ['France', 'Ligue 1'],
  F2: ['France', 'Ligue 2'],
  N1: ['Netherlands', 'Eredivisie'],
  B1: ['Belgium', 'First Division A'],
  P1: ['Portugal', 'Primeira Liga'],
  T1: ['Turkey', 'Super Lig'],
  G1: ['Greece', 'Super League'],
};

/** True for a main-league division code (`E0`, `SP1`): served as `mmz4281/<yyzz>/<Div>.csv`. */
export function isMainDivision(code: string): boolean {
  return Object.hasOwn(DIVISIONS, code);
}

/** football-data's division codes are a country's letters and a level (`P1`, `SC0`): the country of each. */
const DIVISION_COUNTRIES: Readonly<Record<string, string>> = {
  E: 'England',
  SC: 'Scotland',
  D: 'Germany',
  SP: 'Spain',
  I: 'Italy',
  F: 'France',
  N: 'Netherlands',
  B: 'Belgium',
  P: 'Portugal',
  T: 'Turkey',
  G: 'Greece',
};

/**
 * A main-league division. A code not known by name but of a known country's letters (`P2`, `SC4`) is a league of
 * that country, named by its code, so a club moving between it and a known division stays one club; any other
 * code becomes its own region, so nothing is silently merged.
 */
export function divisionSpec(div: string): DivisionSpec {
  const known = DIVISIONS[div];
  if (known) return { region: countryRegion(known[0]), competition: known[1] };
  const country = DIVISION_COUNTRIES[/^([A-Z]+)\d+$/.exec(div)?.[1] ?? ''];
  if (country !== undefined) return { region: countryRegion(country), competition: div };
  return { region: { code: div, name: div, country: div }, competition: div };
}

export interface FootyStatsLeagueSpec extends DivisionSpec {
  /**
   * Calendar-year seasons ("2024") rather than autumn–spring ("2024-25"); undefined for a league not known by
   * name, whose own match dates decide (`playsCalendarYears` in seasons.ts).
   */
  readonly calendarYearSeasons: boolean | undefined;
}

const WOMENS_FILES: Readonly<
  Record<string, readonly [country: string, competition: string, calendar: boolean]>
> = {
  ENGLAND_FA_WOMENS_SUPER_LEAGUE: ['England', "Women's Super League", false],
  NETHERLANDS_EREDIVISIE_WOMEN: ['Netherlands', 'Eredivisie Vrouwen', false],
  NORWAY_TOPPSERIEN: ['Norway', 'Toppserien', true],
  SPAIN_PRIMERA_DIVISION_WOMEN: ['Spain', 'Liga F', false],
  SWEDEN_DAMALLSVENSKAN: ['Sweden', 'Damallsvenskan', true],
  USA_NWSL: ['USA', 'NWSL', true],
};

const titleCase = (s: string) =>
  s
    .toLowerCase()
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');

/**
 * The league of a FootyStats-derived file from its name (`ENGLAND_FA_WOMENS_SUPER_LEAGUE_all.csv`): the six known
 * ones are women's leagues. Unknown names are read as `<COUNTRY>_<COMPETITION…>`, in the country's women's region
 * when `women` (looksLikeWomensFile), else in its region, their kind of season left to the file's dates.
 */
export function footyStatsLeagueSpec(fileStem: string, women: boolean): FootyStatsLeagueSpec {
  const stem = fileStem.replace(/_all$/i, '').toUpperCase();
  const known = WOMENS_FILES[stem];
  if (known) {
    return { region: womensRegion(known[0]), competition: known[1], calendarYearSeasons: known[2] };
  }
  const [country = stem, ...rest] = stem.split('_');
  const name = country === 'USA' ? 'USA' : titleCase(country);
  return {
    region: women ? womensRegion(name) : countryRegion(name),
    competition: rest.length > 0 ? titleCase(rest.join('_')) : titleCase(stem),
    calendarYearSeasons: undefined,
  };
}

/**
 * Whether a file of the FootyStats-derived layout holds women's football (all six known files do): one in a
 * `women/` folder, or whose own name says so in one of the languages of the leagues FootyStats covers. Only the
 * file's name is read for the words, so a men's file under a folder such as `womens-exports-old/` stays men's.
 */
export function looksLikeWomensFile(path: string): boolean {
  const name = path.split(/[/\\]/).at(-1) ?? path;
  return (
    /(^|[/\\])women[/\\]/i.test(path) ||
    /wom[ae]n|ladies|femen|femin|femmin|frauen|vrouwen|kvinde|damallsvenskan|toppserien|arkema|nwsl/i.test(
      name,
    )
  );
}

/**
 * How a football-data match's source key starts, by league: written once for the reader, which builds the keys,
 * and for the sync, which keeps a file's matches by them (two spellings of it once lost a whole league).
 */
export function divisionKeyPrefix(div: string): string {
  return `football-data|${div}|`;
}

/** The same for a "new leagues" match, by region code (= football-data's file name, `new/SWZ.csv`). */
export function newLeagueKeyPrefix(regionCode: string): string {
  return `football-data|new:${regionCode}|`;
}
