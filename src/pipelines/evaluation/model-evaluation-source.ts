/**
 * Where `matchcast evaluate` gets its matches: the configured database, or a folder of football-data files read
 * straight into memory (no prior import needed).
 */

import type { Db } from '../../db/db.ts';
import { loadDemoTruth } from '../../db/demo-repository.ts';
import { loadMatchRecords, loadRegionNames } from '../../db/match-repository.ts';
import { ExpectedError } from '../../domain/expected-error.ts';
import { readFootballDataInMemory } from '../../ingest/football-data/in-memory.ts';
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

/**
 * Reads football-data CSVs (files or folders) straight into memory, the way an import into an empty database
 * would store them, and evaluates (no database: the round trip through one cost as long as the rest).
 */
export async function evaluateFolder(
  paths: readonly string[],
  options: SourceOptions,
): Promise<EvaluationReport> {
  const data = await readFootballDataInMemory(paths, { nowMs: options.nowMs });
  if (data.files === 0) {
    throw new ExpectedError(`evaluate: no football-data CSV files in ${paths.join(', ')}`);
  }
  options.log?.(`read ${data.matches.length} matches from ${data.files} files`);
  const preferred = new Set(MARKET_BOOKS.map(([book, kind]) => `${book}|${kind}`));
  const odds = data.odds.filter((o) => preferred.has(`${o.bookmaker}|${o.kind}`));
  const ouBooks = new Set(
    [...OVER_UNDER_CLOSING, ...OVER_UNDER_PRE_MATCH].map(([book, kind]) => `${book}|${kind}`),
  );
  const overUnder = data.overUnder.filter((o) => ouBooks.has(`${o.bookmaker}|${o.kind}`));
  return evaluateMatches(data.matches, odds, { ...options, regionNames: data.regionNames, overUnder });
}
