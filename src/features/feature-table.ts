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
import { cloneDataSteps } from './clone-data.ts';
import { eloExpectedHome } from './elo.ts';
import { type BuilderState, newBuilderState, type TeamState } from './feature-builder-state.ts';
import { emptyCheckpoint, type FeatureCheckpoint, resumes } from './feature-checkpoint.ts';
import { featureNames } from './feature-names.ts';
import type { FeatureParams } from './feature-params.ts';
import { FORM_STATS } from './form.ts';
import { poissonOutcome } from './goal-ratings.ts';
import { chanceGoals, SHOT_STATS, shotCounts } from './shot-form.ts';

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
  return finish(build(input, params, options, null, false)).table;
}

/** Runs a stepwise build to its end, in one go. */
function finish<R>(steps: Generator<void, R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export type { FeatureCheckpoint } from './feature-checkpoint.ts';

export interface IncrementalTable {
  readonly table: FeatureTable;
  /** The state before the first match still to be played (or awaiting its result): tomorrow's starting point. */
  readonly checkpoint: FeatureCheckpoint;
  /** The row the build started from (0: computed in full). */
  readonly resumedAt: number;
}

/**
 * The same table as buildFeatureTable, computed from `checkpoint` when the matches before its boundary are
 * exactly the ones it saw (same fields, nothing inserted among them) and the params are the same; from the first
 * match otherwise. Rows depend only on earlier kick-offs, so the result is identical either way. Built one
 * kick-off instant at a time: the generator pauses after each and returns the table, so a caller sharing its
 * thread with a server (`matchcast up`) can take turns (the whole football-data history takes about 30 s).
 */
export function* featureTableSteps(
  input: readonly MatchRecord[],
  params: FeatureParams,
  options: BuildOptions,
  checkpoint: FeatureCheckpoint | null,
): Generator<void, IncrementalTable> {
  const { table, checkpoint: next, resumedAt } = yield* build(input, params, options, checkpoint, true);
  return { table, checkpoint: next ?? emptyCheckpoint(params), resumedAt };
}

function* build(
  input: readonly MatchRecord[],
  params: FeatureParams,
  options: BuildOptions,
  checkpoint: FeatureCheckpoint | null,
  keepCheckpoint: boolean,
): Generator<void, { table: FeatureTable; checkpoint: FeatureCheckpoint | null; resumedAt: number }> {
  const matches = sortByKickOff(input);
  const names = featureNames(params);
  const n = matches.length;
  const d = names.length;
  const x = new Float64Array(n * d);
  const outcome = new Int8Array(n).fill(-1);
  const isFuture = new Uint8Array(n);
  const paramsKey = JSON.stringify(params);
  const resumedAt =
    checkpoint !== null && resumes(checkpoint, matches, paramsKey) ? checkpoint.matches.length : 0;
  let state: BuilderState;
  if (resumedAt > 0 && checkpoint !== null) {
    x.set(checkpoint.x);
    outcome.set(checkpoint.outcome);
    for (let row = 0; row < resumedAt; row++)
      isFuture[row] = futureAt(matches[row] as MatchRecord, options.nowMs);
    // The checkpoint stays untouched: a second build from it must start from the same state.
    state = yield* cloneDataSteps(checkpoint.state);
  } else {
    state = newBuilderState(params);
  }
  // The boundary kept for next time: before the first match whose result may still come.
  let cut = matches.findIndex((m) => !isFinished(m) && (m.status === 'scheduled' || m.status === 'live'));
  if (cut < 0) cut = n;
  let saved: FeatureCheckpoint | null = null;
  const save = function* (rows: number): Generator<void, void> {
    if (!keepCheckpoint) return;
    saved = {
      paramsKey,
      matches: matches.slice(0, rows),
      x: x.slice(0, rows * d),
      outcome: outcome.slice(0, rows),
      state: yield* cloneDataSteps(state),
    };
  };
  yield* foldGroups(
    { params, state, matches, x, d, outcome, isFuture, nowMs: options.nowMs },
    resumedAt,
    cut,
    save,
  );
  const table: FeatureTable = { featureNames: names, n, d, x, matches, outcome, isFuture };
  return { table, checkpoint: saved, resumedAt };
}

/** 1 when the match is not finished and kicks off at or after `nowMs`; a postponed fixture gets no new predictions. */
function futureAt(m: MatchRecord, nowMs: number): 0 | 1 {
  return !isFinished(m) && m.status === 'scheduled' && m.startTimeMs >= nowMs ? 1 : 0;
}

interface FoldTarget {
  readonly params: FeatureParams;
  readonly state: BuilderState;
  readonly matches: readonly MatchRecord[];
  readonly x: Float64Array;
  readonly d: number;
  readonly outcome: Int8Array;
  readonly isFuture: Uint8Array;
  readonly nowMs: number;
}

/**
 * Writes the rows from `from` (a kick-off boundary) to the end, folding each instant's results in after its rows,
 * and pauses after each instant; runs `save(row)` once, at the boundary before the kick-off that holds row `cut`
 * (at the end when cut = n).
 */
function* foldGroups(
  target: FoldTarget,
  from: number,
  cut: number,
  save: (rows: number) => Generator<void, void>,
): Generator<void, void> {
  const { params, matches, x, d, outcome, isFuture, nowMs } = target;
  const {
    form,
    elo,
    pi,
    goals,
    fastGoals,
    entrants,
    league,
    tables,
    competitionMean,
    competitionStart,
    teams,
    shots,
    shotRatings,
    adjustedGoals,
    dixonColes,
  } = target.state;
  const n = matches.length;
  const windows = params.form_windows;
  const stats = FORM_STATS.length;
  const homeForm = new Float64Array(stats);
  const awayForm = new Float64Array(stats);
  const shotParams = params.shots;
  const homeShots = new Float64Array(SHOT_STATS.length);
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

  let saved = false;
  let start = from;
  while (start < n) {
    const kickOff = matches[start]?.startTimeMs ?? 0;
    let end = start;
    while (end < n && matches[end]?.startTimeMs === kickOff) end++;
    if (!saved && end > cut) {
      yield* save(start);
      saved = true;
    }
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
      isFuture[row] = futureAt(m, nowMs);
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
      const chances = chanceGoals(m.stats, shotParams.goals_per_shot_on_target);
      const w = shotParams.goal_weight;
      adjustedGoals.update(
        competition,
        m.homeTeamId,
        m.awayTeamId,
        chances ? w * hg + (1 - w) * chances[0] : hg,
        chances ? w * ag + (1 - w) * chances[1] : ag,
      );
      const counts = shotCounts(m.stats, shotParams.prior);
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
    yield;
  }
  if (!saved) yield* save(n);
}
