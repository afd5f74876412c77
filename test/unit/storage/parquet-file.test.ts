import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDuckDb } from '../../../src/storage/parquet/duckdb-instance.ts';
import { type Column, decodeParquet, encodeParquet } from '../../../src/storage/parquet/parquet-file.ts';

// More than one DuckDB chunk (2,048 rows), so the byte copy of whole-number columns crosses chunk boundaries.
const ROWS = 5_000;
const columns: Column[] = [
  { name: 'id', kind: 'bigint', values: Array.from({ length: ROWS }, (_, i) => i) },
  {
    name: 'packed',
    kind: 'double',
    values: Array.from({ length: ROWS }, (_, i) => (i % 97 === 0 ? Number.NaN : i / 7)),
  },
  {
    name: 'with_nulls',
    kind: 'double',
    values: Array.from({ length: ROWS }, (_, i) => (i % 5 === 0 ? null : -i)),
  },
  { name: 'label', kind: 'varchar', values: Array.from({ length: ROWS }, (_, i) => `row ${i}`) },
];

describe('encodeParquet', () => {
  it('round-trips double columns with and without nulls across chunks', async () => {
    const table = await decodeParquet(await encodeParquet(columns));
    for (const c of columns) expect(table[c.name]).toEqual(c.values);
  });

  it('gives the same bytes for the same columns, also when encodes overlap on the shared instance', async () => {
    const [a, b, c] = await Promise.all([
      encodeParquet(columns),
      encodeParquet(columns),
      encodeParquet(columns),
    ]);
    expect(a?.equals(b as Buffer)).toBe(true);
    expect(a?.equals(c as Buffer)).toBe(true);
  });

  it('takes a double column as a Float64Array, a view into a larger buffer included, with the same bytes', async () => {
    const packed = columns[1] as Column;
    const backing = new Float64Array(ROWS + 3);
    backing.set(packed.values as number[], 3);
    const typed = { ...packed, values: backing.subarray(3) };
    const plainBytes = await encodeParquet([columns[0] as Column, packed]);
    expect((await encodeParquet([columns[0] as Column, typed])).equals(plainBytes)).toBe(true);
    await expect(
      encodeParquet([{ name: 'id', kind: 'bigint', values: new Float64Array(2) }]),
    ).rejects.toThrow('column id is bigint, not double');
  });

  it('round-trips a table appended over many slices, flushed between them', async () => {
    // 50,000 rows of ten text columns: 0.3 s of appending on the test machines, so several 50 ms slices, each
    // flushed before its turn of the event loop (the turns themselves: bench/event-loop-blocks.ts).
    const n = 50_000;
    const large: Column[] = [
      { name: 'id', kind: 'bigint', values: Array.from({ length: n }, (_, i) => i) },
      ...Array.from(
        { length: 10 },
        (_, j): Column => ({
          name: `text_${j}`,
          kind: 'varchar',
          values: Array.from({ length: n }, (_, i) => `team ${(i * (j + 1)) % 5_000}`),
        }),
      ),
    ];
    const bytes = await encodeParquet(large);
    const table = await decodeParquet(bytes);
    for (const c of large) expect(table[c.name]).toEqual(c.values);
  });
});

describe('DuckDB spills', () => {
  it('go to a folder of this process under the OS temp folder, never the working directory', async () => {
    const instance = await createDuckDb();
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll("SELECT current_setting('temp_directory') AS dir");
      expect(reader.getColumnsJS()[0]?.[0]).toBe(join(tmpdir(), `matchcast-duckdb-${process.pid}`));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
