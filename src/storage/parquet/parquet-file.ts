/**
 * Columnar tables ↔ Parquet bytes, through an in-memory DuckDB. Columns are typed by a small set of kinds;
 * timestamps travel as ISO 8601 strings (the API serves them as such).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  VARCHAR,
} from '@duckdb/node-api';
import type { ColumnKind } from '../../domain/artifact-columns.ts';

export type CellValue = number | string | boolean | null;

export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly values: readonly CellValue[];
}

/** Column-major table: every column has the same length. */
export type Table = Record<string, CellValue[]>;

const duckTypes: Record<ColumnKind, DuckDBType> = {
  double: DOUBLE,
  bigint: BIGINT,
  varchar: VARCHAR,
  boolean: BOOLEAN,
};
const CHUNK_ROWS = 2048;

function toDuck(kind: ColumnKind, value: CellValue): DuckDBValue {
  if (value === null) return null;
  if (kind === 'bigint') return BigInt(Math.trunc(value as number));
  return value;
}

/** Encodes columns as the bytes of a Parquet file (zstd-compressed). */
export async function encodeParquet(columns: readonly Column[]): Promise<Buffer> {
  const rows = columns[0]?.values.length ?? 0;
  for (const c of columns) {
    if (c.values.length !== rows)
      throw new Error(`parquet: column ${c.name} has ${c.values.length} rows, expected ${rows}`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name)) throw new Error(`parquet: invalid column name ${c.name}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-pq-'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const ddl = columns.map((c) => `"${c.name}" ${duckTypes[c.kind].toString()}`).join(', ');
    await connection.run(`CREATE TABLE t (${ddl})`);
    const appender = await connection.createAppender('t');
    const types = columns.map((c) => duckTypes[c.kind]);
    for (let start = 0; start < rows; start += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, rows - start);
      const chunk = DuckDBDataChunk.create(types, n);
      chunk.setColumns(columns.map((c) => c.values.slice(start, start + n).map((v) => toDuck(c.kind, v))));
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appender.closeSync();
    const file = join(dir, 'out.parquet');
    await connection.run(`COPY t TO '${file}' (FORMAT parquet, COMPRESSION zstd)`);
    return readFileSync(file);
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

function fromDuck(value: unknown): CellValue {
  if (typeof value === 'bigint') return Number(value);
  if (value === undefined) return null;
  return value as CellValue;
}

/** Decodes Parquet bytes into a column-major table (bigints become numbers). */
export async function decodeParquet(bytes: Uint8Array): Promise<Table> {
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-pq-'));
  const file = join(dir, 'in.parquet');
  writeFileSync(file, bytes);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
    const columns = reader.getColumnsObjectJS() as Record<string, unknown[]>;
    const table: Table = {};
    for (const [name, values] of Object.entries(columns)) table[name] = values.map(fromDuck);
    return table;
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
