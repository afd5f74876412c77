/** Where in a CSV file's text a problem lies, named as a spreadsheet user reads it: its line and column. */

/** The header's names, read from the first non-empty line (for naming a column in a file that cannot be parsed). */
export function headerNames(text: string): string[] {
  const first = text.split(/\r\n|\r|\n/).find((line) => /[^,\s]/.test(line)) ?? '';
  return first.split(',');
}

/** A header cell as a column name: without spaces around it or a byte-order mark (JavaScript's trim drops both). */
export const headerName = (cell: string): string => cell.trim();

/** `Date` for a named column, `column 7` past the named ones (1-based, as a spreadsheet user counts). */
export function columnName(header: readonly string[], index: number): string {
  const cell = header[index];
  const name = cell === undefined ? undefined : headerName(cell);
  return name ? name : `column ${index + 1}`;
}

/** 1-based line of a text index and the 0-based field it falls in (commas before it on its line). */
export function positionOf(text: string, index: number): { line: number; field: number } {
  const before = text.slice(0, index);
  const line = before.split(/\r\n|\r|\n/).length;
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { line, field: before.slice(lineStart).split(',').length - 1 };
}
