/**
 * A checkpoint of the feature table builder (issue #13, Speed): its state at a kick-off boundary with the rows
 * before it and the matches they came from, and the test of whether a new list of matches may resume from it.
 */
import type { MatchRecord } from '../domain/match.ts';
import { type BuilderState, newBuilderState } from './feature-builder-state.ts';
import type { FeatureParams } from './feature-params.ts';

/**
 * The builder's state as of a kick-off boundary, with the rows before it and the matches they were computed from:
 * enough to compute a later table from that boundary on instead of from the first match.
 */
export interface FeatureCheckpoint {
  readonly paramsKey: string;
  /** The rows before the boundary, in row order. */
  readonly matches: readonly MatchRecord[];
  readonly x: Float64Array;
  readonly outcome: Int8Array;
  readonly state: BuilderState;
}

function sameMatch(a: MatchRecord, b: MatchRecord): boolean {
  if (
    a.matchId !== b.matchId ||
    a.regionId !== b.regionId ||
    a.competition !== b.competition ||
    a.season !== b.season ||
    a.sex !== b.sex ||
    a.startTimeMs !== b.startTimeMs ||
    a.homeTeamId !== b.homeTeamId ||
    a.awayTeamId !== b.awayTeamId ||
    a.homeScore !== b.homeScore ||
    a.awayScore !== b.awayScore ||
    a.status !== b.status
  )
    return false;
  const s = a.stats ?? null;
  const t = b.stats ?? null;
  if (s === null || t === null) return s === t;
  return (
    s.homeShots === t.homeShots &&
    s.awayShots === t.awayShots &&
    s.homeShotsTarget === t.homeShotsTarget &&
    s.awayShotsTarget === t.awayShotsTarget &&
    s.homeCorners === t.homeCorners &&
    s.awayCorners === t.awayCorners &&
    s.homeXg === t.homeXg &&
    s.awayXg === t.awayXg
  );
}

/** True when `matches` (sorted) begin with exactly the checkpoint's rows and nothing shares its last kick-off. */
export function resumes(
  checkpoint: FeatureCheckpoint,
  matches: readonly MatchRecord[],
  paramsKey: string,
): boolean {
  const k = checkpoint.matches.length;
  if (k === 0 || k > matches.length || checkpoint.paramsKey !== paramsKey) return false;
  for (let i = 0; i < k; i++) {
    if (!sameMatch(matches[i] as MatchRecord, checkpoint.matches[i] as MatchRecord)) return false;
  }
  // A new match at the boundary's last kick-off would have been written before that instant's results were folded.
  return (
    k === matches.length ||
    (matches[k] as MatchRecord).startTimeMs !== (matches[k - 1] as MatchRecord).startTimeMs
  );
}

export function emptyCheckpoint(params: FeatureParams): FeatureCheckpoint {
  return {
    paramsKey: JSON.stringify(params),
    matches: [],
    x: new Float64Array(0),
    outcome: new Int8Array(0),
    state: newBuilderState(params),
  };
}
