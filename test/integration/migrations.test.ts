import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open-db.ts';
import { DRIVERS, POSTGRES_URL, postgresAvailable, uniqueName } from '../support/services.ts';

describe.each(DRIVERS)('migrations on $driver', ({ driver, available, open }) => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const d of disposers.splice(0)) await d();
  });

  it.runIf(available)('creates every table and records each migration once', async () => {
    const { db, dispose } = await open();
    disposers.push(dispose);
    const recorded = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id');
    expect(recorded.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'regions',
        'teams',
        'matches',
        'odds',
        'runs',
        'model_versions',
        'prediction_log',
      ]),
    );
    expect(await migrate(db)).toEqual([]);
    expect(driver).toBe(db.driver);
  });

  it.runIf(available)('rolls a failing migration back whole', async () => {
    const { db, dispose } = await open();
    disposers.push(dispose);
    const broken = [
      { id: 9999, name: '9999_broken', sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;' },
    ];
    await expect(migrate(db, broken)).rejects.toThrow(/no_such_table/);
    const half = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(half).toHaveLength(0);
    const recorded = await db.query('SELECT 1 FROM schema_migrations WHERE id = 9999');
    expect(recorded).toHaveLength(0);
  });
});

describe('two processes starting together on PostgreSQL', () => {
  it.runIf(postgresAvailable)('apply each migration exactly once', async () => {
    const schema = uniqueName('race');
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => openDb({ databaseUrl: POSTGRES_URL, schema })));
    try {
      const results = await Promise.all([a!, b!, c!].map((db) => migrate(db)));
      const applied = results.flat();
      expect(applied.sort()).toEqual(
        listMigrations()
          .map((m) => m.name)
          .sort(),
      );
      const rows = await a!.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0]?.n).toBe(listMigrations().length);
    } finally {
      await a!.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await Promise.all([a!, b!, c!].map((db) => db.close()));
    }
  });
});
