/**
 * What an import left out that a person must fix, one line per kind: `matchcast import` and the pipeline's
 * ingest stage both exit 1 on it (issue #16: a non-zero exit when anything was rejected).
 */
import type { ImportSummary } from './import.ts';
import type { SkippedRow } from './parsed-match.ts';

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
const itOrThem = (n: number) => (n === 1 ? 'it' : 'them');

/**
 * The problems that leave something out, each kind's line saying what and what to do. The other kinds lose
 * nothing: blank rows, exact duplicates, a CSV inside a folder that is not match data (MANIFEST.csv), and cell
 * warnings (a malformed price, a result letter contradicting the score), whose match is imported without that
 * cell; the real folder carries dozens of those provider slips, and failing on them would fail every import of it.
 */
const FAILURES = {
  truncated: (n: number) =>
    `${plural(n, 'file')} cut off mid-row, the last row not imported (see above); fetch ${itOrThem(n)} again and import again`,
  malformed: (n: number) =>
    `${plural(n, 'malformed row')} not imported (see above); correct ${itOrThem(n)} and import again`,
  'other-source': (n: number) =>
    `${plural(n, 'FootyStats file')} with rows of a league football-data also covers, those rows not imported (see above); give each league one source`,
  conflict: (n: number) =>
    `${plural(n, 'match', 'matches')} read twice with different scores, the later row kept (see above); correct the wrong row and import again`,
} satisfies Partial<Record<SkippedRow['kind'], (n: number) => string>>;

/** Whether this problem left a row out (or kept the wrong one of two). */
export const leavesOut = (p: SkippedRow): boolean => Object.hasOwn(FAILURES, p.kind);

/** What the import left out, one line per kind; empty when everything was imported. */
export function importFailures(s: ImportSummary): string[] {
  const lines: string[] = [];
  const rejected = s.rejected.length;
  if (rejected > 0) {
    lines.push(
      `${plural(rejected, 'file')} rejected, nothing imported from ${itOrThem(rejected)} (see above); fix or remove ${itOrThem(rejected)} and import again`,
    );
  }
  for (const [kind, line] of Object.entries(FAILURES)) {
    const n = s.problems.filter((p) => p.kind === kind).length;
    if (n > 0) lines.push(line(n));
  }
  // Files given, none of them match data (a folder of other CSVs, or of a layout no reader knows): the import did
  // nothing the user asked for.
  const ignored = s.problems.filter((p) => p.kind === 'unrecognised-file').length;
  if (s.files > 0 && rejected === 0 && ignored === s.files) {
    lines.push(
      `none of the ${plural(s.files, 'file')} held match data in a layout this importer reads (see above); nothing was imported`,
    );
  }
  return lines;
}
