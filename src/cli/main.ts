/** The `matchcast` command: one sub-command per entry point, each a thin adapter over the services below. */
import { Command } from 'commander';
import { registerMigrate } from './commands/migrate.ts';

const program = new Command('matchcast')
  .description('Soccer match outcome forecasts: import, train, evaluate, serve')
  .version('0.1.0')
  .showHelpAfterError();

registerMigrate(program);

await program.parseAsync(process.argv);
