/** Runs and the model registry on both database drivers, with a real folder artifact store. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { createModelRegistry, type ModelRegistry } from '../../src/registry/model-registry.ts';
import {
  ChecksumMismatchError,
  ModelVersionNotFoundError,
  NoRollbackTargetError,
  SignatureMismatchError,
} from '../../src/registry/registry-errors.ts';
import { createRunRepository } from '../../src/registry/run-repository.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { fixtureFeatureSet, fixtureModel, fixtureSignature } from '../support/onnx-fixtures.ts';
import { DRIVERS, uniqueName } from '../support/services.ts';

describe.each(DRIVERS)('registry on $driver', (driver) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let dir: string;
  let registry: ModelRegistry;
  // One database per driver (PGlite start-up is the slow part); each test owns its model name and folder.
  let NAME: string;
  const featureSet = fixtureFeatureSet();

  const register = (bias: [number, number, number] = [0.2, 0, -0.2], runId: string | null = null) =>
    registry.register({
      name: NAME,
      onnx: fixtureModel(bias),
      signature: fixtureSignature(featureSet),
      featureSet,
      metrics: { log_loss: 0.97 },
      params: { c: 1, trained_until: '2025-06-01T00:00:00.000Z' },
      runId,
    });

  beforeAll(async () => {
    if (driver.available) ({ db, dispose } = await driver.open());
  });
  afterAll(() => dispose?.());
  beforeEach((context) => {
    if (!driver.available) context.skip();
    NAME = uniqueName('model');
    dir = mkdtempSync(join(tmpdir(), 'mc-registry-'));
    registry = createModelRegistry({ db, store: createFileArtifactStore(dir) });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records runs with params, metrics, artifacts, status and duration', async () => {
    const runs = createRunRepository(db);
    const stage = uniqueName('train');
    const run = await runs.start({
      experiment: 'pipeline',
      stage,
      params: { c: 1 },
      dataFingerprint: 'abc',
    });
    expect(run).toMatchObject({
      status: 'running',
      params: { c: 1 },
      durationMs: null,
      dataFingerprint: 'abc',
    });
    const done = await runs.finish(run.runId, {
      status: 'success',
      metrics: { log_loss: 0.98 },
      artifacts: { model: 'models/x/1/model.onnx' },
    });
    expect(done).toMatchObject({ status: 'success', metrics: { log_loss: 0.98 } });
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(await runs.get(run.runId)).toEqual(done);
    expect((await runs.list({ stage })).map((r) => r.runId)).toEqual([run.runId]);
    expect(await runs.list({ stage: uniqueName('none') })).toEqual([]);
    await expect(runs.finish('nope', { status: 'failed' })).rejects.toThrow(/run nope not found/);
  });

  it("answers each stage's last success or up-to-date run of an experiment, for the scheduler's metrics", async () => {
    const runs = createRunRepository(db);
    // An experiment of its own: the database is shared by the file's tests.
    const experiment = uniqueName('exp');
    const finish = async (stage: string, status: 'success' | 'skipped' | 'failed') => {
      const run = await runs.start({ experiment, stage });
      return (await runs.finish(run.runId, { status })).endedAt as Date;
    };
    await finish('monitor_drift', 'success');
    const driftSkipped = await finish('monitor_drift', 'skipped');
    await finish('monitor_drift', 'failed');
    const inference = await finish('batch_inference', 'success');
    await finish('train', 'failed');
    await runs.start({ experiment, stage: 'odds' });
    await finish('features', 'success');
    const elsewhere = await runs.start({ experiment: uniqueName('other'), stage: 'train' });
    await runs.finish(elsewhere.runId, { status: 'success' });

    const last = await runs.lastSuccesses(experiment);
    expect([...last.keys()].sort()).toEqual(['batch_inference', 'features', 'monitor_drift']);
    expect(last.get('monitor_drift')).toEqual(driftSkipped);
    expect(last.get('batch_inference')).toEqual(inference);
  });

  it('registers versions as candidate with artifact, sha256, signature, metrics and params', async () => {
    const run = await createRunRepository(db).start({ experiment: 'pipeline', stage: 'train' });
    const v1 = await register(undefined, run.runId);
    expect(v1).toMatchObject({
      name: NAME,
      version: 1,
      runId: run.runId,
      artifactKey: `models/${NAME}/1/model.onnx`,
      artifactUri: `file://${dir}/models/${NAME}/1/model.onnx`,
      signature: fixtureSignature(featureSet),
      metrics: { log_loss: 0.97 },
      aliases: ['candidate'],
    });
    expect(v1.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await registry.fetchArtifact(v1)).toEqual(Buffer.from(fixtureModel()));
    const v2 = await register([0.5, 0, 0]);
    expect(v2.version).toBe(2);
    expect((await registry.listVersions(NAME)).map((v) => [v.version, v.aliases])).toEqual([
      [2, ['candidate']],
      [1, []],
    ]);
  });

  it('allocates distinct version numbers to concurrent registrations', async () => {
    const versions = await Promise.all(
      Array.from({ length: 6 }, (_, i) => register([i / 10, 0, 0]).then((v) => v.version)),
    );
    expect(versions.slice().sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const version of versions) {
      const v = await registry.getVersion(NAME, version);
      if (!v) throw new Error('missing');
      await expect(registry.fetchArtifact(v)).resolves.toBeInstanceOf(Buffer);
    }
  });

  it('refuses an artifact that does not match the current feature set', async () => {
    const newer = fixtureFeatureSet([...featureSet.featureNames, 'sex'], 'test-fs-2');
    await expect(
      registry.register({
        name: NAME,
        onnx: fixtureModel(),
        signature: fixtureSignature(featureSet),
        featureSet: newer,
      }),
    ).rejects.toBeInstanceOf(SignatureMismatchError);
    await expect(
      registry.register({
        name: NAME,
        onnx: fixtureModel(undefined, ['a', 'b', 'c', 'd', 'e']),
        signature: fixtureSignature(featureSet),
        featureSet,
      }),
    ).rejects.toThrow(/graph input takes 5 features/);
    expect(await registry.listVersions(NAME)).toEqual([]);
  });

  it('promotes with an append-only history and rolls back step by step', async () => {
    for (let i = 0; i < 3; i++) await register([i, 0, 0]);
    await registry.promote({ name: NAME, version: 1, alias: 'champion', actor: 'ana', reason: 'first' });
    await registry.promote({ name: NAME, version: 2, alias: 'champion', actor: 'ana', reason: 'better rps' });
    const third = await registry.promote({
      name: NAME,
      version: 3,
      alias: 'champion',
      actor: 'bo',
      reason: 'best',
    });
    expect(third).toMatchObject({
      alias: 'champion',
      fromVersion: 2,
      toVersion: 3,
      actor: 'bo',
      reason: 'best',
    });
    expect(
      await registry.promote({ name: NAME, version: 3, alias: 'champion', actor: 'bo', reason: 'again' }),
    ).toBeNull();
    expect(await registry.aliasVersion(NAME, 'champion')).toBe(3);
    expect((await registry.resolve(NAME, 'champion'))?.aliases).toEqual(['candidate', 'champion']);

    const back = await registry.rollback({ name: NAME, actor: 'cy', reason: 'worse live' });
    expect(back).toMatchObject({
      fromVersion: 3,
      toVersion: 2,
      rollback: true,
      reason: 'rollback: worse live',
    });
    await registry.rollback({ name: NAME, actor: 'cy', reason: 'still worse' });
    expect(await registry.aliasVersion(NAME, 'champion')).toBe(1);
    await expect(registry.rollback({ name: NAME, actor: 'cy', reason: 'x' })).rejects.toBeInstanceOf(
      NoRollbackTargetError,
    );

    const history = await registry.history(NAME, 'champion');
    expect(history.map((p) => [p.fromVersion, p.toVersion])).toEqual([
      [null, 1],
      [1, 2],
      [2, 3],
      [3, 2],
      [2, 1],
    ]);
    expect((await registry.history(NAME)).length).toBe(history.length + 3);
    await expect(
      registry.promote({ name: NAME, version: 9, alias: 'champion', actor: 'x', reason: 'y' }),
    ).rejects.toBeInstanceOf(ModelVersionNotFoundError);
  });

  it("stamps versions and alias moves with the caller's instant, else with the registry's clock", async () => {
    // A pipeline run on a virtual day (the demo's warm-up, a replay) registers and promotes at that day.
    const virtualDay = new Date('2026-11-06T04:00:00.000Z');
    const v1 = await registry.register({
      name: NAME,
      onnx: fixtureModel(),
      signature: fixtureSignature(featureSet),
      featureSet,
      at: virtualDay,
    });
    expect(v1.createdAt.toISOString()).toBe(virtualDay.toISOString());
    await registry.promote({
      name: NAME,
      version: 1,
      alias: 'champion',
      actor: 'p',
      reason: 'r',
      at: virtualDay,
    });
    expect((await registry.history(NAME)).map((p) => [p.alias, p.at.toISOString()])).toEqual([
      ['candidate', virtualDay.toISOString()],
      ['champion', virtualDay.toISOString()],
    ]);
    // Without one (`matchcast models promote`, a rollback), the registry's own clock: never the database's.
    const clocked = createModelRegistry({
      db,
      store: createFileArtifactStore(dir),
      clock: { nowMs: () => Date.parse('2030-01-02T03:04:05.000Z') },
    });
    const v2 = await clocked.register({
      name: NAME,
      onnx: fixtureModel([0.5, 0, 0]),
      signature: fixtureSignature(featureSet),
      featureSet,
    });
    expect(v2.createdAt.toISOString()).toBe('2030-01-02T03:04:05.000Z');
    await clocked.promote({ name: NAME, version: 2, alias: 'champion', actor: 'ana', reason: 'better' });
    const back = await clocked.rollback({ name: NAME, actor: 'ana', reason: 'worse' });
    expect(back.at.toISOString()).toBe('2030-01-02T03:04:05.000Z');
  });

  it('refuses an artifact whose bytes no longer match the recorded sha256', async () => {
    const v1 = await register();
    writeFileSync(join(dir, v1.artifactKey), fixtureModel([9, 9, 9]));
    await expect(registry.fetchArtifact(v1)).rejects.toBeInstanceOf(ChecksumMismatchError);
    await expect(registry.fetchArtifact(v1)).rejects.toThrow(
      /sha256 is [0-9a-f]{64} but the registry recorded/,
    );
  });

  it('names the file it read, not the one recorded, once the store has moved', async () => {
    const v1 = await register();
    const moved = mkdtempSync(join(tmpdir(), 'mc-registry-moved-'));
    try {
      cpSync(dir, moved, { recursive: true });
      writeFileSync(join(moved, v1.artifactKey), fixtureModel([9, 9, 9]));
      const there = createModelRegistry({ db, store: createFileArtifactStore(moved) });
      const read = pathToFileURL(join(moved, v1.artifactKey)).href;
      await expect(there.fetchArtifact(v1)).rejects.toThrow(`refusing model artifact ${read}: sha256 is`);
      rmSync(join(moved, v1.artifactKey));
      await expect(there.fetchArtifact(v1)).rejects.toThrow(`model artifact ${read} is missing`);
    } finally {
      rmSync(moved, { recursive: true, force: true });
    }
  });
});
