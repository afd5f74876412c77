/**
 * A large read taken a page at a time through a cursor. The embedded database (PGlite) parses a whole answer on the
 * event loop, about 25 µs a row of twenty columns: the 268,234 match records of the shared football-data history
 * held the loop 9.8 s in one query, so every request `matchcast up` serves waited as long. A page of
 * ROWS_PER_PAGE rows holds it about 0.1–0.2 s (the first page up to 0.4 s, with the query's own work), and the loop
 * gets a turn between pages. The pages come from one
 * statement, so from one snapshot, which is why the read runs inside a transaction (a cursor lives in one).
 */
import { setImmediate } from 'node:timers/promises';
import type { Db, Queryable, Row } from './db.ts';

const ROWS_PER_PAGE = 5000;

let cursors = 0;

/**
 * The rows of `text` (parameters `$1…` as in `query`), a page at a time, with a turn between two pages; an
 * aborted `signal` stops the read before its next page.
 */
export async function* rowPages<T extends Row>(
  tx: Queryable,
  text: string,
  params: readonly unknown[] = [],
  signal?: AbortSignal,
): AsyncGenerator<T[]> {
  cursors += 1;
  const cursor = `matchcast_pages_${cursors}`;
  await tx.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${text}`, params);
  for (;;) {
    signal?.throwIfAborted();
    const rows = await tx.query<T>(`FETCH ${ROWS_PER_PAGE} FROM ${cursor}`);
    if (rows.length > 0) yield rows;
    if (rows.length < ROWS_PER_PAGE) break;
    await setImmediate();
  }
  // The transaction's end would close it too; a long transaction need not keep it open till then.
  await tx.exec(`CLOSE ${cursor}`);
}

/** Every row of `text`, mapped, read a page at a time inside the transaction `tx`. */
export async function readInPages<T extends Row, U>(
  tx: Queryable,
  text: string,
  params: readonly unknown[],
  map: (row: T) => U,
  signal?: AbortSignal,
): Promise<U[]> {
  const out: U[] = [];
  for await (const page of rowPages<T>(tx, text, params, signal)) for (const row of page) out.push(map(row));
  return out;
}

/** `readInPages` in a transaction of its own, for a caller that holds none. */
export function readAllInPages<T extends Row, U>(
  db: Db,
  text: string,
  params: readonly unknown[],
  map: (row: T) => U,
  signal?: AbortSignal,
): Promise<U[]> {
  return db.transaction((tx) => readInPages(tx, text, params, map, signal));
}
