/**
 * CSV records with the 1-based line each starts on, so a bad row can be reported as file:line. csv-parse does the
 * reading: CRLF or LF, quoted fields (with "" escapes and embedded commas or newlines), records of any length
 * (football-data's older files are ragged), stray quotes inside a field kept as text. A quote that is never
 * closed makes the file unreadable, named by line.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { ExpectedError } from '../../domain/expected-error.ts';

export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

export class CsvFormatError extends ExpectedError {
  override readonly name = 'CsvFormatError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      info: true,
      skip_empty_lines: false,
    }) as unknown as typeof rows;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 0;
    throw new CsvFormatError(line, `cannot read the CSV: ${error.message}`);
  }
  // csv-parse reports the line each record ends on; the next one starts on the line after.
  let next = 1;
  return rows.map(({ record, info }) => {
    const line = next;
    next = info.lines + 1;
    return { line, fields: record };
  });
}

/** True for a row with no content: an empty line or one made only of commas and blanks. */
export function isBlankRecord(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}
