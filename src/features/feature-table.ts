/**
 * The feature table: one row per match, finished or upcoming, computed in a single pass over kick-off order.
 * A row sees only matches that kicked off strictly before it: all rows of one kick-off instant are computed
 * first, and only then are those matches' results folded into the ratings and form.
 *
 * @example
 *   const table = buildFeatureTable(matches, params.features, { nowMs: clock.nowMs() });
 *   table.x[row * table.d + table.featureNames.indexOf('elo_diff')];
 */
import { isFinished, type MatchRecord } from '../domain/match.ts';
import { outcomeOf } from '../domain/outcome.ts';
import { DixonColesRatings } from './dixon-coles-ratings.ts';
import { EloRatings, eloExpectedHome } from './elo.ts';
import { EntrantPriors } from './entrants.ts';
import { featureNames } from './feature-names.ts';
import type { FeatureParams } from './feature-params.ts';
import { FORM_STATS, RollingForm } from './form.ts';
import { GoalRatings, poissonOutcome } from './goal-ratings.ts';
import { LeagueRates } from './league-rates.ts';
import { LeagueTables } from './league-table.ts';
import { PiRatings } from './pi-ratings.ts';
import { completeShots, RollingShots, SHOT_STATS } from './shot-form.ts';

const DAY_MS = 86_400_000;
/** A competition's entrants during its first weeks in the data are founding members, not promoted teams. */
const FOUNDING_WINDOW_MS = 60 * DAY_MS;

export interface FeatureTable {
  readonly featureNames: readonly string[];
  readonly n: number;
  readonly d: number;
  /** n × d feature values, row-major, all finite. */
  readonly x: Float64Array;
  /** The matches in row order (kick-off, then match id). */
  readonly matches: readonly MatchRecord[];
  /** Outcome class per row, −1 when the match is not finished. */
  readonly outcome: Int8Array;
  /** 1 when the match is not finished and kicks off at or after `nowMs`. */
  readonly isFuture: Uint8Array;
}

export interface BuildOptions {
  /** "Now" for the is_future flag, ms since the epoch. */
  readonly nowMs: number;
}

interface TeamState {
  matches: number;
  lastStartMs: number;
  competition: string;
  season: string;
  /** Where the current stint in `competition` came from ('' for a team new to the data). */
  from: string;
  competitionMatches: number;
  founding: boolean;
}

/** Kick-off order with match id as tie-break: the order every consumer of the table relies on. */
export function sortByKickOff(matches: readonly MatchRecord[]): MatchRecord[] {
  return [...matches].sort((a, b) => a.startTimeMs - b.startTimeMs || a.matchId - b.matchId);
}

export function competitionKey(m: Pick<MatchRecord, 'regionId' | 'competition'>): string {
  return `${m.regionId}:${m.competition}`;
}

export function buildFeatureTable(
  input: readonly MatchRecord[],
  params: FeatureParams,
  options: BuildOptions,
): FeatureTable {
  const matches = sortByKickOff(input);
  const names = featureNames(params);
  const n = matches.length;
  const d = names.length;
  const x = new Float64Array(n * d);
  const outcome = new Int8Array(n).fill(-1);
  const isFuture = new Uint8Array(n);

  const windows = params.form_windows;
  const form = new RollingForm(Math.max(...windows), params.form_prior);
  const elo = new EloRatings(params.elo);
  const pi = new PiRatings(params.pi);
  const goals = new GoalRatings(params.goals);
  // A second, faster-moving copy: recent form in goal units, beside the slower long-run strength.
  const fastGoals = new GoalRatings({ ...params.goals, learning_rate: params.goals.fast_learning_rate });
  const entrants = new EntrantPriors(params.entrant.ema_alpha);
  const league = new LeagueRates(params.league_priors);
  const tables = new LeagueTables();
  const competitionMean = new Map<string, number>();
  const competitionStart = new Map<string, number>();
  const teams = new Map<number, TeamState>();
  const stats = FORM_STATS.length;
  const homeForm = new Float64Array(stats);
  const awayForm = new Float64Array(stats);
  // Shots on target and shots: updated only by matches that carry statistics.
  const shotParams = params.shots;
  const shots = new RollingShots(Math.max(...shotParams.windows), shotParams.prior);
  const shotRatings = new GoalRatings(
    {
      ...params.goals,
      learning_rate: shotParams.learning_rate,
      season_regression: shotParams.season_regression,
    },
    { base: Math.log(shotParams.prior.shots_target), home: shotParams.home_effect },
  );
  // Goal ratings taught by a blend of goals and shots on target (shots are the steadier signal of strength).
  const adjustedGoals = new GoalRatings(params.goals);
  const homeShots = new Float64Array(SHOT_STATS.length);
  const dixonColes = new DixonColesRatings(params.dixon_coles);
  const awayShots = new Float64Array(SHOT_STATS.length);

  // Brings a team's state up to this match's competition and season; uses fixture facts only, never results.
  const enter = (teamId: number, m: MatchRecord, competition: string): TeamState => {
    const team = teams.get(teamId);
    const firstInCompetition = competitionStart.get(competition) ?? m.startTimeMs;
    const founding = m.startTimeMs - firstInCompetition < FOUNDING_WINDOW_MS;
    if (!team || team.competition !== competition) {
      const from = team ? team.competition : '';
      const prior = founding && !team ? undefined : entrants.lookup(from, competition);
      if (prior) {
        elo.set(teamId, prior[0] ?? params.elo.initial);
        pi.set(teamId, prior[1] ?? 0, prior[2] ?? 0);
        goals.set(teamId, prior[3] ?? 0, prior[4] ?? 0);
        fastGoals.set(teamId, prior[5] ?? 0, prior[6] ?? 0);
        // The entrant's learned goal strengths stand in for its shots-adjusted ones too.
        adjustedGoals.set(teamId, prior[3] ?? 0, prior[4] ?? 0);
      }
      const state: TeamState = {
        matches: team?.matches ?? 0,
        lastStartMs: team?.lastStartMs ?? Number.NaN,
        competition,
        season: m.season,
        from,
        competitionMatches: 0,
        founding: founding && !team,
      };
      teams.set(teamId, state);
      return state;
    }
    if (team.season !== m.season) {
      elo.regress(teamId, competitionMean.get(competition) ?? params.elo.initial);
      goals.regress(teamId);
      fastGoals.regress(teamId);
      shotRatings.regress(teamId);
      adjustedGoals.regress(teamId);
      team.season = m.season;
    }
    return team;
  };

  const restDays = (team: TeamState, startMs: number): number =>
    Number.isNaN(team.lastStartMs)
      ? params.rest_days_missing
      : Math.min(params.rest_days_cap, (startMs - team.lastStartMs) / DAY_MS);

  const writeRow = (
    row: number,
    m: MatchRecord,
    competition: string,
    home: TeamState,
    away: TeamState,
  ): void => {
    let at = row * d;
    const eloHome = elo.rating(m.homeTeamId);
    const eloAway = elo.rating(m.awayTeamId);
    x[at++] = m.sex;
    x[at++] = eloHome - eloAway;
    x[at++] = Math.abs(eloHome - eloAway);
    x[at++] = eloExpectedHome(eloHome, eloAway, params.elo.home_advantage);
    x[at++] = pi.get(m.homeTeamId).home;
    x[at++] = pi.get(m.awayTeamId).away;
    x[at++] = pi.expectedGoalDifference(m.homeTeamId, m.awayTeamId);
    const [lambdaHome, lambdaAway] = goals.expectedGoals(competition, m.homeTeamId, m.awayTeamId);
    const [pHome, pDraw, pAway] = poissonOutcome(lambdaHome, lambdaAway);
    x[at++] = lambdaHome;
    x[at++] = lambdaAway;
    x[at++] = Math.log(pHome / pAway);
    x[at++] = Math.log(pDraw);
    const [fastHome, fastAway] = fastGoals.expectedGoals(competition, m.homeTeamId, m.awayTeamId);
    const [fHome, , fAway] = poissonOutcome(fastHome, fastAway);
    x[at++] = Math.log(fHome / fAway);
    const [adjustedHome, adjustedAway] = adjustedGoals.expectedGoals(competition, m.homeTeamId, m.awayTeamId);
    const [aHome, aDraw, aAway] = poissonOutcome(adjustedHome, adjustedAway);
    x[at++] = Math.log(aHome / aAway);
    x[at++] = Math.log(aDraw);
    const dc = dixonColes.outcomes(competition, m.homeTeamId, m.awayTeamId, m.startTimeMs);
    x[at++] = dc.expectedHomeGoals;
    x[at++] = dc.expectedAwayGoals;
    x[at++] = Math.log(dc.home / dc.away);
    x[at++] = Math.log(dc.draw);
    x[at++] = dc.over25;
    x[at++] = dc.btts;
    for (const w of windows) {
      form.means(m.homeTeamId, w, homeForm, 0);
      form.means(m.awayTeamId, w, awayForm, 0);
      for (let s = 0; s < stats; s++) x[at++] = (homeForm[s] ?? 0) - (awayForm[s] ?? 0);
    }
    const cap = params.matches_played_cap;
    x[at++] = Math.min(cap, home.matches);
    x[at++] = Math.min(cap, away.matches);
    x[at++] = Math.min(cap, home.competitionMatches);
    x[at++] = Math.min(cap, away.competitionMatches);
    x[at++] = restDays(home, m.startTimeMs);
    x[at++] = restDays(away, m.startTimeMs);
    const rates = league.get(competition, m.sex);
    x[at++] = rates.homeWin;
    x[at++] = rates.draw;
    x[at++] = rates.goals;
    x[at++] = rates.homeAdvantage;
    x[at++] = rates.weight;
    const homeStanding = tables.standing(competition, m.season, m.homeTeamId);
    const awayStanding = tables.standing(competition, m.season, m.awayTeamId);
    x[at++] = (homeStanding.progress + awayStanding.progress) / 2;
    x[at++] = homeStanding.pointsPerMatch - awayStanding.pointsPerMatch;
    x[at++] = homeStanding.position - awayStanding.position;
    x[at++] = homeStanding.stakes;
    x[at++] = awayStanding.stakes;
    x[at++] = homeStanding.reachTop;
    x[at++] = awayStanding.reachTop;
    x[at++] = homeStanding.dropRisk;
    x[at++] = awayStanding.dropRisk;
    // Without enough statistics on either side every shot feature stays at its neutral 0.
    const history =
      shots.count(m.homeTeamId) >= shotParams.min_matches &&
      shots.count(m.awayTeamId) >= shotParams.min_matches;
    if (!history) return;
    x[at++] = 1;
    const [targetHome, targetAway] = shotRatings.expectedGoals(competition, m.homeTeamId, m.awayTeamId);
    x[at++] = targetHome - targetAway;
    x[at++] = Math.log(targetHome / targetAway);
    for (const w of shotParams.windows) {
      shots.means(m.homeTeamId, w, homeShots, 0);
      shots.means(m.awayTeamId, w, awayShots, 0);
      for (let s = 0; s < SHOT_STATS.length; s++) x[at++] = (homeShots[s] ?? 0) - (awayShots[s] ?? 0);
    }
  };

  const settle = (teamId: number, team: TeamState, startMs: number): void => {
    team.matches += 1;
    team.competitionMatches += 1;
    team.lastStartMs = startMs;
    if (team.competitionMatches === params.entrant.settle_matches && !team.founding) {
      const p = pi.get(teamId);
      const g = goals.get(teamId);
      const f = fastGoals.get(teamId);
      entrants.record(team.from, team.competition, [
        elo.rating(teamId),
        p.home,
        p.away,
        g.attack,
        g.defence,
        f.attack,
        f.defence,
      ]);
    }
  };

  let start = 0;
  while (start < n) {
    const kickOff = matches[start]?.startTimeMs ?? 0;
    let end = start;
    while (end < n && matches[end]?.startTimeMs === kickOff) end++;
    const states: [TeamState, TeamState][] = [];
    for (let row = start; row < end; row++) {
      const m = matches[row] as MatchRecord;
      const competition = competitionKey(m);
      if (!competitionStart.has(competition)) competitionStart.set(competition, m.startTimeMs);
      const home = enter(m.homeTeamId, m, competition);
      const away = enter(m.awayTeamId, m, competition);
      tables.enter(competition, m.season, m.homeTeamId);
      tables.enter(competition, m.season, m.awayTeamId);
      states.push([home, away]);
      writeRow(row, m, competition, home, away);
      const finished = isFinished(m);
      if (finished) outcome[row] = outcomeOf(m.homeScore as number, m.awayScore as number);
      // A postponed fixture keeps the predictions already logged but gets no new ones.
      isFuture[row] = !finished && m.status === 'scheduled' && m.startTimeMs >= options.nowMs ? 1 : 0;
    }
    // Only now, with every row of this instant written, do its results become history.
    for (let row = start; row < end; row++) {
      const m = matches[row] as MatchRecord;
      if (!isFinished(m)) continue;
      const hg = m.homeScore as number;
      const ag = m.awayScore as number;
      const competition = competitionKey(m);
      const [home, away] = states[row - start] as [TeamState, TeamState];
      const mean = competitionMean.get(competition) ?? params.elo.initial;
      const pairMean = (elo.rating(m.homeTeamId) + elo.rating(m.awayTeamId)) / 2;
      competitionMean.set(competition, mean + 0.01 * (pairMean - mean));
      elo.update(m.homeTeamId, m.awayTeamId, hg, ag);
      pi.update(m.homeTeamId, m.awayTeamId, hg, ag);
      goals.update(competition, m.homeTeamId, m.awayTeamId, hg, ag);
      fastGoals.update(competition, m.homeTeamId, m.awayTeamId, hg, ag);
      dixonColes.record(competition, m.homeTeamId, m.awayTeamId, hg, ag, m.startTimeMs);
      form.record(m.homeTeamId, hg, ag);
      form.record(m.awayTeamId, ag, hg);
      league.update(competition, m.sex, hg, ag);
      tables.record(competition, m.season, m.homeTeamId, m.awayTeamId, hg, ag);
      const counts = completeShots(m.stats);
      const w = shotParams.goal_weight;
      const perShot = shotParams.goals_per_shot_on_target;
      adjustedGoals.update(
        competition,
        m.homeTeamId,
        m.awayTeamId,
        counts ? w * hg + (1 - w) * perShot * counts[0] : hg,
        counts ? w * ag + (1 - w) * perShot * counts[1] : ag,
      );
      if (counts) {
        const [hst, ast, hs, as] = counts;
        shotRatings.update(competition, m.homeTeamId, m.awayTeamId, hst, ast);
        shots.record(m.homeTeamId, hst, ast, hs, as);
        shots.record(m.awayTeamId, ast, hst, as, hs);
      }
      settle(m.homeTeamId, home, m.startTimeMs);
      settle(m.awayTeamId, away, m.startTimeMs);
    }
    start = end;
  }
  return { featureNames: names, n, d, x, matches, outcome, isFuture };
}
