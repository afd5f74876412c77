/** Chooses the driver: a PostgreSQL server when a URL is given, else embedded PGlite. */
import type { Db, DbOptions } from './db.ts';

export async function openDb(options: DbOptions): Promise<Db> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new Error(`invalid schema name: ${options.schema}`);
  }
  // Each driver is imported only when chosen: a server process never loads PGlite's WebAssembly build.
  if (options.databaseUrl) {
    const { openPostgresDb } = await import('./postgres-db.ts');
    return openPostgresDb(options.databaseUrl, options);
  }
  const { openPgliteDb } = await import('./pglite-db.ts');
  return openPgliteDb(options);
}
