/**
 * Reads a Parquet file chunk by chunk (about 2,048 rows each) through DuckDB, cell by cell from its vectors, so
 * a 200,000-row artifact never exists in memory as arrays of JS values beside the compact form the API keeps. DuckDB runs on one
 * thread with a small memory limit: the API decodes rarely and must stay small.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { CellValue } from '../../storage/parquet.ts';

/** One column of a chunk, read cell by cell straight from DuckDB's vector (no intermediate array). */
export interface ChunkColumn {
  /** The cell's value (bigints as numbers, timestamps as text). */
  at(row: number): CellValue;
}

export interface ParquetChunk {
  readonly rows: number;
  /** The chunk's column, or undefined when the file has no such column. */
  column(name: string): ChunkColumn | undefined;
}

function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface ReadOptions {
  /**
   * Text columns whose values repeat (team, region, stage names). DuckDB hands them over as ENUM codes, so
   * each distinct string is decoded into JS once instead of once per row.
   */
  readonly repeated?: readonly string[];
}

/** Calls `start` with the row count and column names, then `onChunk` for each chunk in file order. */
export async function readParquetChunks(
  bytes: Uint8Array,
  start: (rows: number, columns: readonly string[]) => void,
  onChunk: (chunk: ParquetChunk) => void,
  options: ReadOptions = {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-api-pq-'));
  const file = join(dir, 'in.parquet');
  writeFileSync(file, bytes);
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '256MB' });
  const connection = await instance.connect();
  try {
    const source = `read_parquet('${file}')`;
    const countReader = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${source}`);
    const total = Number(countReader.getColumnsJS()[0]?.[0] ?? 0);
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    const [columnNames = [], columnTypes = []] = described.getColumnsJS();
    const text = new Set(columnNames.filter((_, i) => columnTypes[i] === 'VARCHAR').map(String));
    const replaced: string[] = [];
    for (const [k, name] of (options.repeated ?? []).filter((n) => text.has(n)).entries()) {
      const values = `SELECT DISTINCT ${quoted(name)} FROM ${source} WHERE ${quoted(name)} IS NOT NULL`;
      const distinct = await connection.runAndReadAll(`SELECT count(*) FROM (${values})`);
      if (Number(distinct.getColumnsJS()[0]?.[0] ?? 0) === 0) continue; // all null: nothing to decode
      await connection.run(`CREATE TYPE repeated_${k} AS ENUM (${values})`);
      replaced.push(`${quoted(name)}::repeated_${k} AS ${quoted(name)}`);
    }
    const select = replaced.length > 0 ? `SELECT * REPLACE (${replaced.join(', ')})` : 'SELECT *';
    const result = await connection.stream(`${select} FROM ${source}`);
    const names = result.columnNames();
    start(total, names);
    const index = new Map(names.map((name, i) => [name, i]));
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      onChunk({
        rows: chunk.rowCount,
        column(name) {
          const i = index.get(name);
          if (i === undefined) return undefined;
          const vector = chunk.getColumnVector(i);
          return { at: (row) => toCell(vector.getItem(row)) };
        },
      });
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The named columns of a chunk (missing ones left out). */
export function chunkTable(chunk: ParquetChunk, names: readonly string[]): ChunkTable {
  const table: Record<string, ChunkColumn> = {};
  for (const name of names) {
    const column = chunk.column(name);
    if (column) table[name] = column;
  }
  return table;
}

export type ChunkTable = Readonly<Record<string, ChunkColumn>>;
