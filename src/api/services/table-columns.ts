/**
 * Typed reads of a decoded artifact table's columns. A missing required column is an error (the file is
 * broken and the last good copy stays in service); missing optional columns read as null.
 */
import type { CellValue, Table } from '../../storage/parquet.ts';

export class ArtifactShapeError extends Error {
  override readonly name = 'ArtifactShapeError';
}

export function requiredColumn(table: Table, name: string): readonly CellValue[] {
  const column = table[name];
  if (!column) throw new ArtifactShapeError(`column ${name} is missing`);
  return column;
}

export function optionalColumn(table: Table, name: string, rows: number): readonly CellValue[] {
  return table[name] ?? new Array<CellValue>(rows).fill(null);
}

export function numberAt(column: readonly CellValue[], i: number, name: string): number {
  const v = column[i];
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ArtifactShapeError(`row ${i}: ${name} is not a number`);
  return v;
}

export function nullableNumberAt(column: readonly CellValue[], i: number): number | null {
  const v = column[i];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Long files repeat the same few strings (team, region, stage names): one copy each keeps RSS down. */
export function createInterner(): (value: CellValue | undefined) => string | null {
  const seen = new Map<string, string>();
  return (value) => {
    if (value === null || value === undefined) return null;
    const text =
      (value as unknown) instanceof Date ? (value as unknown as Date).toISOString() : String(value);
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
}

/** ISO 8601 text of a timestamp cell (strings pass through, Dates are formatted). */
export function isoAt(column: readonly CellValue[], i: number): string | null {
  const v = column[i] as unknown;
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

export function booleanAt(column: readonly CellValue[], i: number): boolean | null {
  const v = column[i];
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  return v === 1 || v === 'true';
}
