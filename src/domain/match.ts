/** Matches as the rest of the system sees them. */
export const MATCH_STATUSES = ['scheduled', 'live', 'finished', 'postponed', 'cancelled'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** 0 = men, 1 = women (the `sex` feature and column). */
export type Sex = 0 | 1;

/** Match statistics of a finished match; a value is null when the source left it blank. */
export interface MatchStats {
  readonly homeShots: number | null;
  readonly awayShots: number | null;
  readonly homeShotsTarget: number | null;
  readonly awayShotsTarget: number | null;
  readonly homeCorners: number | null;
  readonly awayCorners: number | null;
  /** Expected goals, where the source gives them (FootyStats files); null elsewhere. */
  readonly homeXg: number | null;
  readonly awayXg: number | null;
}

/** Statistics with the given values and every other one missing (null). */
export function matchStats(known: Partial<MatchStats>): MatchStats {
  return {
    homeShots: null,
    awayShots: null,
    homeShotsTarget: null,
    awayShotsTarget: null,
    homeCorners: null,
    awayCorners: null,
    homeXg: null,
    awayXg: null,
    ...known,
  };
}

/** When a match kicks off, in which competition, and how it ended: what every source and layer says alike. */
export interface MatchFacts {
  readonly competition: string;
  readonly season: string;
  readonly sex: Sex;
  /** Kick-off, milliseconds since the epoch (UTC). */
  readonly startTimeMs: number;
  /** Null until the match is finished. */
  readonly homeScore: number | null;
  readonly awayScore: number | null;
  readonly status: MatchStatus;
}

/** A match as a source gives it: teams by name, and a key that stays the same across re-imports. */
export interface SourcedMatch extends MatchFacts {
  readonly sourceKey: string;
  readonly homeTeam: string;
  readonly awayTeam: string;
}

/** One match in kick-off order, the input of feature engineering and training. */
export interface MatchRecord extends MatchFacts {
  readonly matchId: number;
  readonly regionId: number;
  readonly homeTeamId: number;
  readonly awayTeamId: number;
  /** Shots and corners when the source has them (football-data main leagues); absent or null otherwise. */
  readonly stats?: MatchStats | null;
}

export function isFinished(m: Pick<MatchRecord, 'homeScore' | 'awayScore' | 'status'>): boolean {
  return m.status === 'finished' && m.homeScore !== null && m.awayScore !== null;
}
