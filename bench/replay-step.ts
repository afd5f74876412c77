/**
 * One daily step's stages on a database a replay left behind (bench/replay.ts with --work and --schema): runs
 * features, batch inference, odds, live betting and drift at the day after the replay's last step, twice — the
 * first computes the feature table in full (a fresh process has no checkpoint), the second as the next daily
 * step would, from the first one's checkpoint — and prints each stage's wall time and this process's CPU time.
 * Use `node --cpu-prof` for where inside a stage the time goes.
 *
 * Run: `BENCH_DATABASE_URL=postgres://… node --import tsx bench/replay-step.ts --work dir --schema name`
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadParams } from '../src/config/params.ts';
import { openDb } from '../src/db/open-db.ts';
import { manualClock } from '../src/domain/clock.ts';
import { DAY_MS, REPLAY_PROGRESS_KEY } from '../src/pipelines/replay/replay.ts';
import { createPipeline } from '../src/pipelines/run/pipeline.ts';
import { createModelRegistry } from '../src/registry/model-registry.ts';
import { createRunRepository } from '../src/registry/run-repository.ts';
import { getJson } from '../src/storage/artifact-io.ts';
import { createFileArtifactStore } from '../src/storage/file-artifact-store.ts';

const { values } = parseArgs({
  options: {
    work: { type: 'string' },
    schema: { type: 'string' },
    'model-name': { type: 'string', default: 'bench-replay' },
  },
});
const url = process.env.BENCH_DATABASE_URL;
if (!url || !values.work || !values.schema)
  throw new Error('BENCH_DATABASE_URL, --work and --schema are required');
const db = await openDb({ databaseUrl: url, schema: values.schema });
const store = createFileArtifactStore(join(values.work, 'artifacts'));
const done = (await getJson(store, REPLAY_PROGRESS_KEY))?.value as { done: string } | undefined;
if (done === undefined) throw new Error('no replay progress in --work');
const nowMs = Date.parse(`${done.done}T00:00:00Z`) + DAY_MS;
const pipeline = createPipeline({
  db,
  store,
  registry: createModelRegistry({ db, store }),
  runs: createRunRepository(db),
  params: loadParams(),
  modelName: values['model-name'],
  clock: manualClock(nowMs),
});
try {
  for (const label of ['first run (features in full)', 'next run (features from the checkpoint)']) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const reports = await pipeline.run({
      only: ['features', 'batch_inference', 'odds', 'live_betting', 'monitor_drift'],
      force: true,
      now: new Date(nowMs),
      source: { kind: 'none' },
    });
    const used = process.cpuUsage(cpu);
    console.log(
      `${label}: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU; ` +
        reports.map((r) => `${r.stage} ${(r.durationMs / 1000).toFixed(2)} s`).join(', '),
    );
  }
} finally {
  await db.close();
}
