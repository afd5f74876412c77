/**
 * The demo league simulator, pure and deterministic: the same seed, anchor and day give the same world.
 * Teams have attack and defence strengths that drift week by week (mean-reverting) and jump between seasons;
 * goals are Poisson with home advantage and the Dixon–Coles low-score correction; two bookmakers price each
 * match from the true probabilities plus noise and a margin weighted towards longshots, their prices moving
 * toward the truth from a week out to kick-off (bookmakers.ts), each in the world once it was seen; finished
 * matches carry shots drawn around the same expected goals.
 * The true probabilities travel with every match so the oracle's log loss can be reported.
 *
 * @example
 * const world = generateDemoWorld({ seed: 7, today: new Date(clock.nowMs()) });
 * world.matches.filter((m) => m.status === 'scheduled'); // the next 14 days of fixtures
 */
import type { SourcedMatch } from '../../domain/match.ts';
import { BOOKS, PRICE_STEPS, type PriceStep, pricePath } from './bookmakers.ts';
import { outcomeProbabilities, sampleScore, scoreMatrix } from './dixon-coles.ts';
import { DEMO_LEAGUES, type DemoLeague, ROUNDS_PER_SEASON, TEAMS_PER_LEAGUE } from './leagues.ts';
import { type DemoStats, simulateStats } from './match-stats.ts';
import { randomStream } from './random.ts';

export interface DemoWorldOptions {
  readonly seed: number;
  /** The simulated "now": matches before it have results, fixtures follow it. */
  readonly today: Date;
  /** The day the world was first created, which fixes where its history starts (default `today`). */
  readonly anchor?: Date;
  /** Years of history before the anchor (default DEMO_HISTORY_YEARS; seasons start at or before anchor − this). */
  readonly historyYears?: number;
}

export interface DemoTruth {
  readonly pHome: number;
  readonly pDraw: number;
  readonly pAway: number;
  /** Expected goals of each side. */
  readonly lambdaHome: number;
  readonly lambdaAway: number;
}

export interface DemoOdds {
  readonly bookmaker: string;
  readonly kind: PriceStep['kind'];
  /** When the price was seen (kick-off minus the step's lead): stored as the odds row's collected_at. */
  readonly observedAtMs: number;
  readonly home: number;
  readonly draw: number;
  readonly away: number;
}

export interface DemoMatch extends SourcedMatch {
  readonly region: DemoLeague['region'];
  readonly truth: DemoTruth;
  readonly odds: readonly DemoOdds[];
  /** Shots and shots on target, once finished. */
  readonly stats: DemoStats | null;
}

export interface DemoWorld {
  readonly seed: number;
  readonly anchorMs: number;
  readonly todayMs: number;
  readonly regions: readonly DemoLeague['region'][];
  readonly matches: readonly DemoMatch[];
}

/**
 * Five years: with ~900 matches a season the walk-forward models need about two seasons before their
 * predictions stop being shrunk towards the class priors (the L2 prior weighs more on little data).
 */
/** The demo world's seed for `npm start` and `matchcast demo-data`: the same world on every machine. */
export const DEMO_SEED = 42;

export const DEMO_HISTORY_YEARS = 5;
/** Days of fixtures after `today`. */
export const DEMO_FIXTURE_DAYS = 14;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** A match is live for two hours after kick-off, then finished. */
const MATCH_LENGTH_MS = 2 * HOUR_MS;
/** Week-to-week persistence of strengths (stationary spread = the league's strengthSpread). */
const DRIFT_PERSISTENCE = 0.995;
/** Off-season change (transfers), as a share of the league's spread. */
const SEASON_SHOCK = 0.35;
/** Dixon–Coles ρ: negative raises 0-0 and 1-1. */
const RHO = -0.1;

/** Saturday 00:00 UTC on or after the 1st of the month. */
function firstSaturday(year: number, month: number): number {
  const first = Date.UTC(year, month - 1, 1);
  const weekday = new Date(first).getUTCDay(); // 0 Sunday … 6 Saturday
  return first + ((6 - weekday + 7) % 7) * DAY_MS;
}

function seasonLabel(league: DemoLeague, year: number): string {
  return league.calendarYear ? String(year) : `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
}

/** Round-robin pairings (circle method) for one leg: rounds × pairs of team indexes [home, away]. */
function roundRobin(teams: number): [number, number][][] {
  const ring = Array.from({ length: teams }, (_, i) => i);
  const rounds: [number, number][][] = [];
  for (let r = 0; r < teams - 1; r++) {
    const pairs: [number, number][] = [];
    for (let i = 0; i < teams / 2; i++) {
      const a = ring[i]!;
      const b = ring[teams - 1 - i]!;
      pairs.push(r % 2 === 0 ? [a, b] : [b, a]);
    }
    rounds.push(pairs);
    ring.splice(1, 0, ring.pop()!);
  }
  return rounds;
}

const LEG_ROUNDS = roundRobin(TEAMS_PER_LEAGUE);

function simulateLeague(
  league: DemoLeague,
  o: Required<Omit<DemoWorldOptions, 'anchor'>> & { anchor: Date },
) {
  const matches: DemoMatch[] = [];
  const todayMs = o.today.getTime();
  const untilMs = todayMs + DEMO_FIXTURE_DAYS * DAY_MS;
  const historyStart = new Date(o.anchor);
  historyStart.setUTCFullYear(historyStart.getUTCFullYear() - o.historyYears);
  let year = historyStart.getUTCFullYear();
  if (firstSaturday(year, league.startMonth) > historyStart.getTime()) year--;

  const init = randomStream(o.seed, league.code, 'init', year);
  const spread = league.strengthSpread;
  const attack = league.teams.map(() => spread * init.normal());
  const defence = league.teams.map(() => spread * init.normal());
  const driftSd = spread * Math.sqrt(1 - DRIFT_PERSISTENCE ** 2);

  for (; firstSaturday(year, league.startMonth) <= untilMs; year++) {
    const seasonStart = firstSaturday(year, league.startMonth);
    const season = seasonLabel(league, year);
    const shock = randomStream(o.seed, league.code, 'season', year);
    for (let t = 0; t < attack.length; t++) {
      attack[t] = Math.sqrt(1 - SEASON_SHOCK ** 2) * attack[t]! + SEASON_SHOCK * spread * shock.normal();
      defence[t] = Math.sqrt(1 - SEASON_SHOCK ** 2) * defence[t]! + SEASON_SHOCK * spread * shock.normal();
    }
    for (let round = 0; round < ROUNDS_PER_SEASON; round++) {
      const leg = Math.floor(round / LEG_ROUNDS.length);
      const pairs = LEG_ROUNDS[round % LEG_ROUNDS.length]!;
      const roundStart = seasonStart + round * 7 * DAY_MS;
      if (roundStart > untilMs) break;
      pairs.forEach(([a, b], k) => {
        const [h, w] = leg % 2 === 0 ? [a, b] : [b, a];
        const startTimeMs = roundStart + Math.round(league.kickoffHours[k]! * HOUR_MS);
        if (startTimeMs > untilMs) return;
        const lambdaHome = Math.exp(league.baseGoals + league.homeAdvantage + attack[h]! - defence[w]!);
        const lambdaAway = Math.exp(league.baseGoals + attack[w]! - defence[h]!);
        const matrix = scoreMatrix(lambdaHome, lambdaAway, RHO);
        const p = outcomeProbabilities(matrix);
        // Every draw is made whatever the match's status, so later days see the same numbers.
        const rng = randomStream(o.seed, league.code, year, round, k);
        const [homeGoals, awayGoals] = sampleScore(matrix, rng.next());
        const kickedOff = startTimeMs <= todayMs;
        const finished = startTimeMs + MATCH_LENGTH_MS <= todayMs;
        const odds: DemoOdds[] = [];
        for (const book of BOOKS) {
          pricePath(p, book, rng).forEach((prices, step) => {
            const { kind, leadMs } = PRICE_STEPS[step]!;
            const observedAtMs = startTimeMs - leadMs;
            if (observedAtMs <= todayMs) odds.push({ bookmaker: book.name, kind, observedAtMs, ...prices });
          });
        }
        const stats = simulateStats(
          lambdaHome,
          lambdaAway,
          [homeGoals, awayGoals],
          randomStream(o.seed, league.code, 'shots', year, round, k),
        );
        const homeTeam = league.teams[h]!;
        const awayTeam = league.teams[w]!;
        matches.push({
          sourceKey: `demo|${o.seed}|${league.code}|${season}|${round + 1}|${homeTeam}|${awayTeam}`,
          region: league.region,
          competition: league.competition,
          season,
          sex: league.sex,
          startTimeMs,
          homeTeam,
          awayTeam,
          homeScore: finished ? homeGoals : null,
          awayScore: finished ? awayGoals : null,
          status: finished ? 'finished' : kickedOff ? 'live' : 'scheduled',
          truth: { pHome: p[0], pDraw: p[1], pAway: p[2], lambdaHome, lambdaAway },
          odds,
          stats: finished ? stats : null,
        });
      });
      const drift = randomStream(o.seed, league.code, 'drift', year, round);
      for (let t = 0; t < attack.length; t++) {
        attack[t] = DRIFT_PERSISTENCE * attack[t]! + driftSd * drift.normal();
        defence[t] = DRIFT_PERSISTENCE * defence[t]! + driftSd * drift.normal();
      }
    }
  }
  return matches;
}

/** Generates the world of `seed` as it stands on `today` (with fixtures up to DEMO_FIXTURE_DAYS ahead). */
export function generateDemoWorld(options: DemoWorldOptions): DemoWorld {
  const o = {
    seed: options.seed,
    today: options.today,
    anchor: options.anchor ?? options.today,
    historyYears: options.historyYears ?? DEMO_HISTORY_YEARS,
  };
  const matches = DEMO_LEAGUES.flatMap((league) => simulateLeague(league, o)).sort(
    (a, b) => a.startTimeMs - b.startTimeMs || (a.sourceKey < b.sourceKey ? -1 : 1),
  );
  return {
    seed: o.seed,
    anchorMs: o.anchor.getTime(),
    todayMs: o.today.getTime(),
    regions: DEMO_LEAGUES.map((l) => l.region),
    matches,
  };
}
