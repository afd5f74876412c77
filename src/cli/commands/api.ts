/**
 * `matchcast api [--workers N]`: the HTTP API (processes/api.ts), loaded only when the command runs so that the
 * rest of the command line starts without the server.
 */
import type { Command } from 'commander';
import { nonEmpty, parseAtOnce } from '../option-parsers.ts';

export function registerApi(program: Command): void {
  program
    .command('api')
    .description('serve the HTTP API (and the dashboard) on PORT')
    .option(
      '--workers <n>',
      'processes sharing the port (node:cluster); >1 needs DATABASE_URL',
      parseAtOnce,
      1,
    )
    .option('--prefix <prefix>', 'Redis key prefix shared with the workers', nonEmpty, 'matchcast')
    .action(async (options: { workers: number; prefix: string }) =>
      (await import('../processes/api.ts')).serveApi(options),
    );
}
