/**
 * League-level priors: home advantage, home-win and draw shares, goals per match, per competition, from its
 * earlier matches only, shrunk toward the pooled values of every competition of the same sex (empirical Bayes).
 * A league's own history counts n / (n + k): n is its number of past matches (older ones fading, so an era's
 * change shows), k the prior's weight in matches, one per quantity (a draw share needs a few hundred matches
 * to separate from the pool, a goal rate a few dozen). A league's first season, a women's league, a league new
 * to the data therefore start at the pooled values of its kind and move to its own as matches accumulate.
 *
 * @example
 *   const rates = new LeagueRates(params.league_priors);
 *   rates.get('1:Premier League', 0).draw; // before any result: the pooled draw share of men's leagues
 *   rates.update('1:Premier League', 0, 2, 1);
 */
export interface LeagueRateValues {
  /** Share of home wins. */
  readonly homeWin: number;
  readonly draw: number;
  /** Goals per match, both sides. */
  readonly goals: number;
  /** log(home goals per match / away goals per match). */
  readonly homeAdvantage: number;
  /** n / (n + k_draw): how much the league's own history already counts (0 for a league without results). */
  readonly weight: number;
}

export interface LeaguePriorParams {
  /** Per match of the same group, every earlier match's weight is multiplied by 1 − decay. */
  readonly decay: number;
  /** Per match of the same sex, the pooled values' memory fades by 1 − pooled_decay. */
  readonly pooled_decay: number;
  /** The prior's weight in matches (k) per quantity. */
  readonly prior_matches: {
    readonly home_win: number;
    readonly draw: number;
    readonly goals: number;
    readonly home_advantage: number;
  };
}

/** Values standing in before any match of a sex is known: typical European league figures. */
export const LEAGUE_RATE_PRIOR = Object.freeze({ homeWin: 0.45, draw: 0.26, homeGoals: 1.5, awayGoals: 1.2 });
/** Weight in matches of those stand-ins inside the pooled sums. */
const STAND_IN_MATCHES = 10;

/** Decayed sums over a group's past matches. */
interface Sums {
  n: number;
  homeWins: number;
  draws: number;
  homeGoals: number;
  awayGoals: number;
}

const emptySums = (): Sums => ({ n: 0, homeWins: 0, draws: 0, homeGoals: 0, awayGoals: 0 });

function standInSums(): Sums {
  const k = STAND_IN_MATCHES;
  const p = LEAGUE_RATE_PRIOR;
  return {
    n: k,
    homeWins: k * p.homeWin,
    draws: k * p.draw,
    homeGoals: k * p.homeGoals,
    awayGoals: k * p.awayGoals,
  };
}

function add(s: Sums, decay: number, homeGoals: number, awayGoals: number): void {
  const keep = 1 - decay;
  s.n = s.n * keep + 1;
  s.homeWins = s.homeWins * keep + (homeGoals > awayGoals ? 1 : 0);
  s.draws = s.draws * keep + (homeGoals === awayGoals ? 1 : 0);
  s.homeGoals = s.homeGoals * keep + homeGoals;
  s.awayGoals = s.awayGoals * keep + awayGoals;
}

/** (league sum + k · pooled mean) / (league n + k): the posterior mean under a prior worth k matches. */
const shrink = (sum: number, n: number, pooledMean: number, k: number) => (sum + k * pooledMean) / (n + k);

/** Shrunk league values from the league's and the pool's decayed sums; pure. */
export function shrunkRates(
  league: Readonly<Sums>,
  pooled: Readonly<Sums>,
  params: LeaguePriorParams,
): LeagueRateValues {
  const k = params.prior_matches;
  const mean = (v: number) => v / pooled.n;
  const homeGoals = shrink(league.homeGoals, league.n, mean(pooled.homeGoals), k.home_advantage);
  const awayGoals = shrink(league.awayGoals, league.n, mean(pooled.awayGoals), k.home_advantage);
  return {
    homeWin: shrink(league.homeWins, league.n, mean(pooled.homeWins), k.home_win),
    draw: shrink(league.draws, league.n, mean(pooled.draws), k.draw),
    goals: shrink(
      league.homeGoals + league.awayGoals,
      league.n,
      mean(pooled.homeGoals + pooled.awayGoals),
      k.goals,
    ),
    homeAdvantage: Math.log(homeGoals / awayGoals),
    weight: league.n / (league.n + k.draw),
  };
}

export class LeagueRates {
  private readonly leagues = new Map<string, Sums>();
  private readonly pooled = new Map<number, Sums>();

  constructor(private readonly params: LeaguePriorParams) {}

  private pool(sex: number): Sums {
    let s = this.pooled.get(sex);
    if (!s) {
      s = standInSums();
      this.pooled.set(sex, s);
    }
    return s;
  }

  /** The competition's values as of its last recorded match (pooled ones when it has none yet). */
  get(competition: string, sex: number): LeagueRateValues {
    return shrunkRates(this.leagues.get(competition) ?? emptySums(), this.pool(sex), this.params);
  }

  /** Folds in a finished match; call only after every row of its kick-off instant is written. */
  update(competition: string, sex: number, homeGoals: number, awayGoals: number): void {
    let s = this.leagues.get(competition);
    if (!s) {
      s = emptySums();
      this.leagues.set(competition, s);
    }
    add(s, this.params.decay, homeGoals, awayGoals);
    add(this.pool(sex), this.params.pooled_decay, homeGoals, awayGoals);
  }
}
