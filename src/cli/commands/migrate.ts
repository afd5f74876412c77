import type { Command } from 'commander';
import { configOrExit, openDatabase } from '../config-and-database.ts';
import { jsonOption, printReport } from '../output.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (start-up does this too)')
    .addOption(jsonOption('the database driver and its latest migration'))
    .action(async (options: { json?: boolean }) => {
      const db = await openDatabase(configOrExit());
      try {
        const rows = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id');
        const report = { driver: db.driver, migration: rows.at(-1)?.name ?? null };
        printReport(
          options.json,
          report,
          (r) => `database (${r.driver}) at migration ${r.migration ?? 'none'}`,
        );
      } finally {
        await db.close();
      }
    });
}
