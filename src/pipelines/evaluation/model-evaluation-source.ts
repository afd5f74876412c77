/**
 * Where `matchcast evaluate` gets its matches: the configured database, or a folder of football-data files
 * imported into a throw-away in-memory database first (no prior import needed).
 */

import type { Db } from '../../db/db.ts';
import { loadDemoTruth } from '../../db/demo-repository.ts';
import { loadMatchRecords, loadRegionNames } from '../../db/match-repository.ts';
import { migrate } from '../../db/migrate.ts';
import { openDb } from '../../db/open-db.ts';
import { ExpectedError } from '../../domain/expected-error.ts';
import { importFootballData } from '../../ingest/football-data/import.ts';
import { type EvaluationOptions, type EvaluationReport, evaluateMatches } from './evaluation.ts';
import { loadMarketOdds, loadMarketOverUnder } from './model-market.ts';

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

/** Imports football-data CSVs (files or folders) into an in-memory PGlite, evaluates, and drops it. */
export async function evaluateFolder(
  paths: readonly string[],
  options: SourceOptions,
): Promise<EvaluationReport> {
  const db = await openDb({});
  try {
    await migrate(db);
    const summary = await importFootballData(db, [...paths], { nowMs: options.nowMs });
    if (summary.files === 0) {
      throw new ExpectedError(`evaluate: no football-data CSV files in ${paths.join(', ')}`);
    }
    options.log?.(`imported ${summary.matchesInserted} matches from ${summary.files} files`);
    return await evaluateDatabase(db, options);
  } finally {
    await db.close();
  }
}
