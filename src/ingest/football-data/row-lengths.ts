/**
 * Imported rows whose length does not match the header's, told once per file rather than row by row: the old
 * seasons of the shared data hold about a thousand rows that simply stop before the last betting columns, and a
 * line for each would bury the rest of an import's report.
 */
import type { CsvRecord } from './csv.ts';
import type { SkippedRow } from './parsed-match.ts';

/** The header's columns up to its last named one: empty names after it (`…,GBAH,,,,`) are no columns. */
export function namedColumns(header: readonly string[]): number {
  return header.length - [...header].reverse().findIndex((name) => name.trim() !== '');
}

/** Index of the first field holding a value past the named columns, −1 when none does (empty ones are common). */
const firstValuePast = (named: number, fields: readonly string[]) =>
  fields.findIndex((f, i) => i >= named && f.trim() !== '');

/**
 * At most one `short-rows` and one `long-rows` warning for the imported `rows` of `file`, on its header's line:
 * how many stop before the `named` columns end (the missing cells read as empty) and how many hold values past
 * them (values no column names, so not read), with the first of each.
 */
export function rowLengthWarnings(
  file: string,
  headerLine: number,
  named: number,
  rows: readonly CsvRecord[],
): SkippedRow[] {
  const warnings: SkippedRow[] = [];
  const short = rows.filter((r) => r.fields.length < named);
  if (short.length > 0) {
    const n = short.length;
    const first = short[0]!;
    const at = `${n === 1 ? '' : 'first '}at line ${first.line}: ${first.fields.length} of ${named} fields`;
    warnings.push({
      file,
      line: headerLine,
      kind: 'short-rows',
      reason: `${n} ${n === 1 ? 'row' : 'rows'} shorter than the header (${at}); ${n === 1 ? 'its' : 'their'} missing columns read as empty`,
    });
  }
  const long = rows.filter((r) => firstValuePast(named, r.fields) >= 0);
  if (long.length > 0) {
    const n = long.length;
    const first = long[0]!;
    const field = firstValuePast(named, first.fields) + 1;
    const at = `${n === 1 ? '' : 'first '}at line ${first.line}: field ${field} of ${first.fields.length}`;
    warnings.push({
      file,
      line: headerLine,
      kind: 'long-rows',
      reason: `${n} ${n === 1 ? 'row' : 'rows'} with values past the header's ${named} named columns (${at}); those values are not read`,
    });
  }
  return warnings;
}
