/**
 * Real services for integration tests. PostgreSQL (TEST_DATABASE_URL, default the local `test` database) and
 * Redis (TEST_REDIS_URL) are probed once; when one is absent outside CI its tests are skipped with a loud
 * message, and under CI=true its absence fails the run.
 */

import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open-db.ts';
import { openMigratedPglite } from './pglite-template.ts';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function required(name: string, url: string): Promise<boolean> {
  if (await reachable(url)) return true;
  const message = `${name} is not reachable at ${url}`;
  if (IN_CI) throw new Error(`${message}: integration tests must run in CI`);
  console.warn(`\n!!!!!!!!!! SKIPPING ${name} TESTS: ${message} !!!!!!!!!!\n`);
  return false;
}

export const postgresAvailable = await required('PostgreSQL', POSTGRES_URL);
export const redisAvailable = await required('Redis', REDIS_URL);

/** A random lower-case identifier for schemas, queue names and prefixes owned by one test. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export interface DriverCase {
  readonly driver: 'pglite' | 'postgres';
  readonly available: boolean;
  /** A fresh migrated database private to the caller; `dispose` drops it. */
  open(): Promise<{ db: Db; dispose(): Promise<void> }>;
}

/** The two database drivers, for `describe.each(DRIVERS)` so one test file covers both. */
export const DRIVERS: readonly DriverCase[] = [
  {
    driver: 'pglite',
    available: true,
    // A copy of a migrated template: the same database as a fresh open and migrate, without initdb each time.
    open: openMigratedPglite,
  },
  {
    driver: 'postgres',
    available: postgresAvailable,
    async open() {
      const opened = await openUnmigrated('postgres');
      await migrate(opened.db);
      return opened;
    },
  },
];

/** A fresh database of `driver` with no migration run (to test the migrations themselves); `dispose` drops it. */
export async function openUnmigrated(
  driver: DriverCase['driver'],
): Promise<{ db: Db; dispose(): Promise<void> }> {
  if (driver === 'pglite') {
    const db = await openDb({});
    return { db, dispose: () => db.close() };
  }
  const schema = uniqueName('t');
  const db = await openDb({ databaseUrl: POSTGRES_URL, schema });
  return {
    db,
    async dispose() {
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    },
  };
}
