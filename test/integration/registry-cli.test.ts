/** `matchcast models …` end to end: the real CLI process against PostgreSQL (a schema of its own). */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open-db.ts';
import { spawnNode } from '../support/child-process.ts';
import { fixtureFeatureSet, fixtureModel, fixtureSignature } from '../support/onnx-fixtures.ts';
import { HOME_BIAS, type SeededRegistry, seedRegistry } from '../support/registry-fixture.ts';
import { POSTGRES_URL, postgresAvailable, uniqueName } from '../support/services.ts';

describe.skipIf(!postgresAvailable)('matchcast models', () => {
  const schema = uniqueName('t');
  let db: Db;
  let seeded: SeededRegistry;

  beforeAll(async () => {
    db = await openDb({ databaseUrl: POSTGRES_URL, schema });
    await migrate(db);
    seeded = await seedRegistry(db, uniqueName('model'));
  });
  afterAll(async () => {
    await db?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.close();
    if (seeded) rmSync(seeded.artifactDir, { recursive: true, force: true });
  });

  async function cli(...args: string[]): Promise<{ code: number | string; output: string }> {
    const spawned = spawnNode(['bin/matchcast.js', 'models', ...args], {
      DATABASE_URL: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      ARTIFACT_STORE: seeded.artifactDir,
      MODEL_NAME: seeded.modelName,
      LOG_LEVEL: 'warn',
    });
    const code = await spawned.exited;
    return { code, output: spawned.output() };
  }

  it('promotes, rolls back, lists and shows versions', async () => {
    const promoted = await cli(
      'promote',
      '2',
      '--alias',
      'champion',
      '--reason',
      'better rps',
      '--actor',
      'ana',
    );
    expect(promoted).toMatchObject({ code: 0 });
    expect(promoted.output).toMatch(/champion: 1 → 2 {2}by ana {2}\(better rps\)/);
    expect(await seeded.registry.aliasVersion(seeded.modelName, 'champion')).toBe(2);

    const rolled = await cli('rollback', '--reason', 'live loss', '--actor', 'bo');
    expect(rolled.output).toMatch(/champion: 2 → 1 {2}by bo {2}\(rollback: live loss\)/);
    expect(await seeded.registry.aliasVersion(seeded.modelName, 'champion')).toBe(1);

    const list = await cli('list');
    expect(list.output).toMatch(/^version\s+aliases/m);
    expect(list.output).toMatch(/^2\s+candidate\s/m);
    expect(list.output).toMatch(/^1\s+champion\s/m);

    const show = await cli('show', '2');
    const shown = JSON.parse(show.output) as { version: number; sha256: string; promotions: unknown[] };
    expect(shown.version).toBe(2);
    expect(shown.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(shown.promotions.length).toBeGreaterThanOrEqual(3);

    const missing = await cli('show', '9');
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/has no version 9/);
  }, 180_000);

  it('refuses to promote a version whose artifact is empty or does not load, naming the version and why', async () => {
    const featureSet = fixtureFeatureSet();
    const register = () =>
      seeded.registry.register({
        name: seeded.modelName,
        onnx: fixtureModel(HOME_BIAS),
        signature: fixtureSignature(featureSet),
        featureSet,
      });
    const artifact = (n: number) =>
      join(seeded.artifactDir, 'models', seeded.modelName, String(n), 'model.onnx');
    const before = await seeded.registry.aliasVersion(seeded.modelName, 'champion');

    // An emptied file: its checksum no longer matches the registry's.
    const emptied = await register();
    writeFileSync(artifact(emptied.version), new Uint8Array(0));
    const refused = await cli('promote', String(emptied.version), '--alias', 'champion', '--reason', 'x');
    expect(refused.code).toBe(1);
    expect(refused.output.trim().split('\n')).toHaveLength(1);
    expect(refused.output).toMatch(
      new RegExp(`refusing version ${emptied.version} of ${seeded.modelName}: .*sha256 is `),
    );

    // Bytes whose checksum was recorded but which are no ONNX graph: the session does not load.
    const garbage = await register();
    const bytes = new TextEncoder().encode('not an onnx graph');
    writeFileSync(artifact(garbage.version), bytes);
    await db.query('UPDATE model_versions SET sha256 = $1 WHERE name = $2 AND version = $3', [
      createHash('sha256').update(bytes).digest('hex'),
      seeded.modelName,
      garbage.version,
    ]);
    const unloadable = await cli('promote', String(garbage.version), '--alias', 'champion', '--reason', 'x');
    expect(unloadable.code).toBe(1);
    expect(unloadable.output).toMatch(new RegExp(`refusing version ${garbage.version} of .*cannot load`));
    expect(unloadable.output).not.toMatch(/\n\s+at /);

    expect(await seeded.registry.aliasVersion(seeded.modelName, 'champion')).toBe(before);
  }, 180_000);

  it('refuses to roll back to a version whose artifact is broken, in one line, leaving the alias where it was', async () => {
    const name = seeded.modelName;
    const previous = await seeded.registry.aliasVersion(name, 'champion');
    const target = previous === null ? null : await seeded.registry.getVersion(name, previous);
    if (!target) throw new Error('the champion points nowhere');
    const featureSet = fixtureFeatureSet();
    const fresh = await seeded.registry.register({
      name,
      onnx: fixtureModel(HOME_BIAS),
      signature: fixtureSignature(featureSet),
      featureSet,
    });
    await seeded.registry.promote({
      name,
      version: fresh.version,
      alias: 'champion',
      actor: 't',
      reason: 'r',
    });
    const from = fresh.version;
    const path = join(seeded.artifactDir, target.artifactKey);
    const good = readFileSync(path);
    writeFileSync(path, new Uint8Array(0));
    try {
      const refused = await cli('rollback', '--reason', 'x');
      expect(refused.code).toBe(1);
      expect(refused.output.trim().split('\n')).toHaveLength(1);
      expect(refused.output).toMatch(new RegExp(`refusing version ${previous} of ${name}: .*sha256 is `));
      expect(await seeded.registry.aliasVersion(name, 'champion')).toBe(from);
    } finally {
      writeFileSync(path, good);
    }
    const rolled = await cli('rollback', '--reason', 'fixed');
    expect(rolled.code).toBe(0);
    expect(await seeded.registry.aliasVersion(name, 'champion')).toBe(previous);
  }, 180_000);
});
