/**
 * The API decodes Parquet in a child process (src/api/services/parquet-chunks.ts). These tests run the real
 * child: every row arrives in order with its types, a broken file is an error that is not retried, and a decoder
 * killed mid-file fails that read with DecoderLostError while the next read starts a new decoder.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createDecoderPool,
  DecoderLostError,
  retryingLostDecoder,
} from '../../src/storage/parquet/decoder-pool.ts';
import { encodeParquet } from '../../src/storage/parquet/parquet-file.ts';

const ROWS = 60_000;
let bytes: Buffer;

beforeAll(async () => {
  bytes = await encodeParquet([
    { name: 'match_id', kind: 'bigint', values: Array.from({ length: ROWS }, (_, i) => 1000 + i) },
    {
      name: 'p',
      kind: 'double',
      values: Array.from({ length: ROWS }, (_, i) => (i % 7 === 0 ? null : i / ROWS)),
    },
    { name: 'team', kind: 'varchar', values: Array.from({ length: ROWS }, (_, i) => `Team ${i % 40}`) },
    {
      name: 'future',
      kind: 'boolean',
      values: Array.from({ length: ROWS }, (_, i) => (i % 3 === 0 ? null : i % 2 === 0)),
    },
  ]);
});

const decoder = createDecoderPool();

/** Reads the whole file; `onStart` runs once the decoder has begun sending it. */
async function readAll(onStart: () => void = () => undefined) {
  const ids: number[] = [];
  const cells: unknown[] = [];
  let announced = 0;
  await decoder.read(
    bytes,
    (rows) => {
      announced = rows;
      onStart();
    },
    (chunk) => {
      for (let i = 0; i < chunk.rows; i++) {
        ids.push(chunk.column('match_id')?.at(i) as number);
        if (ids.length % 10_007 === 1)
          cells.push([chunk.column('p')?.at(i), chunk.column('team')?.at(i), chunk.column('future')?.at(i)]);
      }
      expect(chunk.column('missing')).toBeUndefined();
    },
    { repeated: ['team'] },
  );
  return { ids, cells, announced };
}

/** SIGKILLs this process's decoder child. */
function killDecoder(): void {
  const pids = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'parquet/decoder-process'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
}

describe('the Parquet decoder process', () => {
  it('streams every row in file order, with numbers, nulls, repeated text and booleans', async () => {
    const { ids, cells, announced } = await readAll();
    expect(announced).toBe(ROWS);
    expect(ids).toEqual(Array.from({ length: ROWS }, (_, i) => 1000 + i));
    expect(cells[0]).toEqual([null, 'Team 0', null]); // row 0: p null (0 % 7), future null (0 % 3)
    expect(cells[1]).toEqual([10_007 / ROWS, `Team ${10_007 % 40}`, false]);
  });

  it('reports a broken file as an error of its own, not as a lost decoder', async () => {
    const broken = Buffer.from('PAR1 this is not parquet');
    const read = decoder.read(
      broken,
      () => undefined,
      () => undefined,
    );
    await expect(read).rejects.toThrow();
    await expect(read).rejects.not.toBeInstanceOf(DecoderLostError);
  });

  it('fails a read whose decoder is killed, and the next read starts a new decoder', async () => {
    await expect(readAll(killDecoder)).rejects.toBeInstanceOf(DecoderLostError);
    expect((await readAll()).ids).toHaveLength(ROWS);
  });

  it('gives a read that arrives while an idle decoder is leaving to a new decoder', async () => {
    // The idle timer fires and disconnects the child; the next file comes before the child has exited.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      expect((await readAll()).ids).toHaveLength(ROWS);
      vi.advanceTimersByTime(5000);
      expect((await readAll()).ids).toHaveLength(ROWS);
    } finally {
      vi.useRealTimers();
    }
  });

  it('retries a whole read once when the decoder is lost under it', async () => {
    let attempts = 0;
    const rows = await retryingLostDecoder(async () => {
      attempts++;
      return (await readAll(attempts === 1 ? killDecoder : undefined)).ids.length;
    });
    expect({ attempts, rows }).toEqual({ attempts: 2, rows: ROWS });
  });
});
