/** Rows → CSV text for the betting artifacts (csv-stringify: RFC 4180 quoting, null as an empty field). */
import { stringify } from 'csv-stringify/sync';

export function toCsv<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  return stringify(rows as T[], {
    header: true,
    columns: [...columns],
    // Booleans as words, not csv-stringify's default 1 / empty.
    cast: { boolean: (value) => String(value) },
  });
}
