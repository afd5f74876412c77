/** `matchcast import football-data <paths…>`: a thin adapter over importFootballData with a progress bar. */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { type ImportSummary, importFootballData } from '../../ingest/football-data/import.ts';
import { configOrExit, openDatabase } from '../runtime.ts';

/** Problems printed one per line before the summary; the rest are counted. */
const MAX_PROBLEMS_SHOWN = 50;

export function formatImportSummary(s: ImportSummary, seconds: number): string {
  const lines: string[] = [];
  const shown = s.problems.slice(0, MAX_PROBLEMS_SHOWN);
  for (const p of shown) lines.push(`  ${p.kind}: ${p.file}:${p.line}: ${p.reason}`);
  if (s.problems.length > shown.length) lines.push(`  … and ${s.problems.length - shown.length} more`);
  const skipped = Object.entries(s.rowsSkipped)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  lines.push(
    `imported ${s.files} files, ${s.rowsRead} rows in ${seconds.toFixed(1)} s`,
    `matches: ${s.matchesInserted} inserted, ${s.matchesUpdated} updated, ${s.matchesUnchanged} unchanged`,
    `odds:    ${s.oddsInserted} inserted, ${s.oddsUpdated} updated, ${s.oddsUnchanged} unchanged`,
    `skipped rows: ${skipped || 'none'}`,
  );
  return `${lines.join('\n')}\n`;
}

export function registerImport(program: Command): void {
  const importCommand = program.command('import').description('import match data from files');
  importCommand
    .command('football-data')
    .description(
      'import football-data.co.uk CSVs (main leagues, "new leagues") and the FootyStats-derived women\'s files; ' +
        'folders are read recursively, re-importing changes nothing',
    )
    .argument('<paths...>', 'CSV files or folders of them (folders are read recursively)')
    .action(async (paths: string[]) => {
      const db = await openDatabase(configOrExit());
      const bar = new SingleBar({
        format: 'importing [{bar}] {value}/{total} files | {duration}s',
        hideCursor: true,
        clearOnComplete: true,
        stream: process.stderr,
      });
      const started = performance.now();
      let barStarted = false;
      try {
        const summary = await importFootballData(db, paths, {
          onProgress(done, total) {
            // A bar for one or two files is noise; show it for folders.
            if (total < 3) return;
            if (!barStarted) {
              bar.start(total, 0);
              barStarted = true;
            }
            bar.update(done);
          },
        });
        if (barStarted) bar.stop();
        process.stdout.write(formatImportSummary(summary, (performance.now() - started) / 1000));
        const rejected = new Set(
          summary.problems.filter((p) => p.kind === 'unrecognised-file').map((p) => p.file),
        );
        if (rejected.size > 0) {
          process.stderr.write(
            `matchcast: ${rejected.size} file${rejected.size === 1 ? '' : 's'} rejected, nothing imported from ${rejected.size === 1 ? 'it' : 'them'}: ${[...rejected].join(', ')}\n`,
          );
          process.exitCode = 1;
        }
      } catch (error) {
        if (barStarted) bar.stop();
        throw error;
      } finally {
        await db.close();
      }
    });
}
