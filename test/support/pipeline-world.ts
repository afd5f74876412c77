/**
 * The synthetic pipeline world (test/unit/pipelines/synthetic-world.ts) on a fresh migrated PGlite, with a file
 * artifact store and the pipeline's dependencies: what a test running the real stages on a few seasons starts from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadParams } from '../../src/config/params.ts';
import type { PipelineDeps } from '../../src/pipelines/run/pipeline.ts';
import { createModelRegistry } from '../../src/registry/model-registry.ts';
import { createRunRepository } from '../../src/registry/run-repository.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { PIPELINE_WORLD, writeSyntheticWorld } from '../unit/pipelines/synthetic-world.ts';
import { openMigratedPglite } from './pglite-template.ts';

export interface PipelineWorld {
  readonly deps: PipelineDeps;
  /** Closes the database and removes the artifact store. */
  close(): Promise<void>;
}

export async function openPipelineWorld(): Promise<PipelineWorld> {
  const { db, dispose } = await openMigratedPglite();
  const folder = mkdtempSync(join(tmpdir(), 'matchcast-world-'));
  const store = createFileArtifactStore(folder);
  await writeSyntheticWorld(db, PIPELINE_WORLD);
  return {
    deps: {
      db,
      store,
      registry: createModelRegistry({ db, store }),
      runs: createRunRepository(db),
      params: loadParams(),
      modelName: 'test-model',
    },
    async close() {
      await dispose();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
