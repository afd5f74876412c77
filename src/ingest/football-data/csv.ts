/**
 * CSV text → records with the 1-based line each starts on, so a bad row can be reported as file:line. Read by
 * csv-parse: CRLF or LF, quoted fields (with "" escapes and embedded commas or newlines), records of any length
 * (football-data's older files are ragged and end rows with empty columns), stray quotes inside an unquoted
 * field kept as text (`relax_quotes`), a leading BOM dropped, empty lines skipped. Anything csv-parse cannot
 * read (a quote never closed, text after a closing quote) makes the whole text unreadable: `CsvFormatError`
 * names the line and column.
 *
 * @example
 * parseCsv('Div,Date\r\n\r\nE0,15/08/2025\r\n'); // [{ line: 1, fields: ['Div', 'Date'] }, { line: 3, … }]
 */
import { CsvError, type Options, parse } from 'csv-parse/sync';
import { ExpectedError } from '../../domain/expected-error.ts';

export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

/** Text csv-parse cannot read. `line` and `column` are 1-based; `column` is undefined when unknown. */
export class CsvFormatError extends ExpectedError {
  override readonly name = 'CsvFormatError';
  constructor(
    readonly line: number,
    readonly column: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

const OPTIONS: Readonly<Options> = {
  bom: true,
  info: true,
  // All three, CRLF first: left to discover one, csv-parse would glue a stray LF line in a CRLF file to the next.
  record_delimiter: ['\r\n', '\n', '\r'],
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
};

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/** Line breaks inside a record's fields, counted as csv-parse counts lines (each CR or LF is one). */
function breaksIn(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) {
    for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++;
    for (let i = f.indexOf('\r'); i >= 0; i = f.indexOf('\r', i + 1)) n++;
  }
  return n;
}

/** The first non-empty line after `line` (where a record that failed to parse began). */
function nextContentLine(text: string, line: number): number {
  const lines = text.split(/\r\n|\r|\n/);
  let at = line;
  while (at < lines.length && lines[at] === '') at++;
  return at + 1;
}

function formatError(error: CsvError, text: string, lastRecordEnd: number): CsvFormatError {
  const info = error as CsvError & { lines?: number; column?: number | string | null };
  const column = typeof info.column === 'number' ? info.column + 1 : undefined;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    // csv-parse names the last line of the file; the reader needs the line the open quote is on.
    const line = nextContentLine(text, lastRecordEnd);
    return new CsvFormatError(line, column, `a quote opened on line ${line} is never closed`);
  }
  const line = info.lines ?? lastRecordEnd + 1;
  const detail = error.message.replace(/^[^:]*:\s*/, '').replace(/ at line \d+/, '');
  return new CsvFormatError(line, column, `cannot read line ${line}: ${detail}`);
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  // Line the latest record ended on: a record starts on the next one unless empty lines were skipped between.
  let lastEnd = 0;
  let rows: ParsedRecord[];
  try {
    rows = parse(text, OPTIONS) as unknown as ParsedRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw formatError(error, text, lastLineOfCompleteRecords(text, error));
  }
  for (const { record, info } of rows) {
    const end = info.lines;
    const start = end - lastEnd > 1 ? end - breaksIn(record) : end;
    lastEnd = end;
    records.push({ line: start, fields: record });
  }
  return records;
}

/** The line the last fully read record ended on, before `error` (0 when none was). */
function lastLineOfCompleteRecords(text: string, error: CsvError): number {
  const records = (error as { records?: number }).records ?? 0;
  if (records === 0) return 0;
  const rows = parse(text, { ...OPTIONS, to: records }) as unknown as ParsedRecord[];
  return rows.at(-1)?.info.lines ?? 0;
}

/** True for a row with no content: one made only of commas and blanks. */
export function isBlankRecord(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}
