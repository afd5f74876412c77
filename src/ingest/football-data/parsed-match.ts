/** What the football-data parsers produce: one match with its region, teams, result and 1X2 prices. */
import type { MatchStats, MatchStatus, Sex } from '../../domain/match.ts';
import type { OddsKind } from './bookmakers.ts';
import type { RegionSpec } from './regions.ts';

export interface ParsedOdds {
  readonly bookmaker: string;
  readonly kind: OddsKind;
  readonly home: number;
  readonly draw: number;
  readonly away: number;
}

export interface ParsedMatch {
  /** 1-based line in the source file, for reports. */
  readonly line: number;
  readonly source: 'football-data' | 'footystats';
  /** Stable identity across re-imports: source, competition, local date and both team names. */
  readonly sourceKey: string;
  readonly region: RegionSpec;
  readonly competition: string;
  readonly season: string;
  readonly sex: Sex;
  readonly startTimeMs: number;
  readonly homeTeam: string;
  readonly awayTeam: string;
  readonly homeScore: number | null;
  readonly awayScore: number | null;
  readonly status: MatchStatus;
  readonly odds: readonly ParsedOdds[];
  /** Shots, shots on target and corners; null when the file has none of them for this row. */
  readonly stats: MatchStats | null;
}

/**
 * A row that was not imported and why. `blank` rows are only counted; `malformed` and `duplicate` ones are
 * reported; `unrecognised-file` is a whole file whose header is no known layout (e.g. MANIFEST.csv).
 */
export interface SkippedRow {
  readonly file: string;
  readonly line: number;
  readonly kind: 'blank' | 'malformed' | 'duplicate' | 'unrecognised-file';
  readonly reason: string;
}

export interface ParsedFile {
  readonly file: string;
  readonly format: 'main' | 'new' | 'footystats';
  readonly encoding: 'utf-8' | 'windows-1252';
  /** Data rows read (header excluded, blank rows included). */
  readonly rowsRead: number;
  readonly matches: readonly ParsedMatch[];
  readonly skipped: readonly SkippedRow[];
}
