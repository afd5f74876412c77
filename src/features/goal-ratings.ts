/**
 * Online Poisson goal ratings: each team has an attack and a defence strength (log scale) and each competition a
 * base scoring rate and a home effect. Expected goals are
 *   λ_home = exp(base + home + attack_H − defence_A),  λ_away = exp(base + attack_A − defence_H),
 * and after a match every term takes one gradient step on the Poisson log-likelihood (a dynamic Maher model
 * fitted in one pass). Independent Poisson scores then give win/draw/loss probabilities.
 */
import type { GoalParams } from './feature-params.ts';

export interface Strength {
  attack: number;
  defence: number;
  uncertainty: number;
}

/** A competition's base rate (log scale) and home effect; new competitions start from the constructor's. */
export interface LeagueState {
  base: number;
  home: number;
}

const MAX_GOALS = 12;
const START: LeagueState = { base: Math.log(1.35), home: 0.25 };

export class GoalRatings {
  private readonly teams = new Map<number, Strength>();
  private readonly leagues = new Map<string, LeagueState>();

  /** `start`: where a competition's base rate and home effect begin (other counts than goals differ). */
  constructor(
    private readonly params: GoalParams,
    private readonly start: Readonly<LeagueState> = START,
  ) {}

  get(teamId: number): Readonly<Strength> {
    return this.teams.get(teamId) ?? { attack: 0, defence: 0, uncertainty: 1 };
  }

  /** A team entering a competition: its starting strengths, fully uncertain. */
  set(teamId: number, attack: number, defence: number): void {
    this.teams.set(teamId, { attack, defence, uncertainty: 1 });
  }

  regress(teamId: number): void {
    const s = this.get(teamId);
    const keep = 1 - this.params.season_regression;
    this.teams.set(teamId, {
      attack: s.attack * keep,
      defence: s.defence * keep,
      uncertainty: Math.min(1, s.uncertainty + this.params.season_uncertainty),
    });
  }

  expectedGoals(competition: string, homeId: number, awayId: number): [number, number] {
    const league = this.leagues.get(competition) ?? this.start;
    const h = this.get(homeId);
    const a = this.get(awayId);
    return [
      Math.exp(league.base + league.home + h.attack - a.defence),
      Math.exp(league.base + a.attack - h.defence),
    ];
  }

  update(competition: string, homeId: number, awayId: number, homeGoals: number, awayGoals: number): void {
    const [lh, la] = this.expectedGoals(competition, homeId, awayId);
    const league = { ...(this.leagues.get(competition) ?? this.start) };
    const h = { ...this.get(homeId) };
    const a = { ...this.get(awayId) };
    const { learning_rate: eta, uncertainty_boost: boost, uncertainty_decay: decay } = this.params;
    const etaHome = eta * (1 + boost * h.uncertainty);
    const etaAway = eta * (1 + boost * a.uncertainty);
    const eh = homeGoals - lh;
    const ea = awayGoals - la;
    h.attack += etaHome * eh;
    a.defence -= etaAway * eh;
    a.attack += etaAway * ea;
    h.defence -= etaHome * ea;
    h.uncertainty *= decay;
    a.uncertainty *= decay;
    const etaLeague = this.params.league_learning_rate;
    league.base += etaLeague * (eh + ea);
    league.home += etaLeague * eh;
    this.teams.set(homeId, h);
    this.teams.set(awayId, a);
    this.leagues.set(competition, league);
  }
}

function poissonPmf(lambda: number, out: Float64Array): void {
  let p = Math.exp(-lambda);
  out[0] = p;
  for (let k = 1; k <= MAX_GOALS; k++) {
    p *= lambda / k;
    out[k] = p;
  }
}

const homePmf = new Float64Array(MAX_GOALS + 1);
const awayPmf = new Float64Array(MAX_GOALS + 1);

/** P(home win), P(draw), P(away win) for independent Poisson scores (tails beyond 12 goals ignored, renormalised). */
export function poissonOutcome(lambdaHome: number, lambdaAway: number): [number, number, number] {
  poissonPmf(lambdaHome, homePmf);
  poissonPmf(lambdaAway, awayPmf);
  let win = 0;
  let draw = 0;
  let loss = 0;
  for (let i = 0; i <= MAX_GOALS; i++) {
    const pi = homePmf[i] as number;
    for (let j = 0; j <= MAX_GOALS; j++) {
      const p = pi * (awayPmf[j] as number);
      if (i > j) win += p;
      else if (i === j) draw += p;
      else loss += p;
    }
  }
  const total = win + draw + loss;
  return [win / total, draw / total, loss / total];
}
