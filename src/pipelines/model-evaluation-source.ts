/**
 * Where `matchcast evaluate` gets its matches: the configured database, or a folder of football-data files
 * imported into a throw-away in-memory database first (no prior import needed).
 */

import type { Db } from '../db/db.ts';
import { loadMatchRecords } from '../db/match-repository.ts';
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/open-db.ts';
import { ExpectedError } from '../domain/expected-error.ts';
import type { Probabilities } from '../domain/outcome.ts';
import { importFootballData } from '../ingest/football-data/import.ts';
import { type EvaluationOptions, type EvaluationReport, evaluateMatches } from './evaluation.ts';
import { loadMarketOdds } from './model-market.ts';

const SELECT_REGIONS = 'SELECT id, name FROM regions';
// The demo simulator's true probabilities, when its table exists (demo databases only).
const SELECT_ORACLE_TABLE = `SELECT to_regclass('demo_truth') IS NOT NULL AS present`;
const SELECT_ORACLE = 'SELECT match_id, proba_home, proba_draw, proba_away FROM demo_truth';

async function oracleOf(db: Db): Promise<Map<number, Probabilities>> {
  const [exists] = await db.query<{ present: boolean }>(SELECT_ORACLE_TABLE);
  const oracle = new Map<number, Probabilities>();
  if (!exists?.present) return oracle;
  const rows = await db.query<{
    match_id: number;
    proba_home: number;
    proba_draw: number;
    proba_away: number;
  }>(SELECT_ORACLE);
  for (const r of rows) oracle.set(Number(r.match_id), [r.proba_home, r.proba_draw, r.proba_away]);
  return oracle;
}

export type SourceOptions = Omit<EvaluationOptions, 'regionNames' | 'oracle'>;

export async function evaluateDatabase(db: Db, options: SourceOptions): Promise<EvaluationReport> {
  const matches = await loadMatchRecords(db);
  const odds = await loadMarketOdds(db);
  const regions = await db.query<{ id: number; name: string }>(SELECT_REGIONS);
  const oracle = await oracleOf(db);
  return evaluateMatches(matches, odds, {
    ...options,
    regionNames: new Map(regions.map((r) => [r.id, r.name])),
    oracle,
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
