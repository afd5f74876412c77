/** `matchcast up --data <folder>`: `matchcast start` on a folder of football-data.co.uk CSVs instead of the demo. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { requireCsvFiles } from '../../ingest/football-data/files.ts';

export function registerUp(program: Command): void {
  program
    .command('up')
    .description(
      'like start, on football-data.co.uk CSV files or folders; they are remembered, so later `matchcast start` on the same DATA_DIR serves them again',
    )
    .requiredOption('--data <paths...>', 'CSV files or folders to ingest')
    .action(async (options: { data: string[] }) => {
      // Named before anything starts (or is remembered for later starts).
      requireCsvFiles(options.data);
      const { runStart } = await import('../processes/start.ts');
      return runStart({ source: { kind: 'football-data', paths: options.data.map((p) => resolve(p)) } });
    });
}
