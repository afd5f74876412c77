/** The embedded driver: PGlite (Postgres compiled to WebAssembly), persisted in a folder or kept in memory. */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite, types } from '@electric-sql/pglite';
import lockfile from 'proper-lockfile';
import { ExpectedError } from '../domain/expected-error.ts';
import type { Db, DbOptions, Queryable, Row } from './db.ts';

const toNumber = (value: string) => Number(value);
const parsers = { [types.INT8]: toNumber, [types.NUMERIC]: toNumber };

const LOCK_NAME = 'matchcast.lock';

// Opening PGlite and a few queries run enough of its WebAssembly to send hundreds of functions to V8's
// optimising compiler, and a process waits for those compilations before it exits (1.6 s for PGlite alone, by
// strace): `matchcast models list` took 4.4 s. With V8's tiering budget 40 times its default, start-up code stays
// on the baseline compiler and code that runs hot is still optimised: the same command takes 1.9 s, and long runs
// (an import of the whole history, `npm start`) take as long as before (docs/performance.md, "Embedded
// database start"). Set when this driver loads, before PGlite compiles its module; no other code here is wasm.
setFlagsFromString('--wasm-tiering-budget=500000000');

/** Emscripten's numbers for the file-system errors a full, read-only or unreadable folder raises, as Node names them. */
const EMSCRIPTEN_ERRNO: Readonly<Record<number, string>> = {
  2: 'EACCES',
  29: 'EIO',
  51: 'ENOSPC',
  63: 'EPERM',
  69: 'EROFS',
};

/**
 * A file-system error inside PGlite arrives as Emscripten's `{name: 'ErrnoError', errno}`, no Error at all (a full
 * disk read "[object Object]"): it becomes a Node-style error naming the folder, which the CLI turns into one line.
 */
function asNodeError(error: unknown, dataDir: string | undefined): unknown {
  const e = error as { name?: unknown; errno?: unknown } | null;
  if (e === null || typeof e !== 'object' || e.name !== 'ErrnoError' || typeof e.errno !== 'number')
    return error;
  const code = EMSCRIPTEN_ERRNO[e.errno] ?? 'EIO';
  const where = dataDir ?? 'the in-memory database';
  return Object.assign(
    new Error(`${where}: file system error ${code} in the embedded database`, { cause: error }),
    {
      code,
      path: dataDir,
    },
  );
}

function wrap(q: Pick<PGlite, 'query' | 'exec'>, dataDir: string | undefined): Queryable {
  return {
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      try {
        return (await q.query<T>(text, params as unknown[])).rows;
      } catch (error) {
        throw asNodeError(error, dataDir);
      }
    },
    async exec(text: string) {
      try {
        await q.exec(text);
      } catch (error) {
        throw asNodeError(error, dataDir);
      }
    },
  };
}

/**
 * Refuses a folder that holds files but is no PostgreSQL data folder (no PG_VERSION): PGlite would create a new,
 * empty database over it, and every later command — `models list` included — would then read and write that one
 * while the old registry, runs and matches were lost for good.
 */
function refuseForeignFolder(dataDir: string): void {
  const entries = readdirSync(dataDir).filter((name) => name !== LOCK_NAME);
  if (entries.length === 0 || entries.includes('PG_VERSION')) return;
  throw new ExpectedError(
    `${dataDir} holds files but no PG_VERSION, so it is no complete embedded database (damaged, half restored, or ` +
      'another folder): refusing to create a new database over it. Restore it, or move it aside to start afresh',
  );
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
      lockfilePath: join(dataDir, LOCK_NAME),
      stale: 15_000,
      update: 5_000,
      realpath: false,
      // A lost lock (the machine slept past `stale`) is not worth crashing the process over mid-request.
      onCompromised: () => {},
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new Error(
      `the embedded database in ${dataDir} is in use by another matchcast process (start, import, pipeline …), ` +
        'or one that was killed less than 15 s ago: stop it first (or wait), or set DATABASE_URL to a PostgreSQL ' +
        'server to run several at once',
    );
  }
}

/** Opens the folder's database; one that will not open is named, with what to do (PGlite's own words are cryptic). */
async function createPglite(dataDir: string | undefined): Promise<PGlite> {
  if (dataDir) refuseForeignFolder(dataDir);
  try {
    return await PGlite.create(dataDir, { parsers });
  } catch (error) {
    const described = asNodeError(error, dataDir);
    if (described !== error || dataDir === undefined) throw described;
    const why = error instanceof Error ? error.message : String(error);
    throw new ExpectedError(
      `cannot open the embedded database in ${dataDir} (${why}): it may be damaged; restore it from a backup, or ` +
        'move the folder aside to start afresh',
      { cause: error },
    );
  }
}

export async function openPgliteDb(options: DbOptions): Promise<Db> {
  const { dataDir } = options;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const release = dataDir ? await holdFolder(dataDir) : async () => {};
  const pg = await createPglite(dataDir).catch(async (error: unknown) => {
    await release();
    throw error;
  });
  if (options.schema)
    await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${options.schema}; SET search_path TO ${options.schema}`);
  const base = wrap(pg, dataDir);
  return {
    driver: 'pglite',
    ...base,
    transaction: (fn) =>
      pg
        .transaction((tx) => fn(wrap(tx, dataDir)))
        .catch((error: unknown) => {
          throw asNodeError(error, dataDir);
        }),
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
