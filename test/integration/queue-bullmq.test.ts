/**
 * The BullMQ queue against the real Redis, with a worker in this process and a PGlite registry: results, status
 * mapping, failures without retry, heartbeats, graceful close. Each test owns a random Redis key prefix.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { createTaskQueue } from '../../src/queue/create-task-queue.ts';
import { startWorker } from '../../src/queue/start-worker.ts';
import { TaskFailedError, TaskTimeoutError } from '../../src/queue/task-queue.ts';
import { openMigratedPglite } from '../support/pglite-template.ts';
import { deleteRedisPrefix } from '../support/redis-server.ts';
import { predictData, type SeededRegistry, seedRegistry } from '../support/registry-fixture.ts';
import { REDIS_URL, redisAvailable, uniqueName } from '../support/services.ts';

describe.skipIf(!redisAvailable)('BullMQ task queue', () => {
  let db: Db;
  let disposeDb: (() => Promise<void>) | undefined;
  let seeded: SeededRegistry;
  const prefixes: string[] = [];
  const newPrefix = () => {
    const prefix = uniqueName('mctest');
    prefixes.push(prefix);
    return prefix;
  };

  beforeAll(async () => {
    ({ db, dispose: disposeDb } = await openMigratedPglite());
    seeded = await seedRegistry(db, uniqueName('model'));
  });
  afterAll(async () => {
    for (const prefix of prefixes) await deleteRedisPrefix(REDIS_URL, prefix);
    await disposeDb?.();
    if (seeded) rmSync(seeded.artifactDir, { recursive: true, force: true });
  });

  async function setup(options: { testTaskDelayMs?: number } = {}) {
    const prefix = newPrefix();
    const queue = createTaskQueue({ redisUrl: REDIS_URL, prefix, resultTtlSeconds: 60 });
    const worker = await startWorker({
      queue: { redisUrl: REDIS_URL, prefix },
      registry: seeded.registry,
      modelName: seeded.modelName,
      name: uniqueName('worker'),
      concurrency: 4,
      ...options,
    });
    return { prefix, queue, worker };
  }

  it('predicts through a worker and maps job states to task statuses', async () => {
    const { queue, worker, prefix: currentPrefix } = await setup();
    try {
      const id = await queue.enqueue('predict_match', predictData(11));
      const result = await queue.waitFor(id, 'predict_match', 10_000);
      expect(result.match_id).toBe(11);
      expect(result.prediction).toMatchObject({
        predicted_class: 0,
        predicted_label: 'home_win',
        model_name: seeded.modelName,
        model_version: '1',
        model_stage: 'champion',
      });
      const p = result.prediction.probabilities;
      expect(p['0'] + p['1'] + p['2']).toBeCloseTo(1, 12);
      // The result is published one round trip before BullMQ records the completion, so for an instant the
      // status may still say `started` (without a result); once it says `success` it carries the same result.
      const status = await queue.status(id);
      expect(status).toMatchObject({ taskId: id, name: 'predict_match' });
      if (status?.status === 'started') expect(status.result).toBeNull();
      else expect(status).toMatchObject({ status: 'success', result });
      await expect.poll(async () => (await queue.status(id))?.status, { timeout: 5000 }).toBe('success');
      expect(await queue.status(id)).toMatchObject({ result });
      expect(await queue.status('00000000-0000-0000-0000-000000000000')).toBeNull();
      // Another client (another API replica) can wait on the same task id and gets the stored result.
      const other = createTaskQueue({ redisUrl: REDIS_URL, prefix: currentPrefix });
      expect(await other.waitFor(id, 'predict_match', 10_000)).toEqual(result);
      await other.close();

      expect(result.prediction).toMatchObject({ model_name: seeded.modelName, model_version: '1' });
    } finally {
      await worker.close();
      await queue.close();
    }
  });

  it('fails bad input and unserved stages at once, without retry', async () => {
    const { queue, worker } = await setup();
    try {
      const bad = await queue.enqueue('predict_match', { ...predictData(), features: [0, 0, 0] });
      await expect(queue.waitFor(bad, 'predict_match', 10_000)).rejects.toThrow(/got 3 feature values/);
      const wrongNames = await queue.enqueue('predict_match', {
        ...predictData(),
        feature_names: ['a', 'b', 'c', 'd'],
      });
      await expect(queue.waitFor(wrongNames, 'predict_match', 10_000)).rejects.toBeInstanceOf(
        TaskFailedError,
      );
      const unserved = await queue.enqueue('predict_match', predictData(1, 'challenger'));
      await expect(queue.waitFor(unserved, 'predict_match', 10_000)).rejects.toThrow(/has no challenger/);
      const status = await queue.status(unserved);
      expect(status).toMatchObject({ status: 'failure', result: null });
      expect(status?.error).toMatch(/has no challenger/);
      expect((await queue.counts()).failed).toBe(3);
    } finally {
      await worker.close();
      await queue.close();
    }
  });

  it('lists live workers with their loaded models, and forgets a worker as soon as it stops', async () => {
    const { queue, worker } = await setup();
    await queue.waitFor(await queue.enqueue('predict_match', predictData()), 'predict_match', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [listed] = await queue.workers();
    expect(listed).toMatchObject({ name: worker.name, queues: ['ml'], pid: process.pid, alive: true });
    expect(await queue.hasLiveWorker()).toBe(true);
    await worker.close();
    expect(await queue.workers()).toEqual([]);
    await queue.close();
  });

  it('keeps a task pending without a worker, then times the wait out', async () => {
    const prefix = newPrefix();
    const queue = createTaskQueue({ redisUrl: REDIS_URL, prefix });
    try {
      expect(await queue.hasLiveWorker()).toBe(false);
      const id = await queue.enqueue('predict_match', predictData());
      expect((await queue.status(id))?.status).toBe('pending');
      await expect(queue.waitFor(id, 'predict_match', 100)).rejects.toBeInstanceOf(TaskTimeoutError);
      expect(await queue.ping()).toBe(true);
      expect((await queue.counts()).waiting).toBe(1);
    } finally {
      await queue.close();
    }
  });

  it('finishes in-flight tasks when the worker is closed (the SIGTERM path)', async () => {
    const { queue, worker } = await setup({ testTaskDelayMs: 300 });
    try {
      const ids = await Promise.all([1, 2, 3].map((m) => queue.enqueue('predict_match', predictData(m))));
      const waits = ids.map((id) => queue.waitFor(id, 'predict_match', 10_000));
      while ((await queue.counts()).active < 3) await new Promise((resolve) => setTimeout(resolve, 20));
      await worker.close();
      const results = await Promise.all(waits);
      expect(results.map((r) => r.match_id)).toEqual([1, 2, 3]);
      for (const id of ids) expect((await queue.status(id))?.status).toBe('success');
    } finally {
      await queue.close();
    }
  });
});
