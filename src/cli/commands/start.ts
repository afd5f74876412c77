/** `matchcast start`: the whole system in one process (processes/start.ts), loaded only when the command runs. */
import type { Command } from 'commander';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'everything in one process: demo data on first start, pipeline, API, dashboard, worker, scheduler',
    )
    .action(async () => (await import('../processes/start.ts')).runStart());
}
