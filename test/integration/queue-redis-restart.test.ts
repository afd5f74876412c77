/**
 * A Redis restart during a run: client and worker reconnect by themselves and serve again, and with the
 * append-only file production requires, tasks queued before a crash are all run, each exactly once. Uses
 * PRIVATE redis-servers on free ports (test/support/redis-server.ts); the shared Redis is never touched.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { createTaskQueue } from '../../src/queue/create-task-queue.ts';
import { startWorker } from '../../src/queue/start-worker.ts';
import { eventually } from '../support/child-process.ts';
import { openMigratedPglite } from '../support/pglite-template.ts';
import { type PrivateRedis, startPrivateRedis } from '../support/redis-server.ts';
import { predictData, type SeededRegistry, seedRegistry } from '../support/registry-fixture.ts';
import { IN_CI, uniqueName } from '../support/services.ts';

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer && IN_CI)
  throw new Error('redis-server is not installed: the Redis restart test must run in CI');
if (!hasRedisServer)
  console.warn('\n!!!!!!!!!! SKIPPING Redis restart test: redis-server not installed !!!!!!!!!!\n');

describe.skipIf(!hasRedisServer)('Redis restart', () => {
  let db: Db;
  let disposeDb: (() => Promise<void>) | undefined;
  let seeded: SeededRegistry;
  let redis: PrivateRedis;

  beforeAll(async () => {
    ({ db, dispose: disposeDb } = await openMigratedPglite());
    seeded = await seedRegistry(db, uniqueName('model'));
    redis = await startPrivateRedis();
  });
  afterAll(async () => {
    await redis?.stop();
    await disposeDb?.();
    if (seeded) rmSync(seeded.artifactDir, { recursive: true, force: true });
  });

  it('client and worker recover by themselves after Redis restarts', async () => {
    const prefix = uniqueName('mctest');
    const queue = createTaskQueue({ redisUrl: redis.url, prefix });
    const worker = await startWorker({
      queue: { redisUrl: redis.url, prefix },
      registry: seeded.registry,
      modelName: seeded.modelName,
      name: 'survivor',
      heartbeatIntervalMs: 500,
    });
    const predict = async () =>
      (await queue.waitFor(await queue.enqueue('predict_match', predictData(5)), 'predict_match', 2000))
        .match_id;
    try {
      expect(await predict()).toBe(5);

      await redis.stop();
      await expect(predict()).rejects.toThrow();
      expect(await queue.ping()).toBe(false);
      await redis.start();

      // The restarted server is empty: the worker re-registers its heartbeat and blocks on the new queue.
      expect(
        await eventually(async () => ((await predict()) === 5 ? true : undefined), 30_000, 'served again'),
      ).toBe(true);
      await eventually(
        async () => ((await queue.workers()).some((w) => w.name === 'survivor') ? true : undefined),
        10_000,
        'heartbeat back',
      );
      expect(await queue.ping()).toBe(true);
    } finally {
      await worker.close();
      await queue.close();
    }
  });

  it('runs every task queued before a crash exactly once when Redis keeps an append-only file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-aof-'));
    const durable = await startPrivateRedis({ appendOnlyDir: dir });
    const prefix = uniqueName('mctest');
    const queue = createTaskQueue({ redisUrl: durable.url, prefix });
    const jobs = new Queue('ml', { connection: { url: durable.url }, prefix });
    jobs.on('error', () => {});
    let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      const ids: string[] = [];
      for (let i = 0; i < 100; i++) ids.push(await queue.enqueue('predict_match', predictData(i)));
      // A crash, not a shutdown: nothing gets the chance to flush but what `appendfsync always` wrote.
      await durable.stop('SIGKILL');
      await durable.start();
      worker = await startWorker({
        queue: { redisUrl: durable.url, prefix },
        registry: seeded.registry,
        modelName: seeded.modelName,
        name: 'after-crash',
        heartbeatIntervalMs: 500,
      });
      const results = await Promise.all(ids.map((id) => queue.waitFor(id, 'predict_match', 60_000)));
      expect(results.map((r) => r.match_id)).toEqual(ids.map((_, i) => i));
      for (const id of ids) {
        const job = await Job.fromId(jobs, id);
        expect(await job?.getState()).toBe('completed');
        expect(job?.attemptsStarted).toBe(1);
        expect(job?.processedBy).toBe('after-crash');
      }
    } finally {
      await worker?.close();
      await jobs.close();
      await queue.close();
      await durable.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
