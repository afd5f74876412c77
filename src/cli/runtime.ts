/** What every command needs first: a validated Config (or one clear line and exit 2) and an open, migrated Db. */
import { join } from 'node:path';
import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/open-db.ts';

/** Reads the environment once; a bad value prints one line naming the variable and exits with status 2. */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`matchcast: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** Opens the configured database (PGlite under DATA_DIR/db unless DATABASE_URL is set) and applies migrations. */
export async function openDatabase(config: Config): Promise<Db> {
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'db') });
  await migrate(db);
  return db;
}
