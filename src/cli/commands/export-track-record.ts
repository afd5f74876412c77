/** `matchcast export-track-record [--out file]`: the prediction chain as JSON lines (stdout by default). */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadChain } from '../../db/track-record-repository.ts';
import { exportLine } from '../../pipelines/reports/chain-export.ts';
import { configOrExit, openDatabase } from '../config-and-database.ts';

export function registerExportTrackRecord(program: Command): void {
  program
    .command('export-track-record')
    .description(
      'write the prediction chain as JSON lines, for `verify-track-record --file` or docs/track-record.md',
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (options: { out?: string }) => {
      const db = await openDatabase(configOrExit(), { existing: true });
      try {
        const entries = await loadChain(db);
        const text = entries.map((e) => `${exportLine(e)}\n`).join('');
        if (options.out === undefined) process.stdout.write(text);
        else {
          await writeFile(options.out, text);
          process.stderr.write(`${entries.length} chain entries written to ${options.out}\n`);
        }
      } finally {
        await db.close();
      }
    });
}
