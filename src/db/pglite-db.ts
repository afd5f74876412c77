/** The embedded driver: PGlite (Postgres compiled to WebAssembly), persisted in a folder or kept in memory. */
import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
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

export async function openPgliteDb(options: DbOptions): Promise<Db> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pg = await PGlite.create(options.dataDir, { parsers });
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
      if (!pg.closed) await pg.close();
    },
  };
}
