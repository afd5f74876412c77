/** Reading one CSV file of the football-data layouts: its bytes, then its matches. */
import { readFileSync } from 'node:fs';
import type { CsvFile } from './files.ts';
import { type ParseOptions, parseFootballDataFile } from './parse-file.ts';
import type { ParsedFile } from './parsed-match.ts';

/**
 * One file → its parsed matches, or a single `rejected-file` report when it cannot be read. A file named on its
 * own whose header is no match layout is rejected too (inside a folder it is only ignored).
 */
export function readCsvFile(file: CsvFile, options: ParseOptions): ParsedFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file.path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    const reason = `cannot read the file: ${why}`;
    return {
      file: file.path,
      format: 'main',
      encoding: 'utf-8',
      fixtures: false,
      rowsRead: 0,
      matches: [],
      skipped: [{ file: file.path, line: 0, kind: 'rejected-file', reason }],
    };
  }
  const parsed = parseFootballDataFile(file.path, bytes, options);
  if (!file.named) return parsed;
  return {
    ...parsed,
    skipped: parsed.skipped.map((s) =>
      s.kind === 'unrecognised-file'
        ? { ...s, kind: 'rejected-file', reason: `not a match file: ${s.reason}` }
        : s,
    ),
  };
}
