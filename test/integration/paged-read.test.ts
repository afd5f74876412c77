import { afterEach, describe, expect, it } from 'vitest';
import { readAllInPages, rowPages } from '../../src/db/paged-read.ts';
import { DRIVERS } from '../support/services.ts';

const NUMBERS = 'SELECT g AS n FROM generate_series(1, $1::int) g ORDER BY g';

describe.each(DRIVERS)('a read in pages on $driver', ({ available, open }) => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const d of disposers.splice(0)) await d();
  });

  it.runIf(available)(
    'gives every row once, in order, with a turn of the event loop between pages',
    async () => {
      const { db, dispose } = await open();
      disposers.push(dispose);
      const sizes: number[] = [];
      let turns = 0;
      const rows = await db.transaction(async (tx) => {
        const all: number[] = [];
        for await (const page of rowPages<{ n: number }>(tx, NUMBERS, [12_345])) {
          sizes.push(page.length);
          for (const r of page) all.push(r.n);
          // Each page finds the callbacks queued after the earlier pages run: the read took a turn between.
          expect(turns).toBe(sizes.length - 1);
          setImmediate(() => {
            turns += 1;
          });
        }
        return all;
      });
      expect(sizes).toEqual([5000, 5000, 2345]);
      expect(rows).toEqual(Array.from({ length: 12_345 }, (_, i) => i + 1));
      expect(await readAllInPages(db, NUMBERS, [7], (r: { n: number }) => r.n * 10)).toEqual([
        10, 20, 30, 40, 50, 60, 70,
      ]);
      expect(await readAllInPages(db, NUMBERS, [0], (r: { n: number }) => r.n)).toEqual([]);
    },
  );

  it.runIf(available)('leaves the transaction usable when the reader stops early', async () => {
    const { db, dispose } = await open();
    disposers.push(dispose);
    const after = await db.transaction(async (tx) => {
      for await (const page of rowPages<{ n: number }>(tx, NUMBERS, [20_000])) {
        expect(page).toHaveLength(5000);
        break;
      }
      return tx.query<{ one: number }>('SELECT 1 AS one');
    });
    expect(after).toEqual([{ one: 1 }]);
  });
});
