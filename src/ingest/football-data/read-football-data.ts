/**
 * The one reading loop of football-data and FootyStats CSV files, for the database import (import.ts) and the
 * in-memory reader (in-memory.ts): files parsed in order, one entry per match, handed on in batches.
 */
import { systemClock } from '../../domain/clock.ts';
import { duplicateReport, isFixture, type MatchSighting, sighting } from './duplicates.ts';
import type { CsvFile } from './files.ts';
import {
  coveredByFootballData,
  type LeagueSpans,
  noteLeagueSpan,
  otherSourceReports,
} from './league-sources.ts';
import { isCellWarning, type ParsedMatch, type SkippedRow } from './parsed-match.ts';
import { readCsvFile } from './read-csv-file.ts';
import { inLeagueSeason, noteSeasonStyle, type SeasonStyles } from './seasons.ts';
import { loadTeamAliases, type TeamNameResolver } from './team-aliases.ts';

export interface ReadOptions {
  /** Called after each file with files done and files in all. */
  onProgress?(done: number, total: number): void;
  /** The clock deciding whether a match without a result is still a fixture (default: now). */
  readonly nowMs?: number;
  /** Team-name aliases (default: the shipped table, team-aliases.yaml). */
  readonly teamName?: TeamNameResolver;
  /**
   * A fixture still without a result this many hours after kick-off (by `nowMs`) is postponed, as a provider
   * sync marks it (params sync.postponed_after_hours): read so from a fixtures file, and marked so in the
   * database for these files' sources. A fixtures file imported after its dates otherwise left cards
   * "scheduled" months in the past. Undefined: fixtures stay scheduled.
   */
  readonly postponeOverdueAfterHours?: number;
  /**
   * Each league's season style as already stored (seasonStylesOf): a fixture whose file names no season is
   * labelled in it unless these files' results say otherwise. Default: only these files say.
   */
  readonly seasonStyles?: ReadonlyMap<string, boolean>;
  /** The span of each league football-data rows already stored cover (loadFootballDataSpans); default none. */
  readonly footballDataSpans?: LeagueSpans;
}

/**
 * The reason without its quoted value or the details after a colon, so counts group: "invalid date '#REF!'" →
 * "invalid date", "truncated last row: 4 of 7 fields…" → "truncated last row".
 */
const reasonKey = (s: SkippedRow) => {
  if (s.kind === 'duplicate') return 'duplicate match';
  if (s.kind === 'conflict') return 'duplicate with another score';
  return s.reason.replace(/ '.*$/, '').replace(/:.*$/, '');
};

/** What reading the files reports, besides the matches themselves. */
export interface ReadSummary {
  readonly files: number;
  readonly rowsRead: number;
  readonly rowsSkipped: Readonly<Record<string, number>>;
  readonly problems: readonly SkippedRow[];
  readonly rejected: readonly SkippedRow[];
  /** Fixtures read as postponed, their kick-off long past (ImportOptions.postponeOverdueAfterHours). */
  readonly overdueFixtures: number;
}

/**
 * Parses the CSV files (`findCsvFiles`) in order and hands the matches to `write` in batches of about
 * `batchSize`, one entry per source key (the same match in two files: the later file wins, reported as a
 * duplicate, or as a conflict when the scores differ; a fixture never replaces the same match's result). The one
 * reading loop of the database import and of the in-memory reader (`readFootballDataInMemory`).
 */
export async function readFootballData(
  files: readonly CsvFile[],
  options: ReadOptions,
  batchSize: number,
  write: (batch: readonly ParsedMatch[]) => Promise<void>,
): Promise<ReadSummary> {
  const nowMs = options.nowMs ?? systemClock.nowMs();
  const teamName = options.teamName ?? loadTeamAliases();
  const overdueBeforeMs =
    options.postponeOverdueAfterHours === undefined
      ? undefined
      : nowMs - options.postponeOverdueAfterHours * 3_600_000;
  let overdueFixtures = 0;
  const rowsSkipped: Record<string, number> = {};
  const problems: SkippedRow[] = [];
  const rejected: SkippedRow[] = [];
  let rowsRead = 0;
  // Keyed by source key so the same match in two files is written once (the later file wins); with its file.
  let pending = new Map<string, { readonly match: ParsedMatch; readonly file: string }>();
  // Every match read so far, also once written: a repeat in a file read batches later is still reported.
  const seen = new Map<string, MatchSighting>();
  const styles: SeasonStyles = new Map(options.seasonStyles);
  const spans: LeagueSpans = new Map(
    [...(options.footballDataSpans ?? [])].map(([key, span]) => [key, { ...span }]),
  );
  // What depends on every file (a fixture's season style, whether football-data covers a FootyStats row's league)
  // waits for the last batch.
  const waits = (m: ParsedMatch) => m.unnamedSeasonDate !== undefined || m.source === 'footystats';
  const flush = async (last: boolean) => {
    const batch: ParsedMatch[] = [];
    const waiting: typeof pending = new Map();
    const covered: { file: string; match: ParsedMatch }[] = [];
    for (const [key, read] of pending) {
      const m = read.match;
      if (!waits(m)) batch.push(m);
      else if (!last) waiting.set(key, read);
      else if (coveredByFootballData(m, spans)) covered.push(read);
      else batch.push(inLeagueSeason(m, styles));
    }
    pending = waiting;
    for (const report of otherSourceReports(covered, spans)) problems.push(report);
    if (covered.length > 0) rowsSkipped['league football-data also covers'] = covered.length;
    if (batch.length === 0) return;
    overdueFixtures += batch.filter((m) => m.status === 'postponed').length;
    await write(batch);
  };
  for (const [i, file] of files.entries()) {
    const parsed = readCsvFile(file, { nowMs, teamName, overdueBeforeMs });
    rowsRead += parsed.rowsRead;
    for (const s of parsed.skipped) {
      if (s.kind === 'rejected-file') rejected.push(s);
      // A cell warning is no skipped row: its row is imported.
      else if (s.kind === 'unrecognised-file' || isCellWarning(s)) problems.push(s);
      else {
        rowsSkipped[reasonKey(s)] = (rowsSkipped[reasonKey(s)] ?? 0) + 1;
        if (s.kind !== 'blank') problems.push(s);
      }
    }
    for (const m of parsed.matches) {
      if (m.unnamedSeasonDate === undefined) noteSeasonStyle(styles, m);
      noteLeagueSpan(spans, m);
      const earlier = seen.get(m.sourceKey);
      // fixtures.csv lists matches the season files also hold: a fixture of a match read with its result is no
      // duplicate, and never replaces the result (once written, the upsert keeps stored results the same way).
      if (isFixture(m) && earlier?.status === 'finished') {
        if (pending.get(m.sourceKey)?.match.status !== 'finished')
          pending.set(m.sourceKey, { match: m, file: file.path });
        continue;
      }
      if (earlier !== undefined) {
        const report = duplicateReport(earlier, sighting(file.path, m));
        problems.push(report);
        rowsSkipped[reasonKey(report)] = (rowsSkipped[reasonKey(report)] ?? 0) + 1;
      }
      seen.set(m.sourceKey, sighting(file.path, m));
      pending.set(m.sourceKey, { match: m, file: file.path });
    }
    if (pending.size >= batchSize) await flush(false);
    options.onProgress?.(i + 1, files.length);
  }
  await flush(true);
  return { files: files.length, rowsRead, rowsSkipped, problems, rejected, overdueFixtures };
}
