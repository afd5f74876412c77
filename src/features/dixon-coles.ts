/**
 * Dixon–Coles (1997) goal model: home goals ~ Poisson(λ), away goals ~ Poisson(μ) with
 * λ = exp(base + home + attack_h − defence_a), μ = exp(base + attack_a − defence_h), the four low scores
 * (0-0, 1-0, 0-1, 1-1) corrected by τ(ρ), and every past match weighted by exp(−ξ · age in days).
 *
 * The fit: the Poisson part by its weighted score equations (each team's weighted goals scored and conceded equal
 * their expectation; Maher's fixed point, a few sweeps from a warm start), with a small pseudo-count pulling a
 * team with little history to the league average; then ρ by one-dimensional maximisation of the τ likelihood
 * given λ and μ. τ moves the Poisson rates very little, so this is the joint fit to well within the noise, and
 * it refits a league-season in a couple of milliseconds (bench/dixon-coles.ts).
 *
 * @example
 *   const fit = fitDixonColes(games, { xi: 0.0019, nowDays: 19_000 });
 *   const m = scoreMatrix(fit.rates(0, 3), fit.rho); // P(home goals = i, away goals = j)
 *   matrixOutcomes(m); // { home, draw, away, over25, btts }
 */

export interface DixonColesGame {
  readonly home: number;
  readonly away: number;
  readonly homeGoals: number;
  readonly awayGoals: number;
  /** Kick-off, in days since any fixed origin (only differences matter). */
  readonly day: number;
}

export interface DixonColesOptions {
  /** Time decay per day: a match `a` days old weighs exp(−xi · a). */
  readonly xi: number;
  /** The day the fit is made for (no game may be on or after it; the caller guarantees that). */
  readonly nowDays: number;
  /** Pseudo-matches at the league average behind every team's attack and defence (default 2). */
  readonly prior?: number;
  /** Fixed-point sweeps (default 30; fewer from a warm start). */
  readonly sweeps?: number;
  /** A previous fit of the same teams to start from (the rolling refit). */
  readonly start?: DixonColesFit;
}

export interface DixonColesFit {
  readonly teams: number;
  readonly base: number;
  readonly home: number;
  readonly rho: number;
  /** attack[i], defence[i] on the log scale (0 = league average). */
  readonly attack: Float64Array;
  readonly defence: Float64Array;
  /** [λ, μ] for a match of team `home` at home to team `away`. */
  rates(home: number, away: number): readonly [number, number];
}

/**
 * ρ held to the range where all four τ stay non-negative for these rates: 1 − λμρ, 1 + λρ, 1 + μρ and 1 − ρ ≥ 0.
 * A fit keeps ρ inside it for the games it saw, but a pairing of rates it never saw (a strong attack against a weak
 * defence early in a league's first season) can fall outside, where a τ below zero gives a score a negative
 * probability and the 1X2 read off the matrix a NaN.
 */
export function rhoWithin(lambda: number, mu: number, rho: number): number {
  return Math.min(Math.max(rho, -1 / Math.max(lambda, mu)), 1 / Math.max(lambda * mu, 1));
}

/** τ(ρ): the Dixon–Coles dependence correction of the four low scores. */
export function tau(x: number, y: number, lambda: number, mu: number, rho: number): number {
  if (x === 0 && y === 0) return 1 - lambda * mu * rho;
  if (x === 0 && y === 1) return 1 + lambda * rho;
  if (x === 1 && y === 0) return 1 + mu * rho;
  if (x === 1 && y === 1) return 1 - rho;
  return 1;
}

function makeFit(
  teams: number,
  base: number,
  home: number,
  rho: number,
  attack: Float64Array,
  defence: Float64Array,
): DixonColesFit {
  return {
    teams,
    base,
    home,
    rho,
    attack,
    defence,
    rates: (h, a) => [
      Math.exp(base + home + (attack[h] ?? 0) - (defence[a] ?? 0)),
      Math.exp(base + (attack[a] ?? 0) - (defence[h] ?? 0)),
    ],
  };
}

/** ρ maximising Σ w·ln τ given the rates, by golden-section search on the range where every τ stays positive. */
function fitRho(games: readonly DixonColesGame[], weights: Float64Array, fit: DixonColesFit): number {
  const low: { w: number; x: number; y: number; l: number; m: number }[] = [];
  let lo = -0.99;
  let hi = 0.99;
  games.forEach((g, i) => {
    if (g.homeGoals > 1 || g.awayGoals > 1) return;
    const [l, m] = fit.rates(g.home, g.away);
    low.push({ w: weights[i] as number, x: g.homeGoals, y: g.awayGoals, l, m });
    // Keep τ > 0 for every match: 1 − λμρ > 0, 1 + λρ > 0, 1 + μρ > 0.
    hi = Math.min(hi, 0.99 / (l * m));
    lo = Math.max(lo, -0.99 / Math.max(l, m));
  });
  const objective = (rho: number) =>
    low.reduce((s, o) => s + o.w * Math.log(tau(o.x, o.y, o.l, o.m, rho)), 0);
  const golden = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  for (let i = 0; i < 60 && b - a > 1e-7; i++) {
    const c = b - golden * (b - a);
    const d = a + golden * (b - a);
    if (objective(c) > objective(d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

/** Fits the model on past games of one league (teams numbered 0 … teams − 1). */
export function fitDixonColes(
  games: readonly DixonColesGame[],
  teams: number,
  options: DixonColesOptions,
): DixonColesFit {
  // No result yet: a typical league (1.2 goals a side, home sides scoring 30% more), every team average.
  if (games.length === 0)
    return makeFit(teams, Math.log(1.2), Math.log(1.3), 0, new Float64Array(teams), new Float64Array(teams));
  const prior = options.prior ?? 2;
  const sweeps = options.sweeps ?? 30;
  const weights = Float64Array.from(games, (g) => Math.exp(-options.xi * (options.nowDays - g.day)));
  // Multiplicative parameters: A = e^attack, D = e^−defence, H = e^home, B = e^base.
  const A = new Float64Array(teams).fill(1);
  const D = new Float64Array(teams).fill(1);
  const start = options.start;
  if (start) {
    for (let t = 0; t < Math.min(teams, start.teams); t++) {
      A[t] = Math.exp(start.attack[t] as number);
      D[t] = Math.exp(-(start.defence[t] as number));
    }
  }
  let B = start ? Math.exp(start.base) : 1.2;
  let H = start ? Math.exp(start.home) : 1.3;
  let homeGoals = 0;
  let awayGoals = 0;
  const scored = new Float64Array(teams);
  const conceded = new Float64Array(teams);
  games.forEach((g, i) => {
    const w = weights[i] as number;
    homeGoals += w * g.homeGoals;
    awayGoals += w * g.awayGoals;
    scored[g.home] = (scored[g.home] as number) + w * g.homeGoals;
    scored[g.away] = (scored[g.away] as number) + w * g.awayGoals;
    conceded[g.home] = (conceded[g.home] as number) + w * g.awayGoals;
    conceded[g.away] = (conceded[g.away] as number) + w * g.homeGoals;
  });
  let totalWeight = 0;
  for (const w of weights) totalWeight += w;
  const average = (homeGoals + awayGoals) / Math.max(1e-9, 2 * totalWeight);
  const expectA = new Float64Array(teams);
  const expectD = new Float64Array(teams);
  /** Each team's expected goals scored (into expectA) and conceded (expectD) under the current parameters. */
  const expectations = () => {
    expectA.fill(0);
    expectD.fill(0);
    let expectHome = 0;
    let expectAll = 0;
    games.forEach((g, i) => {
      const w = weights[i] as number;
      const l = w * B * H * (A[g.home] as number) * (D[g.away] as number);
      const m = w * B * (A[g.away] as number) * (D[g.home] as number);
      expectA[g.home] = (expectA[g.home] as number) + l;
      expectA[g.away] = (expectA[g.away] as number) + m;
      expectD[g.home] = (expectD[g.home] as number) + m;
      expectD[g.away] = (expectD[g.away] as number) + l;
      expectHome += l;
      expectAll += l + m;
    });
    return { expectHome, expectAll };
  };
  // One block at a time (attack, defence, then home and base rate), each solving its own score equation with the
  // others fixed; the pseudo-count adds `prior` matches of league-average goals to both sides of a team's.
  const pseudo = prior * average;
  for (let s = 0; s < sweeps; s++) {
    expectations();
    for (let t = 0; t < teams; t++) {
      const a = A[t] as number;
      A[t] = (a * ((scored[t] as number) + pseudo)) / ((expectA[t] as number) + pseudo * a);
    }
    expectations();
    for (let t = 0; t < teams; t++) {
      const d = D[t] as number;
      D[t] = (d * ((conceded[t] as number) + pseudo)) / ((expectD[t] as number) + pseudo * d);
    }
    // Identify the scale: mean log attack and defence at 0 (the base rate carries the level).
    let meanA = 0;
    let meanD = 0;
    for (let t = 0; t < teams; t++) {
      meanA += Math.log(A[t] as number) / teams;
      meanD += Math.log(D[t] as number) / teams;
    }
    for (let t = 0; t < teams; t++) {
      A[t] = (A[t] as number) / Math.exp(meanA);
      D[t] = (D[t] as number) / Math.exp(meanD);
    }
    B *= Math.exp(meanA + meanD);
    const { expectHome, expectAll } = expectations();
    if (expectHome > 0 && homeGoals > 0) {
      const expectAway = expectAll - expectHome;
      H *= homeGoals / expectHome;
      if (homeGoals + expectAway > 0) B *= (homeGoals + awayGoals) / (homeGoals + expectAway);
    }
  }
  const attack = Float64Array.from(A, Math.log);
  const defence = Float64Array.from(D, (v) => -Math.log(v));
  const poisson = makeFit(teams, Math.log(B), Math.log(H), 0, attack, defence);
  const rho = games.length > 0 ? fitRho(games, weights, poisson) : 0;
  return makeFit(teams, poisson.base, poisson.home, rho, attack, defence);
}
