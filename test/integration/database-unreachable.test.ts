/**
 * How the server driver tells an outage from a failing statement (db.ts `isDatabaseUnreachable`, which the API
 * answers with 503 DATABASE_UNAVAILABLE): a refused connection and a connection the server dropped mid-query are
 * marked, a bad statement is not, and a marked error keeps the driver's own code (the CLI's messages read it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, isDatabaseUnreachable } from '../../src/db/db.ts';
import { openDb } from '../../src/db/open-db.ts';
import { DRIVERS } from '../support/services.ts';

const postgres = DRIVERS.find((d) => d.driver === 'postgres');
const rejection = (work: Promise<unknown>) =>
  work.then(
    () => new Error('no error'),
    (error: unknown) => error,
  );

describe.runIf(postgres?.available)('a PostgreSQL server out of reach', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await (postgres as NonNullable<typeof postgres>).open());
  });
  afterAll(async () => dispose());

  it('marks a refused connection, in a query and in a transaction, keeping its code', async () => {
    const away = await openDb({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      for (const error of [
        await rejection(away.query('SELECT 1')),
        await rejection(away.transaction((tx) => tx.query('SELECT 1'))),
      ]) {
        expect(isDatabaseUnreachable(error)).toBe(true);
        const codes =
          error instanceof AggregateError
            ? error.errors.map((e) => e.code)
            : [(error as { code?: string }).code];
        expect(codes).toContain('ECONNREFUSED');
      }
    } finally {
      await away.close();
    }
  });

  it('marks a query whose connection the server ended, and not a statement that fails', async () => {
    const sleeping = rejection(db.query(`SELECT pg_sleep(30) AS "unreachable-test"`));
    // The server ends that backend (as a restart would): the query fails with SQLSTATE 57P01.
    await expect
      .poll(
        async () =>
          (
            await db.query<{ ended: boolean }>(
              `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
               WHERE query LIKE '%unreachable-test%' AND pid <> pg_backend_pid()`,
            )
          ).length,
        { timeout: 5000 },
      )
      .toBe(1);
    const ended = await sleeping;
    expect((ended as { code?: string }).code).toBe('57P01');
    expect(isDatabaseUnreachable(ended)).toBe(true);
    const bad = await rejection(db.query('SELECT * FROM no_such_table'));
    expect((bad as { code?: string }).code).toBe('42P01');
    expect(isDatabaseUnreachable(bad)).toBe(false);
    // The pool replaces the ended connection: the next query answers.
    expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
