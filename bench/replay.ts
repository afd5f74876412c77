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
    leagues: { type: 'string', default: 'E0,E1,D1,SP1,I1,F1,N1,P1,B1,SC0' },
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
      const ran = day.stages.filter((s) => s.status === 'ran').length;
      process.stderr.write(
        `${new Date(day.dayMs).toISOString().slice(0, 10)} ${day.index}/${day.total} ${(day.durationMs / 1000).toFixed(2)} s` +
          `${day.retrained ? ' (retrained)' : ''}, ${ran} stages ran\n`,
      );
    },
  });
  const wall = (performance.now() - t0) / 1000;
  const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
  const plain = days.filter((d) => !d.retrained).map((d) => d.durationMs / 1000);
  const retrain = days.filter((d) => d.retrained).map((d) => d.durationMs / 1000);
  plain.sort((a, b) => a - b);
  retrain.sort((a, b) => a - b);
  console.log(`replay ${values.from} … ${values.to}, leagues ${values.leagues}, retrain "${values.retrain}"`);
  console.log(`wall time: ${wall.toFixed(1)} s for ${days.length} daily steps`);
  console.log(
    `daily step: median ${q(plain, 0.5).toFixed(2)} s, p95 ${q(plain, 0.95).toFixed(2)} s, max ${(plain.at(-1) ?? 0).toFixed(2)} s (${plain.length} days)`,
  );
  console.log(
    `retraining step: median ${q(retrain, 0.5).toFixed(2)} s, max ${(retrain.at(-1) ?? 0).toFixed(2)} s (${retrain.length} days)`,
  );
  const perStage = new Map<string, number[]>();
  for (const d of days)
    for (const s of d.stages)
      if (s.status === 'ran') perStage.set(s.stage, [...(perStage.get(s.stage) ?? []), s.durationMs]);
  for (const [stage, ms] of perStage) {
    console.log(
      `  ${stage}: mean ${(ms.reduce((a, b) => a + b, 0) / ms.length / 1000).toFixed(2)} s over ${ms.length} runs`,
    );
  }
  console.log(`\n${trackRecordText(result.record)}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result.record, null, 2)}\n`);
} finally {
  if (url && values.schema === undefined) await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.close();
  if (values.work === undefined) rmSync(work, { recursive: true, force: true });
}
