/** `matchcast import football-data <paths…>`: a thin adapter over importFootballData with a progress bar. */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadParams } from '../../config/params.ts';
import { requireCsvFiles } from '../../ingest/football-data/files.ts';
import type { ImportSummary } from '../../ingest/football-data/import.ts';
import { importFailures, leavesOut } from '../../ingest/football-data/import-failures.ts';
import {
  CELL_WARNING_KINDS,
  describeProblem,
  describeProblemCounts,
  describeSkipped,
} from '../../ingest/football-data/parsed-match.ts';
import { configOrExit, openDatabase } from '../config-and-database.ts';
import { jsonOption, printReport } from '../output.ts';

/** Problems printed one per line before the summary; the rest are counted. */
const MAX_PROBLEMS_SHOWN = 50;

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

/** Prices a file listed differently after kick-off, kept as they were on offer (SEEN_BEFORE_KICKOFF). */
const keptNote = (n: number) =>
  n === 0 ? '' : `, ${n} kept as on offer before kick-off (the file lists others)`;

export function formatImportSummary(s: ImportSummary, seconds: number): string {
  const lines: string[] = [];
  // What the exit status is about first, so no cap on the list hides it behind warnings.
  const ordered = [...s.problems.filter(leavesOut), ...s.problems.filter((p) => !leavesOut(p))];
  const shown = ordered.slice(0, MAX_PROBLEMS_SHOWN);
  for (const p of shown) lines.push(`  ${p.kind}: ${describeProblem(p)}`);
  if (s.problems.length > shown.length) lines.push(`  … and ${s.problems.length - shown.length} more`);
  const skipped = describeSkipped(s.rowsSkipped);
  const ignored = s.problems.filter((p) => p.kind === 'unrecognised-file').length;
  const read = s.files - s.rejected.length - ignored;
  lines.push(
    `imported ${read} of ${plural(s.files, 'file')}, ${s.rowsRead} rows in ${seconds.toFixed(1)} s` +
      (ignored > 0 ? ` (${ignored} not match data, ignored)` : ''),
    `matches: ${s.matchesInserted} inserted, ${s.matchesUpdated} updated, ${s.matchesUnchanged} unchanged`,
    `odds:    ${s.oddsInserted} inserted, ${s.oddsUpdated} updated, ${s.oddsUnchanged} unchanged${keptNote(s.oddsKept)}`,
    `over/under 2.5: ${s.overUnderInserted} inserted, ${s.overUnderUpdated} updated, ${s.overUnderUnchanged} unchanged${keptNote(s.overUnderKept)}`,
    `skipped rows: ${skipped || 'none'}`,
    ...(s.postponed > 0
      ? [
          `postponed: ${plural(s.postponed, 'fixture')} whose kick-off is long past with no result in the data (params sync.postponed_after_hours)`,
        ]
      : []),
    `cell warnings: ${describeProblemCounts(s.problems, CELL_WARNING_KINDS) || 'none'}`,
  );
  if (s.rejected.length > 0) {
    lines.push(
      `rejected: ${plural(s.rejected.length, 'file')}, nothing imported from ${s.rejected.length === 1 ? 'it' : 'them'}:`,
    );
    for (const p of s.rejected) lines.push(`  ${describeProblem(p)}`);
  }
  return `${lines.join('\n')}\n`;
}

const VALID_INPUTS = `
Valid inputs, files and folders in any mix (folders are read recursively, *.csv only):
  E0/2024-25.csv, E0.csv      football-data.co.uk main-league season files
  new/ARG.csv                 football-data.co.uk "new leagues" (Country, League, Season, …)
  women/USA_NWSL_all.csv      FootyStats-derived women's league files
  ../shared/data/football     a folder of them
Other CSVs inside a folder (e.g. MANIFEST.csv) are ignored. Bad rows are reported and skipped; a file that
cannot be read, or whose header fits no layout, is rejected whole (file, line and column named). The same match
read twice with different scores is reported as a conflict (the later row is kept). The good rows are imported
either way; the command exits 1 after its summary when any row or file was left out (blank rows and exact
duplicates do not count). A cell a row is imported without is a warning, named (file, line, column) and counted
but not failing the command: a price that is no decimal price above 1 (that bookmaker's price is left out; a
blank or NA cell is no price, not a warning), a result letter (FTR, Res) contradicting the score (the score
is kept), and, once per file, rows shorter than the header (their missing cells read as empty) or holding values
past its last named column (not read), price columns of a bookmaker it does not know (not imported) and a Div
code it does not know by name (imported under that code). A named pipe, socket or device is refused before
anything is read.

Example:
  matchcast import football-data ../shared/data/football
`;

export function registerImport(program: Command): void {
  const importCommand = program.command('import').description('import match data from files');
  importCommand
    .command('football-data')
    .description(
      'import football-data.co.uk CSVs (main leagues, "new leagues") and the FootyStats-derived women\'s files; ' +
        'folders are read recursively, re-importing changes nothing',
    )
    .argument('<paths...>', 'one or more football-data CSV files or folders of them (see below)')
    .addHelpText('after', VALID_INPUTS)
    .addOption(jsonOption('the import summary'))
    .action(async (paths: string[], options: { json?: boolean }) => {
      // Paths first: a missing folder is named before a database is opened or waited for.
      requireCsvFiles(paths);
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
        const { importFootballData } = await import('../../ingest/football-data/import.ts');
        const summary = await importFootballData(db, paths, {
          postponeOverdueAfterHours: loadParams().sync.postponed_after_hours,
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
        const seconds = (performance.now() - started) / 1000;
        printReport(options.json, { ...summary, seconds }, (s) => formatImportSummary(s, seconds));
        const failures = importFailures(summary);
        for (const line of failures) process.stderr.write(`matchcast: ${line}\n`);
        if (failures.length > 0) process.exitCode = 1;
      } catch (error) {
        if (barStarted) bar.stop();
        throw error;
      } finally {
        await db.close();
      }
    });
}
