/**
 * Replay benchmark: `runReplay` over a window of real football-data seasons on a fresh database (PostgreSQL in a
 * schema of its own when BENCH_DATABASE_URL is set, else PGlite), then wall time, the time of one daily step
 * (median, p95, max; retraining days apart), the mean time of each stage, and the per-league track record as a
 * markdown table (the one docs/track-record.md publishes).
 *
 * Run: `node --import tsx bench/replay.ts [--from 2025-08-01] [--to 2026-05-31] [--leagues E0,D1,…]
 *       [--retrain "0 0 * * 1"] [--from-season 2020-21] [--json out.json] [--data folder]
 *       [--work dir --schema name]` (with --work and --schema a killed run continues where it stopped)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadParams } from '../src/config/params.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDb } from '../src/db/open-db.ts';
import {
  DAY_MS,
  REPLAY_PROGRESS_KEY,
  type ReplayDay,
  replayTrackRecord,
  runReplay,
} from '../src/pipelines/replay/replay.ts';
import { trackRecordText } from '../src/pipelines/replay/track-record-text.ts';
import { storePipelineDeps } from '../src/pipelines/run/pipeline-services.ts';
import { getJson } from '../src/storage/artifact-io.ts';
import { createFileArtifactStore } from '../src/storage/file-artifact-store.ts';

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: '2025-08-01' },
    to: { type: 'string', default: '2026-05-31' },
    // The 22 main divisions (mmz4281/<season>/<Div>.csv).
    leagues: {
      type: 'string',
      default: 'E0,E1,E2,E3,EC,SC0,SC1,SC2,SC3,D1,D2,I1,I2,SP1,SP2,F1,F2,N1,B1,P1,T1,G1',
    },
    retrain: { type: 'string', default: '0 0 * * 1' },
    'from-season': { type: 'string', default: '2020-21' },
    json: { type: 'string' },
    data: { type: 'string', default: join(import.meta.dirname, '../../shared/data/football') },
    work: { type: 'string' },
    // A fixed schema (with --work) makes a killed bench resumable: run the same command again.
    schema: { type: 'string' },
    // Only print the record of the days a (stopped) run in --work/--schema has finished.
    'report-only': { type: 'boolean', default: false },
  },
});

const work = values.work ?? mkdtempSync(join(tmpdir(), 'matchcast-bench-replay-'));
const schema = values.schema ?? `bench_replay_${process.pid}`;
const url = process.env.BENCH_DATABASE_URL;
const db = url ? await openDb({ databaseUrl: url, schema }) : await openDb({ dataDir: join(work, 'db') });
await migrate(db);
const params = loadParams();
const days: ReplayDay[] = [];
// CPU seconds of this process per step (PostgreSQL's own work is not in it): steadier than wall time under load.
const cpuOf = new Map<number, number>();
let cpuMark = process.cpuUsage();
const t0 = performance.now();
const fromMs = Date.parse(`${values.from}T00:00:00Z`);
const deps = storePipelineDeps(db, createFileArtifactStore(join(work, 'artifacts')), params, 'bench-replay');
const { store } = deps;
if (values['report-only']) {
  // The step of day D brings the results of D − 1: the record covers the days before the last finished step.
  const done = (await getJson(store, REPLAY_PROGRESS_KEY))?.value as { done: string } | undefined;
  if (done === undefined) throw new Error('no replay progress in --work');
  const untilMs = Math.min(
    Date.parse(`${values.to}T00:00:00Z`),
    Date.parse(`${done.done}T00:00:00Z`) - DAY_MS,
  );
  console.log(
    `partial replay ${values.from} … ${new Date(untilMs).toISOString().slice(0, 10)} (last step ${done.done})\n`,
  );
  console.log(trackRecordText(await replayTrackRecord(deps, fromMs, untilMs)));
  if (values.json)
    writeFileSync(
      values.json,
      `${JSON.stringify(await replayTrackRecord(deps, fromMs, untilMs), null, 2)}\n`,
    );
  await db.close();
  process.exit(0);
}
try {
  const result = await runReplay({
    deps,
    dataDir: values.data,
    fromMs,
    toMs: Date.parse(`${values.to}T00:00:00Z`),
    leagues: values.leagues.split(','),
    fromSeason: values['from-season'],
    retrain: values.retrain,
    onDay: (day) => {
      days.push(day);
      const used = process.cpuUsage(cpuMark);
      cpuMark = process.cpuUsage();
      const cpu = (used.user + used.system) / 1e6;
      cpuOf.set(day.dayMs, cpu);
      const ran = day.stages.filter((s) => s.status === 'ran').length;
      const took = day.stages
        .filter((s) => s.status === 'ran')
        .map((s) => `${s.stage} ${(s.durationMs / 1000).toFixed(2)}`)
        .join(', ');
      process.stderr.write(
        `${new Date(day.dayMs).toISOString().slice(0, 10)} ${day.index}/${day.total} ${(day.durationMs / 1000).toFixed(2)} s` +
          ` (CPU ${cpu.toFixed(2)} s)${day.retrained ? ' (retrained)' : ''}, ${ran} stages ran: ${took}\n`,
      );
    },
  });
  const wall = (performance.now() - t0) / 1000;
  const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
  // The first step of a process computes the features in full (and on a fresh database pulls the history).
  const steady = days.slice(1);
  const plain = steady.filter((d) => !d.retrained).map((d) => d.durationMs / 1000);
  const plainCpu = steady.filter((d) => !d.retrained).map((d) => cpuOf.get(d.dayMs) ?? 0);
  plainCpu.sort((a, b) => a - b);
  const retrain = steady.filter((d) => d.retrained).map((d) => d.durationMs / 1000);
  plain.sort((a, b) => a - b);
  retrain.sort((a, b) => a - b);
  console.log(`replay ${values.from} … ${values.to}, leagues ${values.leagues}, retrain "${values.retrain}"`);
  console.log(`wall time: ${wall.toFixed(1)} s for ${days.length} daily steps`);
  console.log(
    `daily step: median ${q(plain, 0.5).toFixed(2)} s, p95 ${q(plain, 0.95).toFixed(2)} s, max ${(plain.at(-1) ?? 0).toFixed(2)} s (${plain.length} days); ` +
      `CPU of this process median ${q(plainCpu, 0.5).toFixed(2)} s`,
  );
  console.log(
    `retraining step: median ${q(retrain, 0.5).toFixed(2)} s, max ${(retrain.at(-1) ?? 0).toFixed(2)} s (${retrain.length} days)`,
  );
  const perStage = new Map<string, number[]>();
  for (const d of steady)
    for (const s of d.stages)
      if (s.status === 'ran') perStage.set(s.stage, [...(perStage.get(s.stage) ?? []), s.durationMs]);
  for (const [stage, ms] of perStage) {
    console.log(
      `  ${stage}: mean ${(ms.reduce((a, b) => a + b, 0) / ms.length / 1000).toFixed(2)} s over ${ms.length} runs (first step left out)`,
    );
  }
  console.log(`\n${trackRecordText(result.record)}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result.record, null, 2)}\n`);
} finally {
  if (url && values.schema === undefined) await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.close();
  if (values.work === undefined) rmSync(work, { recursive: true, force: true });
}
