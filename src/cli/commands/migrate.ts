import type { Command } from 'commander';
import { configOrExit, openDatabase } from '../runtime.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (start-up does this too)')
    .action(async () => {
      const db = await openDatabase(configOrExit());
      const rows = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id');
      process.stdout.write(`database (${db.driver}) at migration ${rows.at(-1)?.name ?? 'none'}\n`);
      await db.close();
    });
}
