/**
 * Worker processes against the real Redis and PostgreSQL: two `matchcast worker` processes sharing the queue
 * and following a promotion without a restart; a worker SIGKILLed mid-task (its task is retried once elsewhere,
 * and fails with a reason when lost a second time). Each test owns a Redis prefix; the file owns a schema.
 */
import { rmSync } from 'node:fs';
import { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open-db.ts';
import { createTaskQueue } from '../../src/queue/create-task-queue.ts';
import type { TaskQueue } from '../../src/queue/task-queue.ts';
import { eventually, type Spawned, spawnNode, waitForOutput } from '../support/child-process.ts';
import { deleteRedisPrefix } from '../support/redis-server.ts';
import { predictData, type SeededRegistry, seedRegistry } from '../support/registry-fixture.ts';
import {
  POSTGRES_URL,
  postgresAvailable,
  REDIS_URL,
  redisAvailable,
  uniqueName,
} from '../support/services.ts';
import type { TestWorkerConfig } from '../support/worker-process.ts';

describe.skipIf(!redisAvailable || !postgresAvailable)('worker processes', () => {
  const schema = uniqueName('t');
  const prefixes: string[] = [];
  const children: Spawned[] = [];
  let db: Db;
  let seeded: SeededRegistry;

  beforeAll(async () => {
    db = await openDb({ databaseUrl: POSTGRES_URL, schema });
    await migrate(db);
    seeded = await seedRegistry(db, uniqueName('model'));
  });
  afterAll(async () => {
    for (const spawned of children) spawned.child.kill('SIGKILL');
    for (const prefix of prefixes) await deleteRedisPrefix(REDIS_URL, prefix);
    await db?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.close();
    if (seeded) rmSync(seeded.artifactDir, { recursive: true, force: true });
  });

  function newPrefix(): string {
    const prefix = uniqueName('mctest');
    prefixes.push(prefix);
    return prefix;
  }

  function cliWorker(prefix: string, name: string): Spawned {
    const spawned = spawnNode(
      ['bin/matchcast.js', 'worker', '--concurrency', '4', '--prefix', prefix, '--name', name],
      {
        REDIS_URL,
        DATABASE_URL: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        ARTIFACT_STORE: seeded.artifactDir,
        MODEL_NAME: seeded.modelName,
        LOG_LEVEL: 'warn',
      },
    );
    children.push(spawned);
    return spawned;
  }

  function testWorker(prefix: string, name: string, extra: Partial<TestWorkerConfig>): Spawned {
    const config: TestWorkerConfig = {
      redisUrl: REDIS_URL,
      prefix,
      databaseUrl: POSTGRES_URL,
      schema,
      artifactDir: seeded.artifactDir,
      modelName: seeded.modelName,
      name,
      ...extra,
    };
    const spawned = spawnNode(['--import', 'tsx', 'test/support/worker-process.ts'], {
      MC_TEST_WORKER: JSON.stringify(config),
    });
    children.push(spawned);
    return spawned;
  }

  const workerNames = async (queue: TaskQueue) => (await queue.workers()).map((w) => w.name).sort();

  it('two worker processes share the queue and switch to a promoted version without a restart', async () => {
    const prefix = newPrefix();
    const queue = createTaskQueue({ redisUrl: REDIS_URL, prefix });
    const jobs = new Queue('ml', { connection: { url: REDIS_URL }, prefix });
    const a = cliWorker(prefix, 'worker-a');
    const b = cliWorker(prefix, 'worker-b');
    try {
      await eventually(
        async () => ((await workerNames(queue)).length === 2 ? true : undefined),
        60_000,
        `both workers heartbeat:\n${a.output()}\n${b.output()}`,
      );
      const predict = async (m: number) => {
        const id = await queue.enqueue('predict_match', predictData(m));
        const result = await queue.waitFor(id, 'predict_match', 20_000);
        return { id, version: result.prediction.model_version };
      };
      const first: { id: string; version: string }[] = [];
      for (let round = 0; round < 10; round++)
        first.push(...(await Promise.all(Array.from({ length: 16 }, (_, i) => predict(round * 16 + i)))));
      expect(new Set(first.map((r) => r.version))).toEqual(new Set(['1']));
      const processedBy = new Set<string>();
      for (const { id } of first) {
        const job = await Job.fromId(jobs, id);
        if (job?.processedBy) processedBy.add(job.processedBy);
      }
      expect([...processedBy].sort()).toEqual(['worker-a', 'worker-b']);

      await seeded.registry.promote({
        name: seeded.modelName,
        version: 2,
        alias: 'champion',
        actor: 'test',
        reason: 'switch',
      });
      await eventually(
        async () => ((await predict(0)).version === '2' ? true : undefined),
        10_000,
        'version 2 served',
      );
      // Each worker trusts its alias answer for at most 1 s; after that every worker serves version 2.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const after = await Promise.all(Array.from({ length: 32 }, (_, i) => predict(i)));
      expect(new Set(after.map((r) => r.version))).toEqual(new Set(['2']));
      // Heartbeats (every 2 s) carry the loaded models to monitoring.
      const want = `${seeded.modelName}@champion:2`;
      await eventually(
        async () => ((await queue.workers()).every((w) => w.modelsLoaded.join() === want) ? true : undefined),
        10_000,
        'heartbeats report version 2',
      );

      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
      expect(await b.exited).toBe(0);
      expect(await queue.workers()).toEqual([]);
    } finally {
      await seeded.registry.promote({
        name: seeded.modelName,
        version: 1,
        alias: 'champion',
        actor: 'test',
        reason: 'reset',
      });
      await jobs.close();
      await queue.close();
    }
  }, 240_000);

  it('retries a SIGKILLed worker’s task once elsewhere, then fails it with a reason', async () => {
    const prefix = newPrefix();
    const queue = createTaskQueue({ redisUrl: REDIS_URL, prefix });
    const jobs = new Queue('ml', { connection: { url: REDIS_URL }, prefix });
    const stallFast = { lockDurationMs: 1000, stalledIntervalMs: 500 };
    const startedBy = (id: string, name: string) =>
      eventually(
        async () => {
          const job = await Job.fromId(jobs, id);
          return (await job?.getState()) === 'active' && job?.processedBy === name ? true : undefined;
        },
        60_000,
        `task ${id} running on ${name}`,
      );
    try {
      // First loss: the task comes back and another worker completes it.
      const slow = testWorker(prefix, 'slow-1', { taskDelayMs: 60_000, ...stallFast });
      await waitForOutput(slow, /ready/, 60_000);
      const first = await queue.enqueue('predict_match', predictData(1));
      await startedBy(first, 'slow-1');
      expect(await queue.taskWorkerGone(first)).toBe(false);
      slow.child.kill('SIGKILL');
      // Held by a dead worker until another one finds it stalled: the API's watch tells its client at once.
      await eventually(
        async () => ((await queue.taskWorkerGone(first)) ? true : undefined),
        10_000,
        'the task’s worker seen gone',
      );
      const rescuer = testWorker(prefix, 'rescuer', stallFast);
      await waitForOutput(rescuer, /ready/, 60_000);
      expect((await queue.waitFor(first, 'predict_match', 30_000)).match_id).toBe(1);
      expect((await Job.fromId(jobs, first))?.processedBy).toBe('rescuer');
      rescuer.child.kill('SIGTERM');
      expect(await rescuer.exited).toBe(0);

      // Second loss of the same task: failed with a reason instead of a third run.
      const second = await queue.enqueue('predict_match', predictData(2));
      const doomed1 = testWorker(prefix, 'doomed-1', { taskDelayMs: 60_000, ...stallFast });
      await startedBy(second, 'doomed-1');
      doomed1.child.kill('SIGKILL');
      const doomed2 = testWorker(prefix, 'doomed-2', { taskDelayMs: 60_000, ...stallFast });
      await startedBy(second, 'doomed-2');
      doomed2.child.kill('SIGKILL');
      const judge = testWorker(prefix, 'judge', stallFast);
      await waitForOutput(judge, /ready/, 60_000);
      await expect(queue.waitFor(second, 'predict_match', 30_000)).rejects.toThrow(/stalled/);
      const status = await queue.status(second);
      expect(status?.status).toBe('failure');
      expect(status?.error).toMatch(/stalled more than allowable limit/);
      judge.child.kill('SIGTERM');
      await judge.exited;
    } finally {
      await jobs.close();
      await queue.close();
    }
  }, 240_000);

  it('sees a SIGKILLed worker gone at once, long before its heartbeat key expires', async () => {
    const prefix = newPrefix();
    const queue = createTaskQueue({ redisUrl: REDIS_URL, prefix });
    try {
      const worker = testWorker(prefix, 'mortal', {});
      await waitForOutput(worker, /ready/, 60_000);
      await eventually(async () => ((await queue.hasLiveWorker()) ? true : undefined), 10_000, 'live');
      worker.child.kill('SIGKILL');
      await worker.exited;
      const killedAt = Date.now();
      await eventually(async () => ((await queue.hasLiveWorker()) ? undefined : true), 10_000, 'gone');
      // The heartbeat key lives 10 s; the closed connection says it within the 1 s liveness cache.
      expect(Date.now() - killedAt).toBeLessThan(3000);
      expect((await queue.workers()).map((w) => w.name)).toEqual(['mortal']);
    } finally {
      await queue.close();
    }
  }, 120_000);
});
