/**
 * Import benchmark: parsing alone (every file read, decoded and parsed, no database), then the whole football
 * data folder into a fresh PGlite (temporary folder) and into a fresh schema of a PostgreSQL server; prints
 * seconds, rows imported and database size, then times an idempotent re-import and the read of the whole odds
 * history (loadSnapshots of every match with a price: what the track record and the cards' closing lines read;
 * on PostgreSQL after ANALYZE, as autovacuum would have run; the import analyses what it wrote on both drivers). Run: `node --import tsx bench/import.ts [data folder]`
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_SKIP_POSTGRES=1, BENCH_SKIP_PGLITE=1.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadSnapshots } from '../src/db/odds-history-repository.ts';
import { openDb } from '../src/db/open-db.ts';
import { listCsvFiles } from '../src/ingest/football-data/files.ts';
import { importFootballData } from '../src/ingest/football-data/import.ts';
import { parseFootballDataFile } from '../src/ingest/football-data/parse-file.ts';

const DATA = process.argv[2] ?? join(import.meta.dirname, '../../shared/data/football');
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function folderBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? folderBytes(p) : statSync(p).size;
  }
  return total;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function run(label: string, db: Db, size: () => Promise<string>): Promise<void> {
  await migrate(db);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const first = await importFootballData(db, [DATA]);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(1);
  const [counts] = await db.query<{ matches: number; odds: number }>(
    'SELECT (SELECT count(*) FROM matches)::int AS matches, (SELECT count(*) FROM odds)::int AS odds',
  );
  console.log(
    `${label}: import ${seconds.toFixed(1)} s (Node process CPU ${cpuSeconds} s) — ${first.files} files, ${first.rowsRead} rows read, ` +
      `${counts?.matches} matches, ${counts?.odds} odds rows, ` +
      `${Math.round((first.matchesInserted + first.oddsInserted) / seconds)} rows/s; size ${await size()}`,
  );
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  const second = await importFootballData(db, [DATA]);
  const cpuAgain = process.cpuUsage(cpu1);
  console.log(
    `${label}: re-import ${((performance.now() - t1) / 1000).toFixed(1)} s ` +
      `(Node process CPU ${((cpuAgain.user + cpuAgain.system) / 1e6).toFixed(1)} s) — ` +
      `${second.matchesUnchanged} matches and ${second.oddsUnchanged} odds unchanged, ` +
      `${second.matchesInserted + second.matchesUpdated + second.oddsInserted + second.oddsUpdated} written`,
  );
  if (label === 'PostgreSQL') await db.exec('ANALYZE');
  const ids = await db.query<{ match_id: number }>('SELECT DISTINCT match_id FROM odds');
  const t2 = performance.now();
  const snapshots = await loadSnapshots(
    db,
    ids.map((r) => Number(r.match_id)),
  );
  console.log(
    `${label}: odds history read ${((performance.now() - t2) / 1000).toFixed(1)} s — ${snapshots.length} snapshots of ${ids.length} matches`,
  );
}

console.log(
  `data: ${DATA} (${mb(folderBytes(DATA))}), cpus busy: load ${(await import('node:os')).loadavg()[0]?.toFixed(1)}`,
);

{
  const files = listCsvFiles([DATA]).map((file) => ({ file, bytes: readFileSync(file) }));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let matches = 0;
  for (const { file, bytes } of files) {
    matches += parseFootballDataFile(file, bytes, { nowMs: Date.now() }).matches.length;
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `parse only (files in memory, no database): ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
      `(CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s) — ${files.length} files, ${matches} matches`,
  );
}

if (process.env.BENCH_SKIP_PGLITE !== '1') {
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-bench-'));
  const db = await openDb({ dataDir: dir });
  try {
    await run('PGlite', db, async () => {
      const [row] = await db.query<{ size: number }>('SELECT pg_database_size(current_database()) AS size');
      return `${mb(row?.size ?? 0)} (pg_database_size), ${mb(folderBytes(dir))} on disk`;
    });
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_SKIP_POSTGRES !== '1') {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const db = await openDb({ databaseUrl: POSTGRES_URL, schema });
  try {
    await run('PostgreSQL', db, async () => {
      const [row] = await db.query<{ size: number }>(
        `SELECT sum(pg_total_relation_size(c.oid))::bigint AS size FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
        [schema],
      );
      return `${mb(row?.size ?? 0)} (tables + indexes of the schema)`;
    });
  } finally {
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  }
}
