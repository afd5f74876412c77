/**
 * Compact array parameters for bulk statements. Postgres parses every element of an array parameter from
 * text, and in PGlite (Postgres in WebAssembly) that parsing dominates a bulk load: a float8 costs about three
 * times an integer. So numbers travel as integer literals (prices scaled by PRICE_SCALE) and repeated strings
 * as 1-based indexes into a small dictionary array.
 */

/** Prices are sent, and therefore stored, to six decimal places (bookmakers quote two or three). */
export const PRICE_SCALE = 1_000_000;

/** `{1,2,NULL}`: a Postgres array literal of integers (non-integers are rounded). */
export function integerArrayLiteral(values: readonly (number | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    out += v === null || v === undefined ? 'NULL' : String(Math.round(v));
  }
  return `${out}}`;
}

/** A price as a scaled integer; SQL divides by PRICE_SCALE (an exact, correctly rounded division). */
export const scaledPrice = (price: number): number => Math.round(price * PRICE_SCALE);

export interface Dictionary {
  /** The distinct values, for a `$n::text[]` parameter. */
  readonly values: string[];
  /** Per row, the 1-based position of its value in `values`, as an integer array literal. */
  readonly indexes: string;
}

export function dictionaryEncode(column: readonly string[]): Dictionary {
  const positions = new Map<string, number>();
  const values: string[] = [];
  const indexes: number[] = new Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i]!;
    let p = positions.get(v);
    if (p === undefined) {
      values.push(v);
      p = values.length;
      positions.set(v, p);
    }
    indexes[i] = p;
  }
  return { values, indexes: integerArrayLiteral(indexes) };
}
