/**
 * The same match read twice (two rows of one file, or rows of two files): what the report on the replaced row
 * says. Rows that agree on the result are a harmless `duplicate` note; rows that disagree are a `conflict`,
 * naming both rows and both results, and make `matchcast import` exit 1.
 */
import type { MatchStatus } from '../../domain/match.ts';
import type { ParsedMatch, SkippedRow } from './parsed-match.ts';

/** Where a match was read and the result it had there: all a later row of the same match is compared with. */
export interface MatchSighting {
  readonly file: string;
  readonly line: number;
  readonly status: MatchStatus;
  readonly homeScore: number | null;
  readonly awayScore: number | null;
}

export function sighting(file: string, m: ParsedMatch): MatchSighting {
  return { file, line: m.line, status: m.status, homeScore: m.homeScore, awayScore: m.awayScore };
}

/** A fixtures file's row: scheduled, or postponed once long past kick-off (parse-file.ts). */
export const isFixture = (s: { readonly status: MatchStatus }) =>
  s.status === 'scheduled' || s.status === 'postponed';

const resultOf = (s: MatchSighting) => (s.homeScore === null ? 'no result' : `${s.homeScore}-${s.awayScore}`);

/** A fixture (still to be played, or overdue) has no result to disagree with; a played match without one does. */
function resultsDisagree(a: MatchSighting, b: MatchSighting): boolean {
  if (isFixture(a) || isFixture(b)) return false;
  return a.homeScore !== b.homeScore || a.awayScore !== b.awayScore;
}

/**
 * The report on `earlier`, which `later` replaces. The later row is kept even when the results disagree: a later
 * file is normally the newer copy (a fresh download, a corrected season), re-importing a corrected file updates
 * the stored score the same way, and skipping both would drop a match that was played from every table and
 * feature of its league. The conflict says which row won, so the wrong one can be corrected.
 */
export function duplicateReport(earlier: MatchSighting, later: MatchSighting): SkippedRow {
  const there = earlier.file === later.file ? `line ${later.line}` : `${later.file}:${later.line}`;
  const reason = `same match ${earlier.file === later.file ? 'again on' : 'also in'} ${there}`;
  const at = { file: earlier.file, line: earlier.line };
  if (!resultsDisagree(earlier, later)) return { ...at, kind: 'duplicate', reason };
  return {
    ...at,
    kind: 'conflict',
    reason: `${reason} with another score: ${resultOf(earlier)} here, ${resultOf(later)} there; ${there} is kept`,
  };
}
