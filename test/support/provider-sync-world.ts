/**
 * The provider-sync tests' world: SP1 2024-25 and the 2025-26 file as it stood on 22/09/2025, plus the real
 * fixtures file, served by a stand-in provider, a fresh database and raw-body store, and a manual clock.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadParams, type SyncParams } from '../../src/config/params.ts';
import type { Db } from '../../src/db/db.ts';
import { manualClock } from '../../src/domain/clock.ts';
import type { SyncOptions, SyncSummary } from '../../src/ingest/provider/sync.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { startProviderServer } from './provider-server.ts';
import { IN_CI } from './services.ts';

export const DATA =
  process.env.FOOTBALL_DATA_DIR ?? join(import.meta.dirname, '../../../shared/data/football');
export const present = existsSync(join(DATA, 'fixtures', 'fixtures.csv'));
if (!present) {
  if (IN_CI) throw new Error(`football data not found at ${DATA}: sync tests must run in CI`);
  console.warn(`\n!!!!!!!!!! SKIPPING SYNC TESTS: no football data at ${DATA} !!!!!!!!!!\n`);
}

/** Tuesday before the fixtures of 23–25/09/2025 (fixtures/fixtures.csv). */
export const BEFORE_FIXTURES = Date.parse('2025-09-22T12:00:00Z');
export const SEASON = 'mmz4281/2526/SP1.csv';
export const LAST = 'mmz4281/2425/SP1.csv';

/** The 2025-26 SP1 file as the provider served it on `day`: only matches played before it. */
export function seasonUpTo(day: string): string {
  const text = readFileSync(join(DATA, 'SP1', '2025-26.csv'), 'utf8');
  const [header, ...rows] = text.split('\r\n');
  const iso = (d: string) => d.split('/').reverse().join('-');
  return [header, ...rows.filter((r) => r !== '' && iso(r.split(',')[1] ?? '') < day), ''].join('\r\n');
}

export function write(root: string, path: string, text: string | Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

type Cleanups = (() => Promise<void> | void)[];

/**
 * A provider's folder as it stood on Monday 22/09/2025: SP1 2024-25 whole, 2025-26 up to then, and the real
 * fixtures file. Removed by `cleanups`.
 */
export function providerFolder(cleanups: Cleanups): string {
  const root = mkdtempSync(join(tmpdir(), 'matchcast-provider-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'mmz4281', '2425'), { recursive: true });
  copyFileSync(join(DATA, 'SP1', '2024-25.csv'), join(root, LAST));
  write(root, SEASON, seasonUpTo('2025-09-23'));
  copyFileSync(join(DATA, 'fixtures', 'fixtures.csv'), join(root, 'fixtures.csv'));
  return root;
}

/** A fresh world on a database from `open`; what it starts is pushed onto `cleanups`. */
export async function createSyncWorld(
  open: () => Promise<{ db: Db; dispose: () => Promise<void> }>,
  cleanups: Cleanups,
) {
  const { db, dispose } = await open();
  cleanups.push(dispose);
  const root = providerFolder(cleanups);
  const storeDir = mkdtempSync(join(tmpdir(), 'matchcast-raw-'));
  cleanups.push(() => rmSync(storeDir, { recursive: true, force: true }));
  const server = await startProviderServer(root);
  cleanups.push(() => server.close());
  const store = createFileArtifactStore(storeDir);
  const clock = manualClock(BEFORE_FIXTURES);
  const warnings: string[] = [];
  const params: SyncParams = {
    ...loadParams().sync,
    leagues: ['SP1'],
    from_season: '2024-25',
    timeout_ms: 400,
    retries: 2,
    backoff_ms: 10,
    min_interval_ms: 0,
  };
  const options: SyncOptions = {
    baseUrl: server.url,
    params,
    store,
    clock,
    log: (level, line) => {
      if (level === 'warn') warnings.push(line);
    },
  };
  return { db, root, server, store, clock, warnings, options };
}

/** Each file's outcome by path. */
export const outcomes = (s: SyncSummary) => Object.fromEntries(s.files.map((f) => [f.path, f.outcome]));

/** The latest match of `home` against `away`. */
export async function match(db: Db, home: string, away: string) {
  const [row] = await db.query<{
    match_id: number;
    status: string;
    start_time_utc: Date;
    home_score: number | null;
    away_score: number | null;
  }>(
    `SELECT m.match_id, m.status, m.start_time_utc, m.home_score, m.away_score FROM matches m
     JOIN teams h ON h.id = m.home_team_id JOIN teams a ON a.id = m.away_team_id
     WHERE h.name = $1 AND a.name = $2 ORDER BY m.start_time_utc DESC LIMIT 1`,
    [home, away],
  );
  return row;
}
