/**
 * Where `matchcast evaluate` gets its matches: the configured database, or a folder of football-data files read
 * straight into memory (no prior import needed).
 */

import type { Db } from '../../db/db.ts';
import { loadDemoTruth } from '../../db/demo-repository.ts';
import { loadMatchRecords, loadRegionNames } from '../../db/match-repository.ts';
import { ExpectedError } from '../../domain/expected-error.ts';
import { leavesOut } from '../../ingest/football-data/import-failures.ts';
import { readFootballDataInMemory } from '../../ingest/football-data/in-memory.ts';
import { describeProblem } from '../../ingest/football-data/parsed-match.ts';
import { type EvaluationOptions, type EvaluationReport, evaluateMatches } from './evaluation.ts';
import {
  loadMarketOdds,
  loadMarketOverUnder,
  MARKET_BOOKS,
  OVER_UNDER_CLOSING,
  OVER_UNDER_PRE_MATCH,
} from './model-market.ts';

export type SourceOptions = Omit<EvaluationOptions, 'regionNames' | 'oracle' | 'overUnder'>;

export async function evaluateDatabase(db: Db, options: SourceOptions): Promise<EvaluationReport> {
  const matches = await loadMatchRecords(db);
  const odds = await loadMarketOdds(db);
  const regions = await loadRegionNames(db);
  const oracle = await loadDemoTruth(db);
  const overUnder = await loadMarketOverUnder(db);
  return evaluateMatches(matches, odds, {
    ...options,
    regionNames: regions,
    oracle,
    overUnder,
  });
}

/** An evaluation of files, and what (problems described) it had to leave out: whole files or parts, and rows. */
export type FolderEvaluation = EvaluationReport & {
  readonly files_not_read: readonly string[];
  /** Rows an import refuses too, named with their kind: malformed (left out), conflict (the later row kept). */
  readonly rows_not_read: readonly string[];
};

/** How many left-out rows stderr names one by one before it counts the rest. */
const ROWS_NAMED = 10;

/**
 * Reads football-data CSVs (files or folders) straight into memory, the way an import into an empty database
 * would store them, and evaluates (no database: the round trip through one cost as long as the rest). Files that
 * could not be read whole are left out and listed in `files_not_read`, rows an import would refuse in
 * `rows_not_read`.
 */
export async function evaluateFolder(
  paths: readonly string[],
  options: SourceOptions,
): Promise<FolderEvaluation> {
  const data = await readFootballDataInMemory(paths, { nowMs: options.nowMs });
  if (data.files === 0) {
    throw new ExpectedError(`evaluate: no football-data CSV files in ${paths.join(', ')}`);
  }
  options.log?.(`read ${data.matches.length} matches from ${data.files} files`);
  // A file that could not be read, or was cut off mid-row, is named before the (long) evaluation runs without it.
  const unread = [...data.rejected, ...data.problems.filter((p) => p.kind === 'truncated')].map(
    describeProblem,
  );
  for (const line of unread) options.log?.(`  not read whole: ${line}`);
  // Malformed rows are left out; of a match read twice with different scores, the later row is kept.
  const rowsNotRead = data.problems
    .filter((p) => leavesOut(p) && p.kind !== 'truncated')
    .map((p) => `${p.kind}: ${describeProblem(p)}`);
  for (const line of rowsNotRead.slice(0, ROWS_NAMED)) options.log?.(`  row not read: ${line}`);
  if (rowsNotRead.length > ROWS_NAMED)
    options.log?.(
      `  … and ${rowsNotRead.length - ROWS_NAMED} more rows not read (all in --json's rows_not_read)`,
    );
  const preferred = new Set(MARKET_BOOKS.map(([book, kind]) => `${book}|${kind}`));
  const odds = data.odds.filter((o) => preferred.has(`${o.bookmaker}|${o.kind}`));
  const ouBooks = new Set(
    [...OVER_UNDER_CLOSING, ...OVER_UNDER_PRE_MATCH].map(([book, kind]) => `${book}|${kind}`),
  );
  const overUnder = data.overUnder.filter((o) => ouBooks.has(`${o.bookmaker}|${o.kind}`));
  const report = await evaluateMatches(data.matches, odds, {
    ...options,
    regionNames: data.regionNames,
    overUnder,
  });
  return { ...report, files_not_read: unread, rows_not_read: rowsNotRead };
}
