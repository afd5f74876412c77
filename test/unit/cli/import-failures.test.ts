import { describe, expect, it } from 'vitest';
import { importFailures } from '../../../src/cli/commands/import.ts';
import { type ImportSummary, zeroTotals } from '../../../src/ingest/football-data/import.ts';
import type { SkippedRow } from '../../../src/ingest/football-data/parsed-match.ts';

const summary = (problems: SkippedRow[], rejected: SkippedRow[] = []): ImportSummary => ({
  ...zeroTotals(),
  files: 3,
  rowsRead: 10,
  matchesInserted: 5,
  rowsSkipped: {},
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

  it('says, one line per kind, what was left out and what to do', () => {
    const problems = [report('malformed'), report('malformed', 3), report('conflict'), report('truncated')];
    expect(importFailures(summary(problems, [report('rejected-file', 1)]))).toEqual([
      '1 file rejected, nothing imported from it (see above); fix or remove it and import again',
      '1 file cut off mid-row, the last row not imported (see above); fetch it again and import again',
      '2 malformed rows not imported (see above); correct them and import again',
      '1 match read twice with different scores, the later row kept (see above); correct the wrong row and import again',
    ]);
  });

  it('fails on a single malformed row or a single conflict', () => {
    expect(importFailures(summary([report('malformed')]))).toHaveLength(1);
    expect(importFailures(summary([report('conflict'), report('conflict')]))).toEqual([
      '2 matches read twice with different scores, the later row kept (see above); correct the wrong row and import again',
    ]);
  });
});
