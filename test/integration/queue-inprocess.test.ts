/** The embedded queue with the real processors, resolver and a PGlite registry: the same contract as BullMQ. */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { createTaskQueue } from '../../src/queue/create-task-queue.ts';
import { startWorker } from '../../src/queue/start-worker.ts';
import { openMigratedPglite } from '../support/pglite-template.ts';
import { predictData, type SeededRegistry, seedRegistry } from '../support/registry-fixture.ts';
import { uniqueName } from '../support/services.ts';

describe('in-process queue with the real processors', () => {
  let db: Db;
  let disposeDb: (() => Promise<void>) | undefined;
  let seeded: SeededRegistry;

  beforeAll(async () => {
    ({ db, dispose: disposeDb } = await openMigratedPglite());
    seeded = await seedRegistry(db, uniqueName('model'));
  });
  afterAll(async () => {
    await disposeDb?.();
    if (seeded) rmSync(seeded.artifactDir, { recursive: true, force: true });
  });

  it('predicts, reports model info, refuses bad input and follows a promotion', async () => {
    const queue = createTaskQueue({});
    const worker = await startWorker({
      queue,
      registry: seeded.registry,
      modelName: seeded.modelName,
      aliasTtlMs: 0,
    });
    try {
      const id = await queue.enqueue('predict_match', predictData(3));
      expect((await queue.waitFor(id, 'predict_match', 5000)).prediction).toMatchObject({
        predicted_label: 'home_win',
        model_version: '1',
      });
      expect(await queue.status(id)).toMatchObject({ status: 'success', name: 'predict_match' });
      const candidate = await queue.waitFor(
        await queue.enqueue('predict_match', { ...predictData(3), stage: 'candidate' }),
        'predict_match',
        5000,
      );
      expect(candidate.prediction).toMatchObject({ model_version: '2', model_stage: 'candidate' });

      const bad = await queue.enqueue('predict_match', { ...predictData(), extra: 1 } as never);
      await expect(queue.waitFor(bad, 'predict_match', 5000)).rejects.toThrow(/invalid predict_match data/);
      expect((await queue.status(bad))?.status).toBe('failure');

      expect(await queue.workers()).toMatchObject([
        { modelsLoaded: [`${seeded.modelName}@candidate:2`, `${seeded.modelName}@champion:1`] },
      ]);
      await seeded.registry.promote({
        name: seeded.modelName,
        version: 2,
        alias: 'champion',
        actor: 't',
        reason: 'r',
      });
      const moved = await queue.waitFor(
        await queue.enqueue('predict_match', predictData()),
        'predict_match',
        5000,
      );
      expect(moved.prediction).toMatchObject({ predicted_label: 'away_win', model_version: '2' });
    } finally {
      await seeded.registry.promote({
        name: seeded.modelName,
        version: 1,
        alias: 'champion',
        actor: 't',
        reason: 'r',
      });
      await worker.close();
      await queue.close();
    }
  });
});
