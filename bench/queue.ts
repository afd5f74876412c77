/**
 * `predict_match` round trips (enqueue → result) through the `ml` queue, both implementations:
 *  - BullMQ on Redis with N `matchcast worker` processes (spawned through the real CLI);
 *  - the in-process queue with a worker in this process.
 * At concurrency 1 (one request at a time: p50/p99) and concurrency 32 (throughput and p50/p99).
 * Targets for BullMQ: c=1 p50 ≤ 2 ms, p99 ≤ 10 ms; c=32 with 2 workers ≥ 3,000 predictions/s.
 *
 *   node --import tsx bench/queue.ts [--mode all|bullmq|inprocess] [--rounds 3000] [--seconds 5]
 *                                    [--workers 2] [--worker-concurrency 16] [--concurrency 32]
 *
 * Needs PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test: the workers share the
 * registry through it) and Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379). Owns a schema, a Redis key
 * prefix and a temporary folder, all removed at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { migrate } from '../src/db/migrate.ts';
import { openDb } from '../src/db/open-db.ts';
import { INPUT_NAME, OUTPUT_NAME, softmaxRegressionToOnnx } from '../src/models/onnx/softmax-regression.ts';
import { createTaskQueue } from '../src/queue/create-task-queue.ts';
import { startWorker } from '../src/queue/start-worker.ts';
import type { TaskQueue } from '../src/queue/task-queue.ts';
import { createModelRegistry } from '../src/registry/model-registry.ts';
import { createFileArtifactStore } from '../src/storage/file-artifact-store.ts';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'all' },
    rounds: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '5' },
    workers: { type: 'string', default: '2' },
    'worker-concurrency': { type: 'string', default: '16' },
    concurrency: { type: 'string', default: '32' },
  },
});
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const workerCount = Number(values.workers);
const workerConcurrency = Number(values['worker-concurrency']);
const concurrency = Number(values.concurrency);

const suffix = randomBytes(4).toString('hex');
const schema = `bench_queue_${suffix}`;
const prefix = `benchq_${suffix}`;
const modelName = `bench-${suffix}`;
const artifactDir = mkdtempSync(join(tmpdir(), 'mc-bench-queue-'));
const d = 31;
const featureNames = Array.from({ length: d }, (_, j) => `f${j}`);

const db = await openDb({ databaseUrl: POSTGRES_URL, schema });
await migrate(db);
const registry = createModelRegistry({ db, store: createFileArtifactStore(artifactDir) });
const featureSet = { version: 'bench', featureNames, rows: 0, createdAt: new Date().toISOString() };
await registry.register({
  name: modelName,
  onnx: softmaxRegressionToOnnx({
    featureNames,
    mean: featureNames.map(() => 0),
    scale: featureNames.map(() => 1),
    weights: featureNames.map((_, j) => [0.01 * j, 0, -0.01 * j]),
    bias: [0.2, 0, -0.2],
  }),
  signature: {
    inputName: INPUT_NAME,
    outputName: OUTPUT_NAME,
    featureNames,
    classes: [0, 1, 2],
    featureSetVersion: 'bench',
  },
  featureSet,
  alias: 'champion',
});

const data = (i: number) => ({
  match_id: i,
  stage: 'champion' as const,
  features: featureNames.map((_, j) => ((i + j) % 7) - 3),
  feature_names: featureNames,
});

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function roundTrip(queue: TaskQueue, i: number): Promise<number> {
  const start = performance.now();
  const id = await queue.enqueue('predict_match', data(i));
  await queue.waitFor(id, 'predict_match', 30_000);
  return performance.now() - start;
}

async function measure(label: string, queue: TaskQueue): Promise<void> {
  for (let i = 0; i < 300; i++) await roundTrip(queue, i);
  const single: number[] = [];
  for (let i = 0; i < rounds; i++) single.push(await roundTrip(queue, i));
  single.sort((a, b) => a - b);
  console.log(
    `${label} c=1: ${rounds} round trips, p50 ${fmt(percentile(single, 0.5))}, p99 ${fmt(percentile(single, 0.99))}`,
  );

  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) latencies.push(await roundTrip(queue, n++));
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `${label} c=${concurrency}: ${Math.round(latencies.length / elapsed).toLocaleString('en')} predictions/s over ${elapsed.toFixed(1)} s, p50 ${fmt(percentile(latencies, 0.5))}, p99 ${fmt(percentile(latencies, 0.99))}`,
  );
}

const children: ChildProcess[] = [];
try {
  if (values.mode === 'all' || values.mode === 'bullmq') {
    for (let w = 0; w < workerCount; w++) {
      const child = spawn(
        process.execPath,
        [
          'bin/matchcast.js',
          'worker',
          '--concurrency',
          String(workerConcurrency),
          '--prefix',
          prefix,
          '--name',
          `bench-${w}`,
        ],
        {
          env: {
            ...process.env,
            REDIS_URL,
            DATABASE_URL: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
            ARTIFACT_STORE: artifactDir,
            MODEL_NAME: modelName,
            LOG_LEVEL: 'warn',
          },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      children.push(child);
    }
    const queue = createTaskQueue({ redisUrl: REDIS_URL, prefix });
    while ((await queue.workers()).length < workerCount)
      await new Promise((resolve) => setTimeout(resolve, 200));
    await measure(`bullmq (${workerCount} worker processes × concurrency ${workerConcurrency})`, queue);
    await queue.close();
  }
  if (values.mode === 'all' || values.mode === 'inprocess') {
    const queue = createTaskQueue({});
    const worker = await startWorker({ queue, registry, modelName, concurrency });
    await measure(`in-process (worker concurrency ${concurrency})`, queue);
    await worker.close();
    await queue.close();
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.close();
  rmSync(artifactDir, { recursive: true, force: true });
}
