/**
 * Sync benchmark: a local mirror of the provider layout built from ../shared/data/football (params sync.leagues,
 * the last sync.seasons seasons, fixtures.csv), served by the tests' provider server; a first sync into a fresh
 * PGlite, then a sync of the unchanged provider (finished seasons are not asked for again, the rest answer 304).
 * Prints seconds and requests. Run: `node --import tsx bench/sync.ts [data folder] [--small-db]`
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
import { join } from 'node:path';
import { loadParams } from '../src/config/params.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDb } from '../src/db/open-db.ts';
import { manualClock } from '../src/domain/clock.ts';
import { importFootballData } from '../src/ingest/football-data/import.ts';
import { planProviderFiles } from '../src/ingest/provider/provider-files.ts';
import { syncProvider } from '../src/ingest/provider/sync.ts';
import { createFileArtifactStore } from '../src/storage/file-artifact-store.ts';
import { startProviderServer } from '../test/support/provider-server.ts';

const DATA =
  process.argv.slice(2).find((a) => !a.startsWith('--')) ??
  join(import.meta.dirname, '../../shared/data/football');
// Late in 2025-26: ten seasons of each league exist in the shared folder, the current one still "live".
const NOW = Date.parse('2026-03-01T12:00:00Z');

const params = loadParams().sync;
const root = mkdtempSync(join(tmpdir(), 'matchcast-bench-provider-'));
const work = mkdtempSync(join(tmpdir(), 'matchcast-bench-sync-'));
let served = 0;
for (const file of planProviderFiles({ ...params, fromSeason: params.from_season, nowMs: NOW })) {
  const m = /^mmz4281\/(\d\d)(\d\d)\/(\w+)\.csv$/.exec(file.path);
  const source = m
    ? join(DATA, m[3] as string, `20${m[1]}-${m[2]}.csv`)
    : join(DATA, file.path === 'fixtures.csv' ? 'fixtures/fixtures.csv' : file.path);
  if (!existsSync(source)) continue;
  mkdirSync(join(root, file.path, '..'), { recursive: true });
  copyFileSync(source, join(root, file.path));
  served++;
}
const server = await startProviderServer(root);
const db = await openDb({ dataDir: join(work, 'db') });
await migrate(db);
// `--small-db`: the first sync goes into a database already holding a few matches, whose planner statistics
// (refreshed by that import) then describe tables hundreds of times smaller than the sync leaves them.
const smallDb = process.argv.includes('--small-db');
if (smallDb) {
  const lines = readFileSync(join(DATA, 'E0', '2014-15.csv'), 'latin1')
    .split('\n')
    .slice(0, 21);
  const seed = join(work, 'seed', 'E0.csv');
  mkdirSync(join(seed, '..'), { recursive: true });
  writeFileSync(seed, `${lines.join('\n')}\n`);
  await importFootballData(db, [seed]);
}
const options = {
  baseUrl: server.url,
  params,
  store: createFileArtifactStore(join(work, 'artifacts')),
  clock: manualClock(NOW),
  log: () => {},
};
try {
  let t0 = performance.now();
  const first = await syncProvider(db, options);
  const firstSeconds = (performance.now() - t0) / 1000;
  console.log(
    `first sync (${smallDb ? 'PGlite holding 20 matches' : 'empty PGlite'}): ${firstSeconds.toFixed(2)} s, ${served} files served, ${server.requests.length} requests, ` +
      `${first.matchesInserted} matches`,
  );
  server.requests.length = 0;
  t0 = performance.now();
  const again = await syncProvider(db, options);
  const seconds = (performance.now() - t0) / 1000;
  const count = (o: string) => again.files.filter((f) => f.outcome === o).length;
  console.log(
    `unchanged provider: ${seconds.toFixed(2)} s, ${server.requests.length} requests (${count('unchanged')} unchanged, ` +
      `${count('final')} finished seasons not asked for), min_interval_ms ${params.min_interval_ms}`,
  );
} finally {
  await db.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}
