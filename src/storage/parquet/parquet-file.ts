/**
 * Columnar tables ↔ Parquet bytes, through an in-memory DuckDB. Columns are typed by a small set of kinds;
 * timestamps travel as ISO 8601 strings (the API serves them as such).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  type DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  JSDuckDBValueConverter,
  VARCHAR,
} from '@duckdb/node-api';
// The C API's vector copy, which @duckdb/node-api wraps value by value: a double column goes in as bytes.
import duckdb from '@duckdb/node-bindings';
import type { ColumnKind } from '../../domain/artifact-columns.ts';
import { createDuckDb } from './duckdb-instance.ts';

export type CellValue = number | string | boolean | null;

export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  /** The cells; a double column without nulls may come as a Float64Array, copied into DuckDB as bytes. */
  readonly values: readonly CellValue[] | Float64Array<ArrayBuffer>;
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
/**
 * The longest stretch of appending between two turns of the event loop: in `matchcast up` the pipeline shares the
 * API's process, and appending the 150,448 published predictions in one go held it 1.0 s.
 */
const SLICE_MS = 50;
/**
 * The most rows appended between two flushes: a double column goes in as bytes at once and the flush does the
 * work. The feature table (268,234 rows × 61 doubles) held the loop 1.36 s with one flush at the end, 1.0 s with
 * one every 16,384 rows; where the rest goes inside DuckDB's flush was not traced (bench/event-loop-blocks.ts).
 */
const FLUSH_ROWS = 8 * CHUNK_ROWS;

/**
 * One in-memory DuckDB per process, made on first use and shared by every encode and decode: opening and closing
 * an instance per file cost about a fifth of encoding the feature table. Each encode works in a table of its own.
 */
let sharedInstance: Promise<DuckDBInstance> | undefined;
let tableCount = 0;
const duckInstance = () => {
  sharedInstance ??= createDuckDb();
  return sharedInstance;
};

/** A double column without nulls as one Float64Array, so its chunks are copied into DuckDB as bytes. */
function packedDoubles(c: Column): Float64Array<ArrayBuffer> | null {
  if (c.values instanceof Float64Array) {
    if (c.kind !== 'double') throw new Error(`parquet: column ${c.name} is ${c.kind}, not double`);
    return c.values;
  }
  if (c.kind !== 'double') return null;
  const packed = new Float64Array(c.values.length);
  for (let i = 0; i < packed.length; i++) {
    const v = c.values[i];
    if (typeof v !== 'number') return null;
    packed[i] = v;
  }
  return packed;
}

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
  const connection = await (await duckInstance()).connect();
  const table = `t${++tableCount}`;
  try {
    const ddl = columns.map((c) => `"${c.name}" ${duckTypes[c.kind].toString()}`).join(', ');
    await connection.run(`CREATE TABLE ${table} (${ddl})`);
    const appender = await connection.createAppender(table);
    const types = columns.map((c) => duckTypes[c.kind]);
    const packed = columns.map(packedDoubles);
    let since = performance.now();
    let unflushed = 0;
    for (let start = 0; start < rows; start += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, rows - start);
      const chunk = DuckDBDataChunk.create(types, n);
      columns.forEach((c, j) => {
        const doubles = packed[j];
        if (doubles) {
          const vector = duckdb.data_chunk_get_vector(chunk.chunk, j);
          duckdb.copy_data_to_vector(vector, 0, doubles.buffer, doubles.byteOffset + start * 8, n * 8);
        } else
          chunk.setColumnValues(
            j,
            Array.from(c.values.slice(start, start + n), (v) => toDuck(c.kind, v)),
          );
      });
      appender.appendDataChunk(chunk);
      unflushed += n;
      if (unflushed >= FLUSH_ROWS || performance.now() - since >= SLICE_MS) {
        // What is appended so far goes into the table now, not all at once in the last flush.
        appender.flushSync();
        await nextTurn();
        since = performance.now();
        unflushed = 0;
      }
    }
    appender.flushSync();
    appender.closeSync();
    const file = join(dir, 'out.parquet');
    await connection.run(`COPY ${table} TO '${file}' (FORMAT parquet, COMPRESSION zstd)`);
    return readFileSync(file);
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${table}`);
    connection.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Decodes Parquet bytes into a column-major table (bigints become numbers), in this process: the pipeline's reader
 * (the API reads through decoder processes, decoder-pool.ts). DuckDB hands the rows over one chunk (2,048 rows)
 * at a time and each column is joined on its own turn of the event loop, since in `matchcast up` the pipeline
 * shares the API's process: a feature table of 268,234 rows × 61 columns blocked the loop for 4–5 s when
 * converted whole, and for at most about 0.15 s this way.
 */
export async function decodeParquet(bytes: Uint8Array): Promise<Table> {
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-pq-'));
  const file = join(dir, 'in.parquet');
  writeFileSync(file, bytes);
  const connection = await (await duckInstance()).connect();
  try {
    const result = await connection.stream(`SELECT * FROM read_parquet('${file}')`);
    const names = result.deduplicatedColumnNames();
    const chunks: CellValue[][][] = names.map(() => []);
    for (
      let chunk = await result.fetchChunk();
      chunk !== null && chunk.rowCount > 0;
      chunk = await result.fetchChunk()
    ) {
      chunk.convertColumns(JSDuckDBValueConverter).forEach((values, j) => {
        const cells = values as unknown[];
        for (let i = 0; i < cells.length; i++) {
          const v = cells[i];
          if (typeof v === 'bigint') cells[i] = Number(v);
          else if (v === undefined) cells[i] = null;
        }
        chunks[j]?.push(cells as CellValue[]);
      });
    }
    const table: Table = {};
    for (const [j, name] of names.entries()) {
      table[name] = ([] as CellValue[]).concat(...(chunks[j] ?? []));
      await nextTurn();
    }
    return table;
  } finally {
    connection.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
