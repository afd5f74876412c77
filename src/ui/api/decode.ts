/**
 * Tiny decoders for the API's JSON. The dashboard checks every field it reads instead of trusting a cast,
 * so a changed API shows a clear error naming the field rather than NaN in a table. Hand-written rather
 * than TypeBox because 100,000 cards are decoded on the main thread and the bundle stays small.
 */
export class DecodeError extends Error {
  constructor(
    readonly path: string,
    expected: string,
  ) {
    super(`unexpected API data at ${path}: expected ${expected}`);
    this.name = 'DecodeError';
  }
}

export type Json = Readonly<Record<string, unknown>>;

export function asObject(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new DecodeError(path, 'object');
  return value as Json;
}

export function asArray(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new DecodeError(path, 'array');
  return value;
}

export function num(o: Json, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DecodeError(`${path}.${key}`, 'number');
  return v;
}

export function numOrNull(o: Json, key: string, path: string): number | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DecodeError(`${path}.${key}`, 'number or null');
  return v;
}

export function str(o: Json, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new DecodeError(`${path}.${key}`, 'string');
  return v;
}

export function strOrNull(o: Json, key: string, path: string): string | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new DecodeError(`${path}.${key}`, 'string or null');
  return v;
}

export function bool(o: Json, key: string, path: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw new DecodeError(`${path}.${key}`, 'boolean');
  return v;
}

export function boolOrNull(o: Json, key: string, path: string): boolean | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'boolean') throw new DecodeError(`${path}.${key}`, 'boolean or null');
  return v;
}

/** A probability in [0, 1], or null when absent (an optional field the API may not send yet). */
export function probOrNull(o: Json, key: string, path: string): number | null {
  const v = numOrNull(o, key, path);
  if (v !== null && (v < 0 || v > 1))
    throw new DecodeError(`${path}.${key}`, 'probability in [0, 1] or null');
  return v;
}

/** An ISO 8601 timestamp as epoch milliseconds. */
export function timeMs(o: Json, key: string, path: string): number {
  const ms = Date.parse(str(o, key, path));
  if (Number.isNaN(ms)) throw new DecodeError(`${path}.${key}`, 'ISO 8601 time');
  return ms;
}

export function outcomeClass(o: Json, key: string, path: string): 0 | 1 | 2 {
  const v = o[key];
  if (v !== 0 && v !== 1 && v !== 2) throw new DecodeError(`${path}.${key}`, '0, 1 or 2');
  return v;
}

export function outcomeClassOrNull(o: Json, key: string, path: string): 0 | 1 | 2 | null {
  return o[key] === null || o[key] === undefined ? null : outcomeClass(o, key, path);
}
