/**
 * Decodes a Parquet file with DuckDB into wire chunks (parquet-wire.ts). Runs in the decoder process only, so
 * the API process never maps DuckDB (tens of MB of code and allocator state it would keep for good). DuckDB
 * runs on one thread with a small memory limit, spilling where every DuckDB of ours does (duckdb-instance.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBDataChunk } from '@duckdb/node-api';
import { createDuckDb } from './duckdb-instance.ts';
import type { WireChunk, WireColumn } from './wire.ts';

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

const NUMBER_TYPES = new Set([
  'DOUBLE',
  'FLOAT',
  'BIGINT',
  'INTEGER',
  'SMALLINT',
  'TINYINT',
  'UBIGINT',
  'UINTEGER',
  'USMALLINT',
  'UTINYINT',
  'HUGEINT',
]);

function wireColumn(chunk: DuckDBDataChunk, index: number, type: string): WireColumn {
  const vector = chunk.getColumnVector(index);
  const rows = chunk.rowCount;
  if (NUMBER_TYPES.has(type) || type.startsWith('DECIMAL')) {
    const values = new Float64Array(rows);
    const nulls = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = vector.getItem(i);
      if (v === null || v === undefined) nulls[i] = 1;
      else values[i] = Number(v);
    }
    return { kind: 'number', values, nulls };
  }
  if (type === 'BOOLEAN') {
    const values = new Int8Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = vector.getItem(i);
      values[i] = v === null || v === undefined ? -1 : v ? 1 : 0;
    }
    return { kind: 'boolean', values };
  }
  const values: (string | null)[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = vector.getItem(i);
    values[i] = v === null || v === undefined ? null : String(v);
  }
  return { kind: 'text', values };
}

/** Calls `start` with the row count and column names, then `onChunk` for each chunk in file order. */
export async function decodeParquetChunks(
  bytes: Uint8Array,
  repeated: readonly string[],
  start: (rows: number, names: readonly string[]) => Promise<void>,
  onChunk: (chunk: WireChunk) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-api-pq-'));
  const file = join(dir, 'in.parquet');
  writeFileSync(file, bytes);
  const instance = await createDuckDb({ threads: '1', memory_limit: '256MB' });
  const connection = await instance.connect();
  try {
    const source = `read_parquet('${file}')`;
    const countReader = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${source}`);
    const total = Number(countReader.getColumnsJS()[0]?.[0] ?? 0);
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    const [columnNames = [], columnTypes = []] = described.getColumnsJS();
    const types = new Map(columnNames.map((name, i) => [String(name), String(columnTypes[i])]));
    // Repeated names come over as ENUM codes, so each distinct string is decoded once, not once per row.
    const replaced: string[] = [];
    for (const [k, name] of repeated.filter((n) => types.get(n) === 'VARCHAR').entries()) {
      const values = `SELECT DISTINCT ${quoted(name)} FROM ${source} WHERE ${quoted(name)} IS NOT NULL`;
      const distinct = await connection.runAndReadAll(`SELECT count(*) FROM (${values})`);
      if (Number(distinct.getColumnsJS()[0]?.[0] ?? 0) === 0) continue; // all null: nothing to decode
      await connection.run(`CREATE TYPE repeated_${k} AS ENUM (${values})`);
      replaced.push(`${quoted(name)}::repeated_${k} AS ${quoted(name)}`);
    }
    const select = replaced.length > 0 ? `SELECT * REPLACE (${replaced.join(', ')})` : 'SELECT *';
    const result = await connection.stream(`${select} FROM ${source}`);
    const names = result.columnNames();
    await start(total, names);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const columns: Record<string, WireColumn> = {};
      names.forEach((name, i) => {
        columns[name] = wireColumn(chunk, i, types.get(name) ?? 'VARCHAR');
      });
      await onChunk({ rows: chunk.rowCount, columns });
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
