/**
 * A worker process for tests that need what the CLI deliberately does not offer (a per-task delay, short
 * stall timings). Configured by one JSON env variable, MC_TEST_WORKER; prints "ready" once serving and exits
 * 0 after a graceful SIGTERM.
 *
 *   node --import tsx test/support/worker-process.ts
 */
import { migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open-db.ts';
import { startWorker } from '../../src/queue/start-worker.ts';
import { createModelRegistry } from '../../src/registry/model-registry.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';

export interface TestWorkerConfig {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly databaseUrl: string;
  readonly schema: string;
  readonly artifactDir: string;
  readonly modelName: string;
  readonly name: string;
  readonly concurrency?: number;
  readonly taskDelayMs?: number;
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
}

const config = JSON.parse(process.env.MC_TEST_WORKER ?? '{}') as TestWorkerConfig;
const db = await openDb({ databaseUrl: config.databaseUrl, schema: config.schema, maxConnections: 4 });
await migrate(db);
const worker = await startWorker({
  queue: { redisUrl: config.redisUrl, prefix: config.prefix },
  registry: createModelRegistry({ db, store: createFileArtifactStore(config.artifactDir) }),
  modelName: config.modelName,
  name: config.name,
  concurrency: config.concurrency ?? 4,
  ...(config.taskDelayMs !== undefined ? { testTaskDelayMs: config.taskDelayMs } : {}),
  ...(config.lockDurationMs !== undefined ? { lockDurationMs: config.lockDurationMs } : {}),
  ...(config.stalledIntervalMs !== undefined ? { stalledIntervalMs: config.stalledIntervalMs } : {}),
});
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void worker
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
});
