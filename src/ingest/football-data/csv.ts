/**
 * A small RFC 4180 reader that keeps the 1-based line number where each record starts, so a malformed row can
 * be reported as file:line. Accepts CRLF or LF, quoted fields (with "" escapes and embedded commas/newlines)
 * and records of any length (football-data's older files are ragged).
 */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let atRecordEnd = false;
    while (!atRecordEnd) {
      let value = '';
      if (text.charCodeAt(i) === 34 /* " */) {
        i++;
        let chunkStart = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            // Unterminated quote: take the rest of the text as the field rather than failing the file.
            value += text.slice(chunkStart);
            i = n;
            break;
          }
          value += text.slice(chunkStart, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            i = q + 2;
            chunkStart = i;
            continue;
          }
          i = q + 1;
          break;
        }
        for (const ch of value) if (ch === '\n') line++;
        // Anything between the closing quote and the next separator is kept (lenient, like relax_quotes).
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        value += text.slice(i, j);
        i = j;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (i >= n) {
        atRecordEnd = true;
      } else if (text.charCodeAt(i) === 44) {
        i++;
        if (i >= n) {
          fields.push('');
          atRecordEnd = true;
        }
      } else {
        if (text.charCodeAt(i) === 13) i++;
        if (text.charCodeAt(i) === 10) i++;
        line++;
        atRecordEnd = true;
      }
    }
    records.push({ line: start, fields });
  }
  return records;
}

/** True for a row with no content: an empty line or one made only of commas and blanks. */
export function isBlankRecord(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}
