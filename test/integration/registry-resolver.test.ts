/** The alias resolver and session cache over a real (PGlite) registry: lazy loading, alias moves, checksums. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { createModelResolver } from '../../src/inference/model-resolver.ts';
import { createModelRegistry, type ModelRegistry } from '../../src/registry/model-registry.ts';
import { AliasNotSetError, ChecksumMismatchError } from '../../src/registry/registry-errors.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { fixtureFeatureSet, fixtureModel, fixtureSignature } from '../support/onnx-fixtures.ts';
import { openMigratedPglite } from '../support/pglite-template.ts';
import { uniqueName } from '../support/services.ts';

describe('model resolver', () => {
  let db: Db;
  let disposeDb: (() => Promise<void>) | undefined;
  let dir: string;
  let registry: ModelRegistry;
  const featureSet = fixtureFeatureSet();

  beforeAll(async () => {
    ({ db, dispose: disposeDb } = await openMigratedPglite());
    dir = mkdtempSync(join(tmpdir(), 'mc-resolver-'));
    registry = createModelRegistry({ db, store: createFileArtifactStore(dir) });
  });
  afterAll(async () => {
    await disposeDb?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const register = (name: string, bias: [number, number, number]) =>
    registry.register({ name, onnx: fixtureModel(bias), signature: fixtureSignature(), featureSet });

  it('runs the version a request pinned, even after the alias moved on', async () => {
    const name = uniqueName('m');
    const resolver = createModelResolver({ registry, modelName: name, aliasTtlMs: 0 });
    const v1 = await register(name, [1, 0, 0]);
    const v2 = await register(name, [0, 0, 1]);
    await registry.promote({ name, version: v1.version, alias: 'champion', actor: 't', reason: 'r' });
    expect((await resolver.resolve('champion', v1.version)).version.version).toBe(v1.version);
    await registry.promote({ name, version: v2.version, alias: 'champion', actor: 't', reason: 'r' });
    expect((await resolver.resolve('champion')).version.version).toBe(v2.version);
    expect((await resolver.resolve('champion', v1.version)).version.version).toBe(v1.version);
    await expect(resolver.resolve('champion', 99)).rejects.toThrow(/no version 99/);
    await resolver.close();
  });

  it('loads an alias once, follows a promotion after the TTL, and releases the old session', async () => {
    const name = uniqueName('m');
    let clock = 0;
    const fetched: number[] = [];
    const counting: typeof registry = {
      ...registry,
      fetchArtifact: (v) => {
        fetched.push(v.version);
        return registry.fetchArtifact(v);
      },
    };
    const resolver = createModelResolver({
      registry: counting,
      modelName: name,
      aliasTtlMs: 1000,
      now: () => clock,
    });
    await expect(resolver.resolve('champion')).rejects.toBeInstanceOf(AliasNotSetError);

    const v1 = await register(name, [1, 0, 0]);
    const v2 = await register(name, [0, 0, 1]);
    await registry.promote({ name, version: v1.version, alias: 'champion', actor: 't', reason: 'r' });
    const [a, b] = await Promise.all([resolver.resolve('champion'), resolver.resolve('champion')]);
    expect(a.version.version).toBe(1);
    expect(b.predictor).toBe(a.predictor);
    expect(fetched).toEqual([1]);
    expect(resolver.loaded()).toEqual([`${name}@champion:1`]);

    await registry.promote({ name, version: v2.version, alias: 'champion', actor: 't', reason: 'r' });
    clock = 999;
    expect((await resolver.resolve('champion')).version.version).toBe(1);
    clock = 1000;
    const moved = await resolver.resolve('champion');
    expect(moved.version.version).toBe(2);
    expect((await moved.predictor.predict([0, 0, 0, 0]))[2]).toBeGreaterThan(0.5);
    expect(resolver.loaded()).toEqual([`${name}@champion:2`]);
    expect(fetched).toEqual([1, 2]);

    const candidate = await resolver.resolve('candidate');
    expect(candidate.predictor).toBe(moved.predictor);
    expect(resolver.loaded()).toEqual([`${name}@candidate:2`, `${name}@champion:2`]);
    await resolver.close();
  });

  it('keeps serving the known version while the registry cannot be reached', async () => {
    const name = uniqueName('m');
    const v1 = await register(name, [1, 0, 0]);
    await registry.promote({ name, version: v1.version, alias: 'champion', actor: 't', reason: 'r' });
    let clock = 0;
    let down = false;
    const flaky: typeof registry = {
      ...registry,
      aliasVersion: (n, a) =>
        down ? Promise.reject(new Error('connection refused')) : registry.aliasVersion(n, a),
    };
    const outages: unknown[] = [];
    const resolver = createModelResolver({
      registry: flaky,
      modelName: name,
      now: () => clock,
      onRegistryUnreachable: (error) => outages.push(error),
    });
    expect((await resolver.resolve('champion')).version.version).toBe(1);
    down = true;
    clock = 5000;
    expect((await resolver.resolve('champion')).version.version).toBe(1);
    clock = 10_000;
    expect((await resolver.resolve('champion')).version.version).toBe(1);
    expect(outages).toHaveLength(1);
    await expect(resolver.resolve('challenger')).rejects.toThrow(/connection refused/);
    await resolver.close();
  });

  it('refuses a model whose artifact was tampered with, and does not cache the failure', async () => {
    const name = uniqueName('m');
    const v1 = await register(name, [1, 0, 0]);
    await registry.promote({ name, version: v1.version, alias: 'champion', actor: 't', reason: 'r' });
    const path = join(dir, v1.artifactKey);
    writeFileSync(path, fixtureModel([3, 3, 3]));
    const resolver = createModelResolver({ registry, modelName: name });
    await expect(resolver.resolve('champion')).rejects.toBeInstanceOf(ChecksumMismatchError);
    writeFileSync(path, fixtureModel([1, 0, 0]));
    expect((await resolver.resolve('champion')).version.version).toBe(1);
    await resolver.close();
  });

  it('keeps serving the last good version while a promoted one cannot load, and says so once', async () => {
    const name = uniqueName('m');
    const v1 = await register(name, [1, 0, 0]);
    const v2 = await register(name, [0, 0, 1]);
    await registry.promote({ name, version: v1.version, alias: 'champion', actor: 't', reason: 'r' });
    let clock = 0;
    const fallbacks: { wanted: number; serving: number }[] = [];
    const resolver = createModelResolver({
      registry,
      modelName: name,
      now: () => clock,
      onFallback: ({ wanted, serving }) => fallbacks.push({ wanted, serving }),
    });
    const served = async (pinned?: number) => {
      const { version, predictor } = await resolver.resolve('champion', pinned);
      return { version: version.version, p: await predictor.predict([0, 0, 0, 0]) };
    };
    expect((await served()).version).toBe(1);

    const path = join(dir, v2.artifactKey);
    writeFileSync(path, new Uint8Array(0));
    await registry.promote({ name, version: v2.version, alias: 'champion', actor: 't', reason: 'r' });
    clock = 2000;
    const during = await served();
    expect(during.version).toBe(1);
    expect(during.p[0]).toBeGreaterThan(during.p[2]);
    expect((await served(v2.version)).version).toBe(1);
    expect(fallbacks).toEqual([{ wanted: 2, serving: 1 }]);

    writeFileSync(path, fixtureModel([0, 0, 1]));
    clock = 8000;
    expect((await served()).version).toBe(2);
    expect(fallbacks).toHaveLength(1);
    await resolver.close();
  });
  it('answers a task pinned to a broken version with the alias current one on a fresh worker', async () => {
    const name = uniqueName('m');
    const v1 = await register(name, [1, 0, 0]);
    const v2 = await register(name, [0, 0, 1]);
    writeFileSync(join(dir, v2.artifactKey), new Uint8Array(0));
    // The alias went to the broken v2 and back to v1; a task pinned to v2 reaches a worker that never loaded v1.
    await registry.promote({ name, version: v2.version, alias: 'champion', actor: 't', reason: 'r' });
    await registry.promote({ name, version: v1.version, alias: 'champion', actor: 't', reason: 'r' });
    const resolver = createModelResolver({ registry, modelName: name, aliasTtlMs: 0 });
    expect((await resolver.resolve('champion', v2.version)).version.version).toBe(v1.version);
    await resolver.close();
    // With the alias still on the broken version there is nothing better: the error stands.
    const other = uniqueName('m');
    await register(other, [1, 0, 0]);
    const broken = await register(other, [0, 0, 1]);
    writeFileSync(join(dir, broken.artifactKey), new Uint8Array(0));
    await registry.promote({
      name: other,
      version: broken.version,
      alias: 'champion',
      actor: 't',
      reason: 'r',
    });
    const fresh = createModelResolver({ registry, modelName: other, aliasTtlMs: 0 });
    await expect(fresh.resolve('champion', broken.version)).rejects.toBeInstanceOf(ChecksumMismatchError);
    await fresh.close();
  });
});
