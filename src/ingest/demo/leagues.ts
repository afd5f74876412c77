/**
 * The simulated leagues: fictional countries (so demo rows never pass for real ones), two calendars that
 * together cover every week of the year (August–April and March–November), and one women's league.
 */
import type { Sex } from '../../domain/match.ts';

export interface DemoLeague {
  readonly code: string;
  readonly region: { readonly code: string; readonly name: string; readonly country: string };
  readonly competition: string;
  readonly sex: Sex;
  /** Month (1–12) of the first round; a season runs ROUNDS_PER_SEASON weeks from the first Saturday on or after the 1st. */
  readonly startMonth: number;
  /** Calendar-year season labels ("2025") instead of "2025-26". */
  readonly calendarYear: boolean;
  readonly teams: readonly string[];
  /** Log-goal home advantage. */
  readonly homeAdvantage: number;
  /** Log of the league's average goals per team and match. */
  readonly baseGoals: number;
  /** Spread (sd, log scale) of team attack and defence strengths. */
  readonly strengthSpread: number;
  /** Hours after Saturday 00:00 UTC of the round's five kick-offs (Sat/Sun). */
  readonly kickoffHours: readonly number[];
}

/** Ten teams meeting four times: 36 weekly rounds of five matches. */
export const TEAMS_PER_LEAGUE = 10;
const LEGS = 4;
export const ROUNDS_PER_SEASON = (TEAMS_PER_LEAGUE - 1) * LEGS;

const towns = {
  northland: [
    'Ashford',
    'Brackley',
    'Carrow',
    'Dunmore',
    'Elston',
    'Farley',
    'Glenhaven',
    'Holt',
    'Irby',
    'Jarrow',
  ],
  southmark: [
    'Alcara',
    'Bellavista',
    'Costa Real',
    'Durano',
    'Esteban',
    'Fuenmar',
    'Granova',
    'Hierro',
    'Isola',
    'Jerana',
  ],
  eastvale: [
    'Arnsberg',
    'Brunnfeld',
    'Creutz',
    'Dornau',
    'Eibach',
    'Falkenrode',
    'Grünwald',
    'Hollstein',
    'Ilmsee',
    'Jochberg',
  ],
  westhaven: [
    'Aberdale',
    'Bayport',
    'Cedar Falls',
    'Dover Ridge',
    'Easton',
    'Fairmount',
    'Granite City',
    'Harbor Point',
    'Iron Lake',
    'Juniper',
  ],
};
const suffixes = [
  'United',
  'City',
  'Rovers',
  'Athletic',
  'Town',
  'Wanderers',
  'Albion',
  'FC',
  'Rangers',
  'County',
];

export const DEMO_LEAGUES: readonly DemoLeague[] = [
  {
    code: 'NOR1',
    region: { code: 'DEMO-NL', name: 'Northland', country: 'Northland' },
    competition: 'Northland Premier League',
    sex: 0,
    startMonth: 8,
    calendarYear: false,
    teams: towns.northland.map((t, i) => `${t} ${suffixes[i]}`),
    homeAdvantage: 0.22,
    baseGoals: Math.log(1.2),
    strengthSpread: 0.22,
    kickoffHours: [12.5, 15, 15, 17.5, 24 + 14],
  },
  {
    code: 'SOU1',
    region: { code: 'DEMO-SM', name: 'Southmark', country: 'Southmark' },
    competition: 'Liga Southmark',
    sex: 0,
    startMonth: 8,
    calendarYear: false,
    teams: towns.southmark.map((t, i) => (i % 2 === 0 ? `Real ${t}` : `${t} CF`)),
    homeAdvantage: 0.18,
    baseGoals: Math.log(1.1),
    strengthSpread: 0.26,
    kickoffHours: [16, 18.25, 20.5, 24 + 17, 24 + 19.5],
  },
  {
    code: 'EAS1',
    region: { code: 'DEMO-EV', name: 'Eastvale', country: 'Eastvale' },
    competition: 'Eastvale First Division',
    sex: 0,
    startMonth: 3,
    calendarYear: true,
    teams: towns.eastvale.map((t, i) => (i % 3 === 0 ? `SV ${t}` : i % 3 === 1 ? `FC ${t}` : `${t} 04`)),
    homeAdvantage: 0.24,
    baseGoals: Math.log(1.25),
    strengthSpread: 0.2,
    kickoffHours: [13.5, 13.5, 16.5, 24 + 13.5, 24 + 15.5],
  },
  {
    code: 'WES1',
    region: { code: 'DEMO-WH', name: 'Westhaven', country: 'Westhaven' },
    competition: 'Westhaven Soccer League',
    sex: 0,
    startMonth: 3,
    calendarYear: true,
    teams: towns.westhaven.map((t, i) => `${t} ${suffixes[(i + 3) % suffixes.length]}`),
    homeAdvantage: 0.26,
    baseGoals: Math.log(1.2),
    strengthSpread: 0.18,
    kickoffHours: [19, 23, 24 + 1, 24 + 20, 24 + 23],
  },
  {
    code: 'NOR1W',
    region: { code: 'DEMO-NL-W', name: 'Northland (women)', country: 'Northland' },
    competition: "Northland Women's League",
    sex: 1,
    startMonth: 9,
    calendarYear: false,
    teams: towns.northland.map((t) => `${t} Women`),
    homeAdvantage: 0.12,
    baseGoals: Math.log(1.2),
    strengthSpread: 0.36,
    kickoffHours: [24 + 12, 24 + 12, 24 + 14, 24 + 14, 24 + 16],
  },
];
