/**
 * One small interface over the two Postgres drivers: PGlite in-process (the embedded default) and a PostgreSQL
 * server (DATABASE_URL). The SQL is the same for both; repositories take a `Db` and never know which it is.
 *
 * Conventions both drivers honour: parameters are `$1…`; bigint and numeric come back as JS numbers;
 * timestamptz as Date; jsonb as parsed values (pass JSON text and cast `$n::jsonb` to write it).
 */
export type Row = Record<string, unknown>;

// The errors a driver saw as the database being out of reach (refused, dropped or timed-out connections), not as
// a statement failing. Kept aside rather than wrapped, so callers that read an error's code still see the driver's.
const unreachable = new WeakSet<object>();

/** Marks `error` as the database being out of reach; returns it. */
export function markUnreachable<E>(error: E): E {
  if (typeof error === 'object' && error !== null) unreachable.add(error);
  return error;
}

/** Whether a driver marked `error` as the database being out of reach: an outage, not a bad statement. */
export function isDatabaseUnreachable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && unreachable.has(error);
}

export interface Queryable {
  /** One parameterised statement; returns its rows. */
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations, DDL). */
  exec(text: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** True when a trivial query answers within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… for a server; undefined for embedded PGlite. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data folder; undefined = in memory. Ignored for a server. */
  readonly dataDir?: string | undefined;
  /** Postgres schema to use (created if missing); tests use a random one each. Default `public`. */
  readonly schema?: string | undefined;
  /** Server connection pool size (default 10). */
  readonly maxConnections?: number | undefined;
}
