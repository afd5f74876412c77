/**
 * `syncProvider`: brings the database up to date with the football-data.co.uk layout. Each planned file is
 * asked for with a conditional GET; an unchanged file (304, or the same bytes) costs one request, a season that
 * ended and was pulled afterwards costs none. A new body is stored content-addressed in the artifact store
 * (provider/raw/<sha256>.csv) before it is judged, then imported in one transaction together with its pull
 * record and the file's new state — or rejected whole, bytes kept. A 404 is a warning. A file that keeps failing
 * (timeouts, 5xx after the retries) is a warning too and the other files go on, so one broken file cannot keep the
 * fixtures out; two such files in a row mean the provider is down, and the run stops with one line, after what
 * was finished is committed.
 *
 * @example
 * const summary = await syncProvider(db, { baseUrl, params: params.sync, store, clock: systemClock, log });
 */
import { createHash } from 'node:crypto';
import type { SyncParams } from '../../config/params.ts';
import type { Db } from '../../db/db.ts';
import {
  postponeOverdueFixtures,
  postponeVanishedFixtures,
  unknownTeamNames,
} from '../../db/fixture-repository.ts';
import { loadLatestSeasonLabels } from '../../db/league-facts-repository.ts';
import {
  forgetProviderFilesExcept,
  loadProviderFiles,
  type ProviderFileState,
  recordPull,
  saveProviderFile,
} from '../../db/provider-file-repository.ts';
import type { Clock } from '../../domain/clock.ts';
import { isStale } from '../../domain/source-health.ts';
import { writeParsedMatches } from '../football-data/import.ts';
import { describeProblem, isCellWarning } from '../football-data/parsed-match.ts';
import { inLeagueSeason, seasonStylesOf } from '../football-data/seasons.ts';
import { loadTeamAliases } from '../football-data/team-aliases.ts';
import { createProviderClient, type ProviderClient, ProviderUnavailableError } from './http-client.ts';
import { judgeFile } from './judge-file.ts';
import { type ProviderFile, planProviderFiles } from './provider-files.ts';

/** Where raw bodies are kept: the artifact store (structurally; ingest does not import storage). */
export interface RawStore {
  put(key: string, body: Uint8Array): Promise<unknown>;
  head(key: string): Promise<unknown>;
}

export const rawBodyKey = (sha256: string) => `provider/raw/${sha256}.csv`;

export interface SyncOptions {
  /** Provider base URL ending in `/` (config FOOTBALL_DATA_URL). */
  readonly baseUrl: string;
  readonly params: SyncParams;
  /** `--leagues` / `--from-season` overrides. */
  readonly leagues?: readonly string[] | undefined;
  readonly fromSeason?: string | undefined;
  readonly store: RawStore;
  readonly clock: Clock;
  readonly log: (level: 'info' | 'warn', line: string) => void;
  /** Tests and benches may share one client. */
  readonly client?: ProviderClient;
  /**
   * Forget, once every file was tried, the files this run did not ask for (forgetUnaskedFiles); default true.
   * False where the caller settles afterwards what is asked for from then on (`matchcast sync`).
   */
  readonly forgetUnasked?: boolean;
}

/** What decides which files a sync asks for. */
export type SyncScope = Pick<SyncOptions, 'baseUrl' | 'params' | 'leagues' | 'fromSeason' | 'clock'>;

function planOf(scope: SyncScope): ProviderFile[] {
  return planProviderFiles({
    leagues: scope.leagues ?? scope.params.leagues,
    seasons: scope.params.seasons,
    fromSeason: scope.fromSeason ?? scope.params.from_season,
    fixtures: scope.params.fixtures,
    nowMs: scope.clock.nowMs(),
  });
}

const urlOf = (baseUrl: string, file: ProviderFile) => new URL(file.path, baseUrl).href;

/**
 * Forgets the provider files a sync of `scope` does not ask for (another provider URL, leagues or seasons
 * dropped); `null` asks for none. No longer pulled, they would never change again and read as stale for ever.
 * Their pulls stay on record. Returns the forgotten URLs.
 */
export function forgetUnaskedFiles(db: Db, scope: SyncScope | null): Promise<string[]> {
  const asked = scope === null ? [] : planOf(scope).map((file) => urlOf(scope.baseUrl, file));
  return forgetProviderFilesExcept(db, asked);
}

export type FileOutcome = 'imported' | 'unchanged' | 'final' | 'missing' | 'rejected' | 'failed';

/** Files failing in a row (after their retries) that mean the provider is down: the run stops there. */
const FAILURES_MEANING_DOWN = 2;

export interface SyncSummary {
  readonly files: readonly {
    readonly path: string;
    /** The league a season or league file holds; null for a fixtures file. */
    readonly league: string | null;
    readonly outcome: FileOutcome;
    readonly detail: string;
  }[];
  readonly matchesInserted: number;
  readonly matchesUpdated: number;
  readonly oddsWritten: number;
  readonly postponed: number;
  readonly newTeams: readonly string[];
  /** Paths of watched files unchanged for longer than params allow. */
  readonly stale: readonly string[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function freshState(url: string, path: string, staleAfterHours: number): ProviderFileState {
  return {
    url,
    path,
    etag: null,
    lastModified: null,
    sha256: null,
    rows: null,
    firstAttemptAt: null,
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastChangedAt: null,
    failures: 0,
    lastError: null,
    status: 'ok',
    final: false,
    staleAfterHours,
  };
}

export async function syncProvider(db: Db, options: SyncOptions): Promise<SyncSummary> {
  const { params, clock, log } = options;
  const teamName = loadTeamAliases(params.team_aliases);
  const client =
    options.client ??
    createProviderClient({
      timeoutMs: params.timeout_ms,
      retries: params.retries,
      backoffMs: params.backoff_ms,
      minIntervalMs: params.min_interval_ms,
      clock,
    });
  const plan = planOf(options);
  const states = await loadProviderFiles(db);
  const files: SyncSummary['files'][number][] = [];
  const totals = { matchesInserted: 0, matchesUpdated: 0, oddsWritten: 0, postponed: 0 };
  const newTeams: string[] = [];
  let failedInARow = 0;

  for (const file of plan) {
    const url = urlOf(options.baseUrl, file);
    const before = states.get(url) ?? freshState(url, file.path, params.stale_after_hours);
    if (before.final) {
      files.push({
        path: file.path,
        league: file.league,
        outcome: 'final',
        detail: 'season over, pulled (or found missing) after it ended',
      });
      continue;
    }
    const attemptAt = new Date(clock.nowMs());
    const base = {
      ...before,
      firstAttemptAt: before.firstAttemptAt ?? attemptAt,
      lastAttemptAt: attemptAt,
      staleAfterHours: params.stale_after_hours,
    };
    let result: Awaited<ReturnType<ProviderClient['get']>>;
    try {
      result = await client.get(url, { etag: before.etag, lastModified: before.lastModified });
    } catch (error) {
      if (!(error instanceof ProviderUnavailableError)) throw error;
      const failed = { ...base, status: 'failed' as const, failures: before.failures + 1 };
      await saveProviderFile(db, { ...failed, lastError: error.reason });
      if (++failedInARow >= FAILURES_MEANING_DOWN) throw error;
      log(
        'warn',
        `${file.path}: ${error.reason}; trying the next file (a second failure in a row stops the sync)`,
      );
      files.push({ path: file.path, league: file.league, outcome: 'failed', detail: error.reason });
      continue;
    }
    failedInARow = 0;
    if (result.status === 'missing') {
      const reason = `not on the provider (HTTP ${result.httpStatus})`;
      log('warn', `${file.path}: ${reason}; the other files go on`);
      // A season over and absent twice in a row will not appear later: it is not asked for again (once could be
      // the provider's passing fault).
      await saveProviderFile(db, {
        ...base,
        status: 'missing',
        final: file.closed && before.status === 'missing',
        failures: before.failures + 1,
        lastError: reason,
      });
      files.push({ path: file.path, league: file.league, outcome: 'missing', detail: reason });
      continue;
    }
    const digest = result.status === 'changed' ? sha256(result.body) : before.sha256;
    const unchanged =
      result.status === 'not-modified' || (digest === before.sha256 && before.status === 'ok');
    const success = {
      ...base,
      ...result.validators,
      lastSuccessAt: attemptAt,
      failures: 0,
      lastError: null,
      status: 'ok' as const,
      // A season over is final once a second pull finds the same bytes: a download cut at a row's end (which
      // parses as a shorter season) or a pull made before the provider's last correction is pulled again.
      final: file.closed && unchanged,
    };
    if (unchanged || result.status !== 'changed') {
      await saveProviderFile(db, success);
      files.push({
        path: file.path,
        league: file.league,
        outcome: 'unchanged',
        detail: result.status === 'not-modified' ? '304' : 'same bytes',
      });
      continue;
    }
    const { body, contentType } = result;
    const key = rawBodyKey(digest as string);
    if ((await options.store.head(key)) === null) await options.store.put(key, body);
    const judged = judgeFile(file, body, contentType, { nowMs: clock.nowMs(), teamName });
    const pull = { url, sha256: digest as string, bytes: body.length, fetchedAt: attemptAt };
    if (!judged.accepted) {
      log('warn', `rejected ${judged.reason} (raw bytes kept as ${key})`);
      await db.transaction(async (tx) => {
        await recordPull(tx, { ...pull, outcome: 'rejected', reason: judged.reason });
        // Validators are not kept, so the next sync asks for the whole file again.
        const rejected = { ...base, status: 'rejected' as const, failures: before.failures + 1 };
        await saveProviderFile(tx, { ...rejected, lastError: judged.reason });
      });
      files.push({ path: file.path, league: file.league, outcome: 'rejected', detail: judged.reason });
      continue;
    }
    const malformed = judged.parsed.skipped.filter((s) => s.kind === 'malformed');
    for (const s of malformed.slice(0, 5)) log('warn', `skipped row ${describeProblem(s)}`);
    const cells = judged.parsed.skipped.filter(isCellWarning);
    for (const s of cells.slice(0, 5)) log('warn', describeProblem(s));
    if (cells.length > 5) log('warn', `${file.path}: … and ${cells.length - 5} more warnings`);
    // Two rows of one match with different scores: the later is kept (as `matchcast import` keeps it), said aloud.
    const conflicts = judged.parsed.skipped.filter((r) => r.kind === 'conflict');
    for (const c of conflicts.slice(0, 5)) log('warn', `conflict ${describeProblem(c)}`);
    if (conflicts.length > 5) log('warn', `${file.path}: … and ${conflicts.length - 5} more conflicts`);
    const written = await db.transaction(async (tx) => {
      // A fixtures file naming no season (new_league_fixtures.csv) takes each league's stored style.
      const unnamed = judged.matches.some((m) => m.unnamedSeasonDate !== undefined);
      const styles = unnamed ? seasonStylesOf(await loadLatestSeasonLabels(tx)) : null;
      const matches = styles === null ? judged.matches : judged.matches.map((m) => inLeagueSeason(m, styles));
      // New names in fixtures, and in a results file pulled before (a renamed club); not on a season's first pull,
      // where every promoted club of a first sync of the history would be named.
      if (file.kind === 'fixtures' || before.lastSuccessAt !== null) {
        const names = matches.flatMap((m) =>
          [m.homeTeam, m.awayTeam].map((name) => ({ regionCode: m.region.code, sex: m.sex, name })),
        );
        const unique = [...new Map(names.map((n) => [`${n.regionCode}|${n.sex}|${n.name}`, n])).values()];
        for (const t of await unknownTeamNames(tx, unique)) {
          newTeams.push(`${t.regionCode}: ${t.name}`);
          log(
            'warn',
            `${file.path}: unknown team '${t.name}' (${t.regionCode}) added as a new team; if it is a known club under another name, add an alias in params.yaml sync.team_aliases`,
          );
        }
      }
      const counts = await writeParsedMatches(tx, matches, attemptAt.getTime());
      if (file.kind === 'fixtures' && judged.matches.length > 0) {
        const kickOffs = judged.matches.map((m) => m.startTimeMs);
        const window = { from: new Date(Math.min(...kickOffs)), to: new Date(Math.max(...kickOffs)) };
        const listed = judged.matches.map((m) => m.sourceKey);
        totals.postponed += await postponeVanishedFixtures(tx, file.sourcePrefixes, window, listed);
      }
      await recordPull(tx, { ...pull, outcome: 'imported', reason: null });
      await saveProviderFile(tx, {
        ...success,
        sha256: digest,
        rows: judged.parsed.rowsRead,
        lastChangedAt: attemptAt,
      });
      return counts;
    });
    totals.matchesInserted += written.matchesInserted;
    totals.matchesUpdated += written.matchesUpdated;
    totals.oddsWritten += written.oddsInserted + written.oddsUpdated;
    const kept = written.oddsKept + written.overUnderKept;
    if (kept > 0)
      log(
        'warn',
        `${file.path}: ${kept} ${kept === 1 ? 'price differs' : 'prices differ'} from those stored before kick-off; kept as they were on offer (the track record bets at them)`,
      );
    const detail = `${judged.matches.length} matches: ${written.matchesInserted} new, ${written.matchesUpdated} updated${malformed.length > 0 ? `, ${malformed.length} rows skipped` : ''}`;
    log('info', `${file.path}: ${detail}`);
    files.push({ path: file.path, league: file.league, outcome: 'imported', detail });
  }

  // Only once every planned file was tried: a run the provider's outage stopped has thrown before here.
  if (options.forgetUnasked !== false)
    for (const url of await forgetUnaskedFiles(db, options))
      log('info', `${url}: no longer asked for, no longer watched`);
  const overdueBefore = new Date(clock.nowMs() - params.postponed_after_hours * 3_600_000);
  totals.postponed += await postponeOverdueFixtures(db, 'football-data|', overdueBefore);
  const stale = [...(await loadProviderFiles(db)).values()]
    .filter((s) => isStale(s, clock.nowMs()))
    .map((s) => s.path);
  for (const path of stale)
    log('warn', `source stale: ${path} unchanged for more than ${params.stale_after_hours} h`);
  return { files, ...totals, newTeams, stale };
}
