/**
 * Typed reads of an artifact chunk's columns. A missing required column is an error (the file is
 * broken and the last good copy stays in service); missing optional columns read as null.
 */
import type { ChunkColumn, ChunkTable } from '../parquet/decoder-pool.ts';

export class ArtifactShapeError extends Error {
  override readonly name = 'ArtifactShapeError';
}

export function requiredColumn(table: ChunkTable, name: string): ChunkColumn {
  const column = table[name];
  if (!column) throw new ArtifactShapeError(`column ${name} is missing`);
  return column;
}

const NULL_COLUMN: ChunkColumn = { at: () => null };

export function optionalColumn(table: ChunkTable, name: string): ChunkColumn {
  return table[name] ?? NULL_COLUMN;
}

export function numberAt(column: ChunkColumn, i: number, name: string): number {
  const v = column.at(i);
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ArtifactShapeError(`row ${i}: ${name} is not a number`);
  return v;
}

export function nullableNumberAt(column: ChunkColumn, i: number): number | null {
  const v = column.at(i);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function booleanAt(column: ChunkColumn, i: number): boolean | null {
  const v = column.at(i);
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  return v === 1 || v === 'true';
}

const digits = (text: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
};

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const SHAPE: readonly [number, string][] = [
  [4, '-'],
  [7, '-'],
  [10, 'T'],
  [13, ':'],
  [16, ':'],
  [19, '.'],
  [23, 'Z'],
];

/**
 * The instant of a canonical ISO 8601 text, exactly as `Date.prototype.toISOString` writes it
 * (`YYYY-MM-DDTHH:MM:SS.sssZ`), or NaN for any other text. Several times faster than Date.parse, which
 * matters at hundreds of thousands of rows per artifact.
 */
export function canonicalIsoMs(text: string): number {
  if (text.length !== 24 || SHAPE.some(([at, c]) => text[at] !== c)) return Number.NaN;
  const [y, mo, d, h, mi, s, ms] = [
    digits(text, 0, 4),
    digits(text, 5, 7),
    digits(text, 8, 10),
    digits(text, 11, 13),
    digits(text, 14, 16),
    digits(text, 17, 19),
    digits(text, 20, 23),
  ];
  // Date.UTC would roll impossible fields over (February 31st into March) and read years below 100 as 19xx.
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const monthDays = mo === 2 && leap ? 29 : (MONTH_DAYS[mo - 1] ?? 0);
  if (!(y >= 100 && mo >= 1 && mo <= 12 && d >= 1 && d <= monthDays && h <= 23 && mi <= 59 && s <= 59))
    return Number.NaN;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()`, about three times faster for whole milliseconds in the years 1000–9999 (anything
 * else goes through Date): every precomputed answer writes two timestamps, and Date's formatting was some 5 % of
 * such an answer's CPU. The calendar date comes from the day count by Howard Hinnant's `civil_from_days`
 * (proleptic Gregorian, as Date).
 */
export function isoText(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const z = days + 719_468; // days since 0000-03-01, when the leap day ends a year of the 400-year cycle
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (!(year >= 1000 && year <= 9999 && Number.isInteger(ms))) return new Date(ms).toISOString();
  const inDay = ms - days * 86_400_000;
  const clock = `${pad2(Math.floor(inDay / 3_600_000))}:${pad2(Math.floor(inDay / 60_000) % 60)}:${pad2(Math.floor(inDay / 1000) % 60)}`;
  return `${year}-${pad2(month)}-${pad2(day)}T${clock}.${pad3(inDay % 1000)}Z`;
}

/** The instant of any timestamp text: the canonical form quickly, anything else through Date.parse. */
export function instantOf(text: string): number {
  const ms = canonicalIsoMs(text);
  return Number.isNaN(ms) ? Date.parse(text) : ms;
}

/**
 * Timestamps as epoch milliseconds (8 bytes a row instead of a 24-character string each). A cell keeps its own
 * text only when that text is not the canonical ISO form of its instant, so every answer shows what the file said.
 */
export class TimestampColumn {
  readonly #ms: Float64Array;
  readonly #text = new Map<number, string>();
  #lastMs = Number.NaN;
  #lastText = '';

  constructor(capacity: number) {
    this.#ms = new Float64Array(capacity).fill(Number.NaN);
  }

  /** Stores row `i`'s text and returns its instant (NaN when null or not a timestamp). */
  set(i: number, text: string | null): number {
    if (text === null) return Number.NaN;
    let ms = canonicalIsoMs(text);
    if (Number.isNaN(ms)) {
      ms = Date.parse(text);
      this.#text.set(i, text);
    }
    this.#ms[i] = ms;
    return ms;
  }

  ms(i: number): number {
    return this.#ms[i] ?? Number.NaN;
  }

  text(i: number): string | null {
    const own = this.#text.get(i);
    if (own !== undefined) return own;
    const ms = this.ms(i);
    if (Number.isNaN(ms)) return null;
    // Rows often share an instant (a batch's computed_at, a round's kick-off): the last text is reused.
    if (ms !== this.#lastMs) {
      this.#lastMs = ms;
      this.#lastText = isoText(ms);
    }
    return this.#lastText;
  }
}

/** Strings stored as indexes into one list of distinct values: team, region and stage names repeat a lot. */
export class DictionaryColumn {
  readonly #codes: Uint32Array;
  readonly #values: (string | null)[] = [null];
  readonly #codeOf = new Map<string, number>();

  constructor(capacity: number) {
    this.#codes = new Uint32Array(capacity);
  }

  set(i: number, value: string | null): void {
    if (value === null) return;
    let code = this.#codeOf.get(value);
    if (code === undefined) {
      code = this.#values.length;
      this.#values.push(value);
      this.#codeOf.set(value, code);
    }
    this.#codes[i] = code;
  }

  get(i: number): string | null {
    return this.#values[this.#codes[i] ?? 0] ?? null;
  }
}

/** Nullable 32-bit integers (ids, scores, codes): an Int32Array with its smallest value standing for null. */
export class NullableIntColumn {
  static readonly #NULL = -(2 ** 31);
  readonly #values: Int32Array;

  constructor(capacity: number) {
    this.#values = new Int32Array(capacity).fill(NullableIntColumn.#NULL);
  }

  set(i: number, value: number | null): void {
    if (value === null) return;
    if (!Number.isInteger(value) || value <= NullableIntColumn.#NULL || value >= 2 ** 31)
      throw new ArtifactShapeError(`row ${i}: ${value} is not a 32-bit integer`);
    this.#values[i] = value;
  }

  get(i: number): number | null {
    const v = this.#values[i];
    return v === undefined || v === NullableIntColumn.#NULL ? null : v;
  }
}

/** Text of a cell (timestamps as ISO 8601), or null. */
export function textAt(column: ChunkColumn, i: number): string | null {
  const v = column.at(i) as unknown;
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : String(v);
}

/**
 * Row positions by match id: the ids sorted once, then a binary search per lookup. 12 bytes a row in two typed
 * arrays, where a Map of 200,000 numbers costs several times that in V8's large-object space.
 */
export class IdIndex {
  readonly #ids: Float64Array;
  readonly #rows: Uint32Array;

  /** Indexes the first `size` ids; a repeated id resolves to its last row, as a Map would. */
  constructor(ids: Float64Array, size: number) {
    const rows = new Uint32Array(size);
    for (let i = 0; i < size; i++) rows[i] = i;
    rows.sort((a, b) => (ids[a] as number) - (ids[b] as number) || a - b);
    this.#rows = rows;
    this.#ids = Float64Array.from(rows, (row) => ids[row] as number);
  }

  /** The row of `id`, or -1. */
  rowOf(id: number): number {
    const ids = this.#ids;
    let lo = 0;
    let hi = ids.length - 1;
    // The last of equal ids: lo ends on the first id greater than `id`.
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((ids[mid] as number) <= id) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && ids[hi] === id ? (this.#rows[hi] as number) : -1;
  }
}
