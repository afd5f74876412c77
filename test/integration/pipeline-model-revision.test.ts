/**
 * An upgrade that fixes the model code (MODEL_REVISION) replaces a champion fitted before the fix at the next
 * pipeline run, on both database drivers: the deployment otherwise kept serving what the fix corrects (a new
 * league's match read Home 100 %) until someone thought to promote by hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadParams } from '../../src/config/params.ts';
import type { Db } from '../../src/db/db.ts';
import { ARTIFACT_KEYS, type FeatureSetManifest } from '../../src/domain/artifacts.ts';
import { MODEL_REVISION } from '../../src/models/model-revision.ts';
import { createPipeline, type PipelineDeps } from '../../src/pipelines/run/pipeline.ts';
import { storePipelineDeps } from '../../src/pipelines/run/pipeline-services.ts';
import { getJson } from '../../src/storage/artifact-io.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { DRIVERS } from '../support/services.ts';
import { PIPELINE_WORLD, writeSyntheticWorld } from '../unit/pipelines/synthetic-world.ts';

const NAME = 'test-model';
const MODEL_STAGES = ['features', 'train', 'register'] as const;

describe.each(DRIVERS)('model code revision on $driver', (driver) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let folder: string;
  let deps: PipelineDeps;

  beforeAll(async () => {
    if (!driver.available) return;
    ({ db, dispose } = await driver.open());
    folder = mkdtempSync(join(tmpdir(), 'matchcast-model-revision-'));
    deps = storePipelineDeps(db, createFileArtifactStore(folder), loadParams(), NAME);
    await writeSyntheticWorld(db, PIPELINE_WORLD);
  });

  afterAll(async () => {
    if (!driver.available) return;
    await dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it.runIf(driver.available)(
    'promotes the refitted model over a champion fitted by older model code, and records why',
    async () => {
      const run = (force: boolean) =>
        createPipeline(deps).run({
          source: { kind: 'none' },
          now: PIPELINE_WORLD.now,
          only: MODEL_STAGES,
          force,
        });
      await run(false);
      const fitted = await deps.registry.resolve(NAME, 'champion');
      expect(fitted?.params.model_revision).toBe(MODEL_REVISION);
      // What an upgraded deployment holds: a champion registered before versions recorded their revision.
      const { model_revision: _, ...olderParams } = fitted?.params ?? {};
      const featureSet = await getJson(deps.store, ARTIFACT_KEYS.featureSet);
      const older = await deps.registry.register({
        name: NAME,
        onnx: await deps.registry.fetchArtifact(fitted as NonNullable<typeof fitted>),
        signature: (fitted as NonNullable<typeof fitted>).signature,
        featureSet: featureSet?.value as FeatureSetManifest,
        params: olderParams,
        alias: 'champion',
        actor: 'test',
      });
      expect(await deps.registry.aliasVersion(NAME, 'champion')).toBe(older.version);

      await run(true);
      const champion = await deps.registry.resolve(NAME, 'champion');
      expect(champion?.version).toBeGreaterThan(older.version);
      expect(champion?.params.model_revision).toBe(MODEL_REVISION);
      expect((await deps.registry.history(NAME, 'champion')).at(-1)).toMatchObject({
        actor: 'pipeline',
        toVersion: champion?.version,
        reason: `champion v${older.version} was fitted by model code revision 1, since fixed (now ${MODEL_REVISION})`,
      });

      // A champion of the current revision stays a person's choice: a refit is only a candidate.
      await deps.registry.promote({
        name: NAME,
        version: fitted?.version as number,
        alias: 'champion',
        actor: 'test',
        reason: 'current revision',
      });
      await run(true);
      expect(await deps.registry.aliasVersion(NAME, 'champion')).toBe(fitted?.version);
    },
  );
});
