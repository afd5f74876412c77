/**
 * The 1X2 price columns football-data.co.uk has used since 2000, as explicit column triples. Matching whole
 * names (not prefixes) keeps `BFD` (Betfair's draw price) apart from `BFDH` (Betfred's home price).
 */
export type OddsKind = 'opening' | 'closing';

export interface OddsColumns {
  readonly bookmaker: string;
  readonly kind: OddsKind;
  readonly home: string;
  readonly draw: string;
  readonly away: string;
}

/** Column prefix → bookmaker name as stored in `odds.bookmaker`. */
const PREFIXES: ReadonlyArray<readonly [prefix: string, bookmaker: string, hasClosing: boolean]> = [
  ['B365', 'b365', true],
  ['PS', 'pinnacle', true],
  ['Avg', 'market_avg', true],
  ['Max', 'market_max', true],
  ['BbAv', 'betbrain_avg', false],
  ['BbMx', 'betbrain_max', false],
  ['BFE', 'betfair_exchange', true],
  ['BF', 'betfair', true],
  ['BFD', 'betfred', true],
  ['BMGM', 'betmgm', true],
  ['BV', 'betvictor', true],
  ['BW', 'bet_and_win', true],
  ['BS', 'blue_square', false],
  ['CL', 'coral', true],
  ['GB', 'gamebookers', false],
  ['IW', 'interwetten', true],
  ['LB', 'ladbrokes', true],
  ['PP', 'paddy_power', true],
  ['SB', 'sportingbet', false],
  ['SJ', 'stan_james', false],
  ['SKB', 'sky_bet', true],
  ['SO', 'sporting_odds', false],
  ['SY', 'stanleybet', false],
  ['VC', 'vc_bet', true],
  ['WH', 'william_hill', true],
  ['1XB', '1xbet', true],
];

export const FOOTBALL_DATA_ODDS: readonly OddsColumns[] = PREFIXES.flatMap(([p, bookmaker, hasClosing]) => {
  const opening: OddsColumns = { bookmaker, kind: 'opening', home: `${p}H`, draw: `${p}D`, away: `${p}A` };
  if (!hasClosing) return [opening];
  const closing: OddsColumns = { bookmaker, kind: 'closing', home: `${p}CH`, draw: `${p}CD`, away: `${p}CA` };
  return [opening, closing];
});

/**
 * In the "new leagues" files every price is a closing price, and the opening columns do not exist; the
 * same table still applies (only `…C…` triples will be found).
 */
export const NEW_LEAGUE_ODDS = FOOTBALL_DATA_ODDS.filter((c) => c.kind === 'closing');

/**
 * `new_league_fixtures.csv` carries pre-match prices: the market's maximum and average under the usual names, and
 * Pinnacle's as `PH`/`PD`/`PA` (`PSH`… in the main leagues' files).
 */
export const NEW_LEAGUE_FIXTURE_ODDS: readonly OddsColumns[] = [
  ...FOOTBALL_DATA_ODDS,
  { bookmaker: 'pinnacle', kind: 'opening', home: 'PH', draw: 'PD', away: 'PA' },
];

/** The FootyStats-derived women's files reuse B365H/D/A for FootyStats' own pre-match prices. */
export const FOOTYSTATS_ODDS: readonly OddsColumns[] = [
  { bookmaker: 'footystats', kind: 'opening', home: 'B365H', draw: 'B365D', away: 'B365A' },
];

/** One bookmaker's over/under 2.5 goals price pair (`B365>2.5`, `B365<2.5`; closing `B365C>2.5`, …). */
export interface OverUnderColumns {
  readonly bookmaker: string;
  readonly kind: OddsKind;
  readonly over: string;
  readonly under: string;
}

/** Over/under prefixes: Pinnacle is `P` here (not `PS`), and BetBrain's are `BbMx`/`BbAv` as in 1X2. */
const OVER_UNDER_PREFIXES: ReadonlyArray<readonly [prefix: string, bookmaker: string, hasClosing: boolean]> =
  [
    ['B365', 'b365', true],
    ['P', 'pinnacle', true],
    ['Avg', 'market_avg', true],
    ['Max', 'market_max', true],
    ['BFE', 'betfair_exchange', true],
    ['BbAv', 'betbrain_avg', false],
    ['BbMx', 'betbrain_max', false],
    ['GB', 'gamebookers', false],
  ];

export const FOOTBALL_DATA_OVER_UNDER: readonly OverUnderColumns[] = OVER_UNDER_PREFIXES.flatMap(
  ([p, bookmaker, hasClosing]) => {
    const opening: OverUnderColumns = { bookmaker, kind: 'opening', over: `${p}>2.5`, under: `${p}<2.5` };
    if (!hasClosing) return [opening];
    return [opening, { bookmaker, kind: 'closing', over: `${p}C>2.5`, under: `${p}C<2.5` }];
  },
);

/** The women's files reuse B365>2.5/B365<2.5 for FootyStats' own over/under prices. */
export const FOOTYSTATS_OVER_UNDER: readonly OverUnderColumns[] = [
  { bookmaker: 'footystats', kind: 'opening', over: 'B365>2.5', under: 'B365<2.5' },
];
