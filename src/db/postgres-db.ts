/** The server driver: a PostgreSQL server through node-postgres (`pg`), with a connection pool. */
import pg from 'pg';
import { type Db, type DbOptions, markUnreachable, type Queryable, type Row } from './db.ts';

const INT8 = 20;
const NUMERIC = 1700;
/** Per-pool type parsers: bigint and numeric as JS numbers (ids and counts stay far below 2^53). */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATE class 08 (connection exception); the server shutting down or starting up (57P01–57P03).
const SERVER_GONE = /^(08|57P0[123])/;
// node-postgres's own words for a connection it lost or never got; it gives them no code.
const LOST_CONNECTION =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** Whether `error` is the server out of reach rather than a statement failing (pg nests several in an AggregateError). */
function isConnectionFailure(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isConnectionFailure);
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_GONE.test(code))) return true;
  return LOST_CONNECTION.test(error.message);
}

/** `work`'s result; a connection failure it throws is marked as the database out of reach (db.ts). */
async function marked<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw isConnectionFailure(error) ? markUnreachable(error) : error;
  }
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const result = await marked(client.query<T>({ text, values: params as unknown[], types }));
      return result.rows;
    },
    async exec(text: string) {
      await marked(client.query(text));
    },
  };
}

export async function openPostgresDb(url: string, options: DbOptions): Promise<Db> {
  const schema = options.schema;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  if (schema) {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (error) {
      // Two processes creating the same schema at once: the loser sees a unique violation; the schema exists.
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }
  const base = wrap(pool);
  return {
    driver: 'postgres',
    ...base,
    async transaction(fn) {
      const client = await marked(pool.connect());
      try {
        const tx = wrap(client);
        await tx.exec('BEGIN');
        const result = await fn(tx);
        await tx.exec('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          pool.query('SELECT 1'),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('ping timeout')), timeoutMs);
          }),
        ]);
        return true;
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
