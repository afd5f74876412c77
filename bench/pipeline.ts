/**
 * The whole pipeline on real data: a fresh embedded database and artifact folder, every stage from the
 * football-data import to drift, with per-stage timings; then a second run that should skip everything.
 * Target: first run ≤ 5 minutes.
 *
 *   node --import tsx bench/pipeline.ts [folder=/work/shared/data/football] [--postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadParams } from '../src/config/params.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDb } from '../src/db/open-db.ts';
import { createPipeline } from '../src/pipelines/run/pipeline.ts';
import { printStageEvent, timingTable } from '../src/pipelines/run/progress-printer.ts';
import { createModelRegistry } from '../src/registry/model-registry.ts';
import { createRunRepository } from '../src/registry/run-repository.ts';
import { createFileArtifactStore } from '../src/storage/file-artifact-store.ts';

const args = process.argv.slice(2);
const folder = resolve(args.find((a) => !a.startsWith('--')) ?? '/work/shared/data/football');
const postgres = args.includes('--postgres');
const dir = mkdtempSync(join(tmpdir(), 'matchcast-bench-pipeline-'));
const schema = `bench_${process.pid}`;
const db = await openDb(
  postgres
    ? { databaseUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema }
    : { dataDir: join(dir, 'db') },
);
await migrate(db);
const store = createFileArtifactStore(join(dir, 'artifacts'));
const pipeline = createPipeline({
  db,
  store,
  registry: createModelRegistry({ db, store }),
  runs: createRunRepository(db),
  params: loadParams(),
  modelName: 'soccer-match-outcome',
});
const write = (text: string) => process.stderr.write(text);
try {
  const t0 = performance.now();
  const first = await pipeline.run({
    source: { kind: 'football-data', paths: [folder] },
    onEvent: printStageEvent(write),
    log: (line) => write(`      ${line}\n`),
  });
  const firstSeconds = (performance.now() - t0) / 1000;
  write(timingTable(first));
  const t1 = performance.now();
  const second = await pipeline.run({ source: { kind: 'football-data', paths: [folder] } });
  const secondSeconds = (performance.now() - t1) / 1000;
  const [counts] = await db.query<{ matches: number; predictions: number }>(
    'SELECT (SELECT count(*) FROM matches)::int AS matches, (SELECT count(*) FROM prediction_log)::int AS predictions',
  );
  console.log(
    JSON.stringify({
      bench: 'pipeline',
      driver: db.driver,
      folder,
      first_run_seconds: Number(firstSeconds.toFixed(1)),
      stages: Object.fromEntries(first.map((r) => [r.stage, Number((r.durationMs / 1000).toFixed(2))])),
      second_run_seconds: Number(secondSeconds.toFixed(2)),
      second_run_skipped: second.filter((r) => r.status === 'skipped').length,
      ...counts,
      target_seconds: 300,
    }),
  );
} finally {
  if (postgres) await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
