/**
 * What every command that touches data opens first, kept apart from the runtime wiring (runtime.ts) so that a
 * command needing only these, and every `--help` and usage error, starts without loading the server, the queue
 * and the pipeline.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import { maskedUrl } from '../config/masked-url.ts';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/open-db.ts';
import { ExpectedError } from '../domain/expected-error.ts';

/** Reads the environment once; a bad value prints one line naming the variable and exits with status 2. */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    const config = loadConfig(env);
    // A file where the data folder should be: said here, not as mkdir's raw EEXIST from deep in a command.
    if (existsSync(config.dataDir) && !statSync(config.dataDir).isDirectory())
      throw new ConfigError(
        'DATA_DIR',
        `DATA_DIR=${config.dataDir} is a file: expected a folder (or one to create)`,
      );
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`matchcast: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * Opens the configured database (PGlite under DATA_DIR/db unless DATABASE_URL is set) and applies migrations.
 * `existing`: for commands that only read or change what is there (models, status, the chain), an embedded
 * database that does not exist yet is an error, not a new empty one: a mistyped DATA_DIR, or a command run
 * from another folder, otherwise reads as a real system with nothing in it ("track record verified").
 */
export async function openDatabase(config: Config, { existing = false } = {}): Promise<Db> {
  const dir = join(config.dataDir, 'db');
  if (existing && !config.databaseUrl && !existsSync(dir) && !existsSync(join(config.dataDir, 'artifacts')))
    throw new ExpectedError(
      `no Matchcast data in ${config.dataDir} (neither db/ nor artifacts/): run \`npm start\` or \`matchcast up\` there first, or set DATA_DIR`,
    );
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: dir });
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    const code = (error as { code?: unknown }).code;
    if (config.databaseUrl && typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new ExpectedError(
        `cannot reach PostgreSQL at ${maskedUrl(config.databaseUrl)} (${code}): start it or fix DATABASE_URL`,
      );
    }
    throw error;
  }
  return db;
}
