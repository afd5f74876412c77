/**
 * `withForeignKeyChecksOff` inside a real transaction on both drivers: a statement that fails while the checks
 * are off surfaces its own error, not the "current transaction is aborted" of the reset that followed it (an
 * import of a file with a huge goal count once failed with only the latter).
 */
import { describe, expect, it } from 'vitest';
import { withForeignKeyChecksOff } from '../../src/db/import-repository.ts';
import { DRIVERS } from '../support/services.ts';

describe.each(DRIVERS)('foreign-key checks off on $driver', (driver) => {
  it.skipIf(!driver.available)(
    "a failing statement's own error comes through, and the session recovers",
    async () => {
      const { db, dispose } = await driver.open();
      try {
        const failing = db.transaction((tx) =>
          withForeignKeyChecksOff(tx, true, () => tx.query('SELECT 2147483647::int + 1 AS n')),
        );
        await expect(failing).rejects.toThrow(/integer out of range/);
        const [row] = await db.transaction((tx) =>
          withForeignKeyChecksOff(tx, true, () =>
            tx.query<{ role: string }>("SELECT current_setting('session_replication_role') AS role"),
          ),
        );
        expect(row?.role).toBe('replica');
        const [after] = await db.query<{ role: string }>(
          "SELECT current_setting('session_replication_role') AS role",
        );
        expect(after?.role).toBe('origin');
      } finally {
        await dispose();
      }
    },
  );
});
