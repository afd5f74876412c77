/**
 * One daily step's stages on a database a replay left behind (bench/replay.ts with --work and --schema): runs
 * features, batch inference, odds, live betting and drift at the day after the replay's last step, twice — the
 * first computes the feature table in full (a fresh process has no checkpoint), the second as the next daily
 * step would, from the first one's checkpoint — and prints each stage's wall time and this process's CPU time.
 * Use `node --cpu-prof` for where inside a stage the time goes. Beside it, the CPU time of the PostgreSQL backends
 * serving this process (read from /proc, tagged by application_name; a backend that closed mid-run is not counted).
 *
 * `--only train,evaluate,register --runs 3` runs other stages, more times (a retraining day's stages: the first run
 * has none of what evaluate keeps across runs, the next ones do, as on a replay's later retraining days).
 *
 * Run: `BENCH_DATABASE_URL=postgres://… node --import tsx bench/replay-step.ts --work dir --schema name
 *       [--only stage,…] [--runs 2]`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadParams } from '../src/config/params.ts';
import { openDb } from '../src/db/open-db.ts';
import { manualClock } from '../src/domain/clock.ts';
import { DAY_MS, REPLAY_PROGRESS_KEY } from '../src/pipelines/replay/replay.ts';
import { createPipeline } from '../src/pipelines/run/pipeline.ts';
import type { StageName } from '../src/pipelines/run/stage.ts';
import { createModelRegistry } from '../src/registry/model-registry.ts';
import { createRunRepository } from '../src/registry/run-repository.ts';
import { getJson } from '../src/storage/artifact-io.ts';
import { createFileArtifactStore } from '../src/storage/file-artifact-store.ts';

const { values } = parseArgs({
  options: {
    work: { type: 'string' },
    schema: { type: 'string' },
    'model-name': { type: 'string', default: 'bench-replay' },
    only: { type: 'string', default: 'features,batch_inference,odds,live_betting,monitor_drift' },
    runs: { type: 'string', default: '2' },
  },
});
const url = process.env.BENCH_DATABASE_URL;
if (!url || !values.work || !values.schema)
  throw new Error('BENCH_DATABASE_URL, --work and --schema are required');
const applicationName = `replay-step-${process.pid}`;
const tagged = new URL(url);
tagged.searchParams.set('application_name', applicationName);
const db = await openDb({ databaseUrl: tagged.toString(), schema: values.schema });
const CLOCK_TICKS_PER_S = 100;
/** CPU seconds per backend of this process's connections (utime + stime from /proc/<pid>/stat). */
async function backendCpu(): Promise<Map<number, number>> {
  const rows = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [applicationName],
  );
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S);
    } catch {
      // the backend exited meanwhile
    }
  }
  return out;
}
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
  const runs = Number(values.runs);
  for (let run = 0; run < runs; run++) {
    const label = run === 0 ? 'first run (features in full)' : 'next run (features from the checkpoint)';
    const server0 = await backendCpu();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const reports = await pipeline.run({
      only: values.only.split(',') as StageName[],
      force: true,
      now: new Date(nowMs),
      source: { kind: 'none' },
    });
    const used = process.cpuUsage(cpu);
    const wallS = (performance.now() - t0) / 1000;
    let serverS = 0;
    for (const [pid, s] of await backendCpu()) serverS += s - (server0.get(pid) ?? 0);
    console.log(
      `${label}: ${wallS.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, ` +
        `${serverS.toFixed(2)} s PostgreSQL CPU; ` +
        reports.map((r) => `${r.stage} ${(r.durationMs / 1000).toFixed(2)} s`).join(', '),
    );
  }
} finally {
  await db.close();
}
