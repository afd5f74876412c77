import { describe, expect, it } from 'vitest';
import { formatImportSummary } from '../../../src/cli/commands/import.ts';
import { type ImportSummary, zeroTotals } from '../../../src/ingest/football-data/import.ts';
import { importFailures } from '../../../src/ingest/football-data/import-failures.ts';
import type { SkippedRow } from '../../../src/ingest/football-data/parsed-match.ts';

const summary = (problems: SkippedRow[], rejected: SkippedRow[] = []): ImportSummary => ({
  ...zeroTotals(),
  files: 3,
  rowsRead: 10,
  matchesInserted: 5,
  rowsSkipped: {},
  postponed: 0,
  problems,
  rejected,
});
const report = (kind: SkippedRow['kind'], line = 2): SkippedRow => ({
  file: 'E0.csv',
  line,
  kind,
  reason: 'x',
});

describe('importFailures (the import exits 1 when it is not empty)', () => {
  it('is empty when nothing was left out: blank rows, exact duplicates and non-match CSVs lose nothing', () => {
    expect(importFailures(summary([]))).toEqual([]);
    expect(importFailures(summary([report('duplicate'), report('unrecognised-file', 1)]))).toEqual([]);
  });

  it('fails an import whose files hold no match data at all: nothing the user asked for was done', () => {
    const none = {
      ...summary([report('unrecognised-file', 1), report('unrecognised-file', 1)]),
      files: 2,
      rowsRead: 0,
    };
    expect(importFailures(none)).toEqual([
      'none of the 2 files held match data in a layout this importer reads (see above); nothing was imported',
    ]);
  });

  it('says, one line per kind, what was left out and what to do', () => {
    const problems = [report('malformed'), report('malformed', 3), report('conflict'), report('truncated')];
    expect(importFailures(summary(problems, [report('rejected-file', 1)]))).toEqual([
      '1 file rejected, nothing imported from it (see above); fix or remove it and import again',
      '1 file cut off mid-row, the last row not imported (see above); fetch it again and import again',
      '2 malformed rows not imported (see above); correct them and import again',
      '1 match read twice with different scores, the later row kept (see above); correct the wrong row and import again',
    ]);
  });

  it('does not fail on cell warnings: their matches were imported, only the cell was not used', () => {
    expect(importFailures(summary([report('malformed-cell'), report('result-mismatch')]))).toEqual([]);
  });

  it('fails on a single malformed row or a single conflict', () => {
    expect(importFailures(summary([report('malformed')]))).toHaveLength(1);
    expect(importFailures(summary([report('conflict'), report('conflict')]))).toEqual([
      '2 matches read twice with different scores, the later row kept (see above); correct the wrong row and import again',
    ]);
  });
});

describe('formatImportSummary', () => {
  it('lists what fails the import before the warnings, and counts the cell warnings', () => {
    const warnings = Array.from({ length: 60 }, (_, i) => report('malformed-cell', i + 2));
    const text = formatImportSummary(
      summary([...warnings, report('result-mismatch', 70), report('malformed', 71)]),
      1,
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('  malformed: E0.csv:71: x');
    expect(lines[1]).toBe('  malformed-cell: E0.csv:2: x');
    expect(text).toContain('  … and 12 more\n');
    expect(text).toContain('cell warnings: 60 malformed cells, 1 result contradicting its score\n');
    expect(formatImportSummary(summary([]), 1)).toContain('cell warnings: none\n');
  });

  it('says how many overdue fixtures it marked postponed, and nothing when none', () => {
    expect(formatImportSummary({ ...summary([]), postponed: 2 }, 1)).toContain(
      'postponed: 2 fixtures whose kick-off is long past with no result in the data (params sync.postponed_after_hours)\n',
    );
    expect(formatImportSummary(summary([]), 1)).not.toContain('postponed');
  });
});
