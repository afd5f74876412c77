/** The embedded driver: PGlite (Postgres compiled to WebAssembly), persisted in a folder or kept in memory. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import lockfile from 'proper-lockfile';
import type { Db, DbOptions, Queryable, Row } from './db.ts';

const toNumber = (value: string) => Number(value);
const parsers = { [types.INT8]: toNumber, [types.NUMERIC]: toNumber };

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(text, params as unknown[]);
      return result.rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  };
}

/**
 * Holds the folder for this process. PGlite keeps the database in its own memory and writes the folder back as
 * it likes: two processes on one folder each write their copy over the other's, so an import run while
 * `matchcast start` holds the folder was lost when it stopped. The lock is a directory beside the data whose
 * age is refreshed every few seconds, so a crashed holder's lock goes stale and is taken over.
 */
async function holdFolder(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: join(dataDir, 'matchcast.lock'),
      stale: 15_000,
      update: 5_000,
      realpath: false,
      // A lost lock (the machine slept past `stale`) is not worth crashing the process over mid-request.
      onCompromised: () => {},
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new Error(
      `the embedded database in ${dataDir} is in use by another matchcast process (start, import, pipeline …): ` +
        'stop it first, or set DATABASE_URL to a PostgreSQL server to run several at once',
    );
  }
}

export async function openPgliteDb(options: DbOptions): Promise<Db> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const release = options.dataDir ? await holdFolder(options.dataDir) : async () => {};
  const pg = await PGlite.create(options.dataDir, { parsers }).catch(async (error: unknown) => {
    await release();
    throw error;
  });
  if (options.schema)
    await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${options.schema}; SET search_path TO ${options.schema}`);
  const base = wrap(pg);
  return {
    driver: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async ping() {
      if (pg.closed) return false;
      await pg.query('SELECT 1');
      return true;
    },
    async close() {
      if (pg.closed) return;
      await pg.close();
      await release();
    },
  };
}
