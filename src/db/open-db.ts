/** Chooses the driver: a PostgreSQL server when a URL is given, else embedded PGlite. */
import type { Db, DbOptions } from './db.ts';
import { openPgliteDb } from './pglite-db.ts';
import { openPostgresDb } from './postgres-db.ts';

export async function openDb(options: DbOptions): Promise<Db> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new Error(`invalid schema name: ${options.schema}`);
  }
  return options.databaseUrl ? openPostgresDb(options.databaseUrl, options) : openPgliteDb(options);
}
