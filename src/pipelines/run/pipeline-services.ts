/** The pipeline's dependencies from a Config and an open database: store, registry, runs and params. */
import type { Config } from '../../config/config.ts';
import { loadParams, type Params } from '../../config/params.ts';
import type { Db } from '../../db/db.ts';
import { type Clock, systemClock } from '../../domain/clock.ts';
import { createModelRegistry } from '../../registry/model-registry.ts';
import { createRunRepository } from '../../registry/run-repository.ts';
import type { ArtifactStore } from '../../storage/artifact-store.ts';
import { createArtifactStore } from '../../storage/create-artifact-store.ts';
import type { PipelineDeps } from './pipeline.ts';

/** The wiring's one clock: production passes the system clock, `matchcast replay` its virtual day. */
export function pipelineDeps(
  config: Config,
  db: Db,
  params: Params = loadParams(),
  clock: Clock = systemClock,
): PipelineDeps {
  return storePipelineDeps(db, createArtifactStore(config), params, config.modelName, clock);
}

/** The same wiring on a store the caller made (benches and tests use a temporary file store). */
export function storePipelineDeps(
  db: Db,
  store: ArtifactStore,
  params: Params,
  modelName: string,
  clock: Clock = systemClock,
): PipelineDeps {
  return {
    db,
    store,
    registry: createModelRegistry({ db, store, clock }),
    runs: createRunRepository(db),
    params,
    modelName,
    clock,
  };
}
