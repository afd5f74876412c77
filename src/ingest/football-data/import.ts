/**
 * `importFootballData`: football-data.co.uk CSVs (main leagues and "new leagues") and the FootyStats-derived
 * women's files → regions, teams, matches and odds. Files are parsed one by one and written in large batches,
 * each batch in one transaction; region and team ids are cached for the whole import.
 *
 * @example
 * const summary = await importFootballData(db, ['../shared/data/football'], {
 *   onProgress: (done, total) => bar.update(done, { total }),
 * });
 */

import type { Db, Queryable } from '../../db/db.ts';
import { postponeOverdueFixtures } from '../../db/fixture-repository.ts';
import {
  canSkipTriggers,
  dropOddsUniqueConstraints,
  insertOddsOfNewMatches,
  type MatchInput,
  type MatchStatsInput,
  markPricesSeenBeforeKickoff,
  type OddsInput,
  oddsTableIsEmpty,
  refreshPlannerStatistics,
  replaceOdds,
  restoreOddsConstraints,
  type TeamInput,
  teamKey,
  upsertMatches,
  upsertMatchStats,
  upsertOdds,
  upsertRegions,
  upsertTeams,
  withForeignKeyChecksOff,
} from '../../db/import-repository.ts';
import { loadFootballDataSpans, loadLatestSeasonLabels } from '../../db/league-facts-repository.ts';
import {
  insertOverUnderOfNewMatches,
  type OverUnderInput,
  upsertOverUnder,
} from '../../db/over-under-repository.ts';
import { systemClock } from '../../domain/clock.ts';
import { OVER_UNDER_LINE } from '../../domain/odds.ts';
import { findCsvFiles } from './files.ts';
import { leagueSpansOf } from './league-sources.ts';
import type { ParsedMatch, SkippedRow } from './parsed-match.ts';
import { type ReadOptions, type ReadSummary, readFootballData } from './read-football-data.ts';
import { seasonStylesOf } from './seasons.ts';

export interface ImportOptions extends Omit<ReadOptions, 'seasonStyles'> {
  /** Matches written per transaction (default 20 000). */
  readonly batchSize?: number;
}

export interface ImportSummary {
  readonly files: number;
  readonly rowsRead: number;
  readonly matchesInserted: number;
  readonly matchesUpdated: number;
  readonly matchesUnchanged: number;
  readonly oddsInserted: number;
  readonly oddsUpdated: number;
  readonly oddsUnchanged: number;
  /** Prices listed other than those on offer before kick-off, kept (REPLACEABLE_PRICE, import-repository.ts). */
  readonly oddsKept: number;
  /** Over/under 2.5 goals prices (table odds_over_under). */
  readonly overUnderInserted: number;
  readonly overUnderUpdated: number;
  readonly overUnderUnchanged: number;
  readonly overUnderKept: number;
  /** Match-statistics rows inserted or changed (shots, shots on target, corners). */
  readonly statsWritten: number;
  /**
   * Fixtures these files list, or the database holds, whose kick-off is long past with no result: postponed
   * (ImportOptions.postponeOverdueAfterHours). A re-import counts them again but writes nothing.
   */
  readonly postponed: number;
  /** Rows not imported, counted by reason (`blank row`, `invalid date`, …). */
  readonly rowsSkipped: Readonly<Record<string, number>>;
  /**
   * Every malformed, cut-off, duplicate or conflicting row, every file ignored as not match data and every cell an
   * imported row was read without (a malformed price, a result letter contradicting the score), with file and
   * line. A malformed, cut-off or conflicting row means the import is incomplete (`matchcast import` exits 1); a
   * cell warning does not: its match is imported.
   */
  readonly problems: readonly SkippedRow[];
  /**
   * Files nothing was imported from because they cannot be read (missing permission, bytes that are not text,
   * CSV that cannot be parsed, a wrong or missing header, a named file that is not match data): one entry each,
   * naming the line and column at fault. Non-empty means the import is incomplete (`matchcast import` exits 1).
   */
  readonly rejected: readonly SkippedRow[];
}

/** Statement sizes: large enough to amortise round trips, small enough to keep parameter arrays modest. */
const MATCHES_PER_STATEMENT = 10_000;
const ODDS_PER_STATEMENT = 40_000;
/** New matches in upsert mode after which the planner's statistics are refreshed (see writeBatch). */
const ANALYZE_AFTER_NEW_MATCHES = 2_000;

class IdCache {
  /** Whether this session may bulk-load prices without per-row foreign-key triggers (decided once). */
  skipTriggers: boolean | undefined;
  readonly regions = new Map<string, number>();
  readonly teams = new Map<string, number>();

  async resolve(q: Queryable, batch: readonly ParsedMatch[]): Promise<void> {
    const newRegions = new Map<string, ParsedMatch['region']>();
    for (const m of batch) if (!this.regions.has(m.region.code)) newRegions.set(m.region.code, m.region);
    for (const [code, id] of await upsertRegions(q, [...newRegions.values()])) this.regions.set(code, id);

    const newTeams = new Map<string, TeamInput>();
    for (const m of batch) {
      const regionId = this.regions.get(m.region.code)!;
      for (const name of [m.homeTeam, m.awayTeam]) {
        const team = { name, regionId, sex: m.sex };
        const key = teamKey(team);
        if (!this.teams.has(key)) newTeams.set(key, team);
      }
    }
    for (const [key, id] of await upsertTeams(q, [...newTeams.values()])) this.teams.set(key, id);
  }

  team(m: ParsedMatch, name: string): number {
    return this.teams.get(teamKey({ name, regionId: this.regions.get(m.region.code)!, sex: m.sex }))!;
  }
}

export interface Totals {
  matchesInserted: number;
  matchesUpdated: number;
  matchesUnchanged: number;
  oddsInserted: number;
  oddsUpdated: number;
  oddsUnchanged: number;
  oddsKept: number;
  overUnderInserted: number;
  overUnderUpdated: number;
  overUnderUnchanged: number;
  overUnderKept: number;
  statsWritten: number;
}

/** Every count at zero: where an import's totals start. */
export const zeroTotals = (): Totals => ({
  matchesInserted: 0,
  matchesUpdated: 0,
  matchesUnchanged: 0,
  oddsInserted: 0,
  oddsUpdated: 0,
  oddsUnchanged: 0,
  oddsKept: 0,
  overUnderInserted: 0,
  overUnderUpdated: 0,
  overUnderUnchanged: 0,
  overUnderKept: 0,
  statsWritten: 0,
});

/**
 * `bulk`: the odds table was empty when the import began and its unique index is dropped until the end (one
 * transaction for the whole import); `upsert`: the general case, one transaction per batch.
 */
type WriteMode = 'bulk' | 'upsert';

/** `nowMs`: the writer's clock, which says whose kick-off is still ahead (see REPLACEABLE_PRICE). */
async function writeBatch(
  tx: Queryable,
  mode: WriteMode,
  ids: IdCache,
  batch: readonly ParsedMatch[],
  totals: Totals,
  nowMs: number,
): Promise<void> {
  ids.skipTriggers ??= await canSkipTriggers(tx);
  await ids.resolve(tx, batch);
  let insertedBefore = totals.matchesInserted;
  for (let start = 0; start < batch.length; start += MATCHES_PER_STATEMENT) {
    const chunk = batch.slice(start, start + MATCHES_PER_STATEMENT);
    const inputs: MatchInput[] = chunk.map((m) => ({
      source: m.source,
      sourceKey: m.sourceKey,
      regionId: ids.regions.get(m.region.code)!,
      competition: m.competition,
      season: m.season,
      sex: m.sex,
      startTimeMs: m.startTimeMs,
      homeTeamId: ids.team(m, m.homeTeam),
      awayTeamId: ids.team(m, m.awayTeam),
      homeScore: m.homeScore,
      awayScore: m.awayScore,
      status: m.status,
    }));
    // In a bulk load every region and team id was created or read in this same transaction.
    const written =
      mode === 'bulk'
        ? await withForeignKeyChecksOff(tx, ids.skipTriggers, () => upsertMatches(tx, inputs))
        : await upsertMatches(tx, inputs);
    const odds: OddsInput[] = [];
    const oddsOfNew: OddsInput[] = [];
    const stats: MatchStatsInput[] = [];
    const overUnder: OverUnderInput[] = [];
    const overUnderOfNew: OverUnderInput[] = [];
    const upcoming: number[] = [];
    const pricedUpcoming: number[] = [];
    for (const m of chunk) {
      const w = written.get(m.sourceKey)!;
      if (m.startTimeMs > nowMs) {
        upcoming.push(w.matchId);
        if (m.odds.length + m.overUnder.length > 0) pricedUpcoming.push(w.matchId);
      }
      if (m.stats) stats.push({ matchId: w.matchId, ...m.stats });
      if (w.outcome === 'inserted') totals.matchesInserted++;
      else if (w.outcome === 'updated') totals.matchesUpdated++;
      else totals.matchesUnchanged++;
      const target = w.outcome === 'inserted' ? oddsOfNew : odds;
      for (const o of m.odds) {
        target.push({
          matchId: w.matchId,
          bookmaker: o.bookmaker,
          kind: o.kind,
          home: o.home,
          draw: o.draw,
          away: o.away,
        });
      }
      const ouTarget = w.outcome === 'inserted' ? overUnderOfNew : overUnder;
      for (const o of m.overUnder) {
        ouTarget.push({
          matchId: w.matchId,
          bookmaker: o.bookmaker,
          kind: o.kind,
          line: OVER_UNDER_LINE,
          over: o.over,
          under: o.under,
        });
      }
    }
    // Every match id was written or read in this transaction (see withForeignKeyChecksOff).
    totals.statsWritten +=
      mode === 'bulk'
        ? await withForeignKeyChecksOff(tx, ids.skipTriggers, () => upsertMatchStats(tx, stats))
        : await upsertMatchStats(tx, stats);
    for (let at = 0; at < oddsOfNew.length; at += ODDS_PER_STATEMENT) {
      const slice = oddsOfNew.slice(at, at + ODDS_PER_STATEMENT);
      totals.oddsInserted += await insertOddsOfNewMatches(tx, slice, ids.skipTriggers);
    }
    for (let at = 0; at < odds.length; at += ODDS_PER_STATEMENT) {
      const slice = odds.slice(at, at + ODDS_PER_STATEMENT);
      const counts = mode === 'bulk' ? await replaceOdds(tx, slice) : await upsertOdds(tx, slice, upcoming);
      totals.oddsInserted += counts.inserted;
      totals.oddsUpdated += counts.updated;
      totals.oddsUnchanged += counts.unchanged;
      totals.oddsKept += counts.kept;
    }
    for (let at = 0; at < overUnderOfNew.length; at += ODDS_PER_STATEMENT) {
      const slice = overUnderOfNew.slice(at, at + ODDS_PER_STATEMENT);
      totals.overUnderInserted += await insertOverUnderOfNewMatches(tx, slice, ids.skipTriggers);
    }
    for (let at = 0; at < overUnder.length; at += ODDS_PER_STATEMENT) {
      const counts = await upsertOverUnder(tx, overUnder.slice(at, at + ODDS_PER_STATEMENT), upcoming);
      totals.overUnderInserted += counts.inserted;
      totals.overUnderUpdated += counts.updated;
      totals.overUnderUnchanged += counts.unchanged;
      totals.overUnderKept += counts.kept;
    }
    await markPricesSeenBeforeKickoff(tx, pricedUpcoming);
    // Statistics of a 20-match database planned each later statement of a big import as a nested loop (185 s for
    // 24,760 matches, 10 s into an empty one). ANALYZE inside the transaction counts its own new rows.
    if (mode === 'upsert' && totals.matchesInserted - insertedBefore >= ANALYZE_AFTER_NEW_MATCHES) {
      await refreshPlannerStatistics(tx);
      insertedBefore = totals.matchesInserted;
    }
  }
}

/**
 * Imports CSV files and folders (recursively). A malformed row is reported and skipped; the rest of its file
 * imports. A file that cannot be read as a whole is rejected: nothing of it is written (files are parsed
 * completely before any of their rows is, and every write transaction holds whole files), and it is listed in
 * `rejected`. Re-importing the same files changes nothing; a corrected score updates its match in place.
 * Throws `ImportPathError` when a path does not exist or a folder cannot be listed, before writing anything.
 */
export async function importFootballData(
  db: Db,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 20_000;
  const nowMs = options.nowMs ?? systemClock.nowMs();
  const ids = new IdCache();
  const totals = zeroTotals();
  // Listing the files first: a missing path throws before anything is written.
  const files = findCsvFiles(paths);
  const seasonStyles = seasonStylesOf(await loadLatestSeasonLabels(db));
  const footballDataSpans = leagueSpansOf(await loadFootballDataSpans(db));
  let read: ReadSummary;
  if (await oddsTableIsEmpty(db)) {
    read = await db.transaction(async (tx) => {
      const constraints = await dropOddsUniqueConstraints(tx);
      const summary = await readFootballData(
        files,
        { ...options, nowMs, seasonStyles, footballDataSpans },
        batchSize,
        (batch) => writeBatch(tx, 'bulk', ids, batch, totals, nowMs),
      );
      await restoreOddsConstraints(tx, constraints);
      return summary;
    });
  } else {
    read = await readFootballData(
      files,
      { ...options, nowMs, seasonStyles, footballDataSpans },
      batchSize,
      (batch) => db.transaction((tx) => writeBatch(tx, 'upsert', ids, batch, totals, nowMs)),
    );
  }
  const { matchesInserted, matchesUpdated, oddsInserted, oddsUpdated, overUnderInserted, overUnderUpdated } =
    totals;
  const changed =
    matchesInserted + matchesUpdated + oddsInserted + oddsUpdated + overUnderInserted + overUnderUpdated;
  if (changed + totals.statsWritten > 0) await refreshPlannerStatistics(db);
  let postponed = 0;
  if (options.postponeOverdueAfterHours !== undefined) {
    const overdueBefore = new Date(nowMs - options.postponeOverdueAfterHours * 3_600_000);
    for (const prefix of CSV_SOURCE_PREFIXES)
      postponed += await postponeOverdueFixtures(db, prefix, overdueBefore);
  }
  const { overdueFixtures, ...rest } = read;
  return { ...rest, ...totals, postponed: postponed + overdueFixtures };
}

/** The source keys' prefixes of what CSV files import (parse-file.ts): an import marks overdue fixtures of these. */
const CSV_SOURCE_PREFIXES = ['football-data|', 'footystats|'] as const;

/**
 * Writes one file's matches inside the caller's transaction (sync's unit: a file is imported whole or not at
 * all, together with its pull record), in upsert mode; `nowMs` is when the file was pulled.
 */
export async function writeParsedMatches(
  tx: Queryable,
  matches: readonly ParsedMatch[],
  nowMs: number,
): Promise<Totals> {
  const totals = zeroTotals();
  if (matches.length > 0) await writeBatch(tx, 'upsert', new IdCache(), matches, totals, nowMs);
  return totals;
}
