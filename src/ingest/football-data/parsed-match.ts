/** What the football-data parsers produce: one match with its region, teams, result, 1X2 and over/under prices. */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { MatchStats, SourcedMatch } from '../../domain/match.ts';
import type { OddsKind } from './bookmakers.ts';
import type { RegionSpec } from './regions.ts';

export interface ParsedOdds {
  readonly bookmaker: string;
  readonly kind: OddsKind;
  readonly home: number;
  readonly draw: number;
  readonly away: number;
}

/** An over/under 2.5 goals price pair. */
export interface ParsedOverUnder {
  readonly bookmaker: string;
  readonly kind: OddsKind;
  readonly over: number;
  readonly under: number;
}

/** One row of a provider's file; its sourceKey joins source, competition, local date and both team names. */
export interface ParsedMatch extends SourcedMatch {
  /** 1-based line in the source file, for reports. */
  readonly line: number;
  readonly source: 'football-data' | 'footystats';
  readonly region: RegionSpec;
  readonly odds: readonly ParsedOdds[];
  /** Over/under 2.5 goals prices (football-data from 2019-20, older BetBrain averages, FootyStats). */
  readonly overUnder: readonly ParsedOverUnder[];
  /** Shots, shots on target and corners; null when the file has none of them for this row. */
  readonly stats: MatchStats | null;
  /**
   * Set when the file names no season (new_league_fixtures.csv): the match's local date, whose season the reader
   * labels in its league's style (inLeagueSeason, seasons.ts); `season` is the calendar year until then.
   */
  readonly unnamedSeasonDate?: CalendarDate;
}

/**
 * A row or file that was not imported, or a cell of an imported row that was not used, and why. `blank` rows
 * are only counted. `malformed` and `duplicate` rows are reported and skipped while the rest of their file
 * imports; a `conflict` is a duplicate whose result differs from the row that replaced it (duplicates.ts).
 * `rejected-file`: the file cannot be read as a whole (CSV that cannot be parsed, bytes that are not text, a
 * match header lacking a required column or fitting no layout, no header at all) and nothing of it is
 * imported. `unrecognised-file`: a header of no match layout at all (e.g. MANIFEST.csv); ignored when found
 * inside a folder, rejected when the file was named itself. The cell warnings (`CELL_WARNING_KINDS`,
 * cells.ts) name a cell of a row that was imported without it: `malformed-cell` (a price that is no decimal
 * price, that bookmaker's price left out; a result letter other than H, D, A) and `result-mismatch` (a result
 * letter contradicting the score, which is kept). `short-rows` and `long-rows` (row-lengths.ts) are one per file,
 * on its header line: how many imported rows stop before the header's last column, or hold values past it.
 * `unread-prices` (one per file: price columns the layout does not read) and `unknown-division` (one per Div code
 * not known by name, stored under it) are in unknown-columns.ts.
 * `other-source`: a FootyStats file's rows of a league football-data also covers, left out (league-sources.ts).
 */
export interface SkippedRow {
  readonly file: string;
  /** 1-based line of the row (of the header for a file-level problem); 0 when the file could not be opened. */
  readonly line: number;
  /** The header name (or `column N`) of the field at fault, when one is. */
  readonly column?: string;
  /**
   * `truncated`: the file ends mid-row with no line end (a cut-off download); the row is not imported and the
   * file is suspect, so the import command exits 1 and a provider sync rejects the file and pulls it again.
   */
  readonly kind:
    | 'blank'
    | 'malformed'
    | 'truncated'
    | 'duplicate'
    | 'conflict'
    | 'rejected-file'
    | 'unrecognised-file'
    | 'other-source'
    | CellWarningKind;
  readonly reason: string;
}

/** Reports on cells of imported rows: the match is in the database, without what those cells said. */
export const CELL_WARNING_KINDS = [
  'malformed-cell',
  'result-mismatch',
  'short-rows',
  'long-rows',
  'unread-prices',
  'unknown-division',
] as const;
export type CellWarningKind = (typeof CELL_WARNING_KINDS)[number];

export const isCellWarning = (p: SkippedRow) => (CELL_WARNING_KINDS as readonly string[]).includes(p.kind);

/** What a count of each kind is called, one and many. */
const COUNTED = {
  malformed: ['malformed row', 'malformed rows'],
  conflict: ['conflict', 'conflicts'],
  'malformed-cell': ['malformed cell', 'malformed cells'],
  'result-mismatch': ['result contradicting its score', 'results contradicting their score'],
  'short-rows': ['file with rows shorter than its header', 'files with rows shorter than their header'],
  'long-rows': ['file with values past its header', 'files with values past their header'],
  'unread-prices': ['file with price columns not imported', 'files with price columns not imported'],
  'unknown-division': ['division not known by name', 'divisions not known by name'],
} as const satisfies Partial<Record<SkippedRow['kind'], readonly [string, string]>>;

export type CountedKind = keyof typeof COUNTED;

/**
 * Problems of the given kinds counted, as one line: `1 malformed row, 61 malformed cells` (kinds with none left
 * out; empty when there are none at all).
 */
export function describeProblemCounts(
  problems: readonly SkippedRow[],
  kinds: readonly CountedKind[],
): string {
  return kinds
    .map((kind) => [problems.filter((p) => p.kind === kind).length, COUNTED[kind]] as const)
    .filter(([n]) => n > 0)
    .map(([n, [one, many]]) => `${n} ${n === 1 ? one : many}`)
    .join(', ');
}

/** `path:line [column]: reason`, the form every reported problem takes. */
export function describeProblem(p: SkippedRow): string {
  const where = p.line > 0 ? `${p.file}:${p.line}` : p.file;
  return `${where}${p.column === undefined ? '' : ` [${p.column}]`}: ${p.reason}`;
}

/** Rows skipped by reason, as one line: `blank row 19918, missing date 1` (empty when none). */
export function describeSkipped(rowsSkipped: Readonly<Record<string, number>>): string {
  return Object.entries(rowsSkipped)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
}

export interface ParsedFile {
  readonly file: string;
  readonly format: 'main' | 'new' | 'footystats';
  readonly encoding: 'utf-8' | 'windows-1252';
  /** An upcoming-fixtures file: every match is `scheduled` and must not overwrite a stored result. */
  readonly fixtures: boolean;
  /** Data rows read (header excluded; comma-only rows included, empty lines not). */
  readonly rowsRead: number;
  readonly matches: readonly ParsedMatch[];
  readonly skipped: readonly SkippedRow[];
}
