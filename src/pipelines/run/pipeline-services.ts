/** The pipeline's dependencies from a Config and an open database: store, registry, runs and params. */
import type { Config } from '../../config/config.ts';
import { loadParams, type Params } from '../../config/params.ts';
import type { Db } from '../../db/db.ts';
import { type Clock, systemClock } from '../../domain/clock.ts';
import { createModelRegistry } from '../../registry/model-registry.ts';
import { createRunRepository } from '../../registry/run-repository.ts';
import { createArtifactStore } from '../../storage/create-artifact-store.ts';
import type { PipelineDeps } from './pipeline.ts';

/** The wiring's one clock: production passes the system clock, `matchcast replay` its virtual day. */
export function pipelineDeps(
  config: Config,
  db: Db,
  params: Params = loadParams(),
  clock: Clock = systemClock,
): PipelineDeps {
  const store = createArtifactStore(config);
  return {
    db,
    store,
    registry: createModelRegistry({ db, store }),
    runs: createRunRepository(db),
    params,
    modelName: config.modelName,
    clock,
  };
}
