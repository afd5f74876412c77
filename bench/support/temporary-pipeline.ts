/**
 * A pipeline on throw-away storage for the benches: a fresh migrated database (embedded PGlite in a temporary
 * folder, or a private PostgreSQL schema) and a file artifact store beside it, both removed afterwards.
 *
 * @example
 *   await withTemporaryPipeline({ prefix: 'pipeline', params: loadParams() }, async ({ pipeline, db }) => {
 *     await pipeline.run({ source: { kind: 'demo', seed: 42 } });
 *   });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Params } from '../../src/config/params.ts';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open-db.ts';
import { createPipeline, type Pipeline, type PipelineDeps } from '../../src/pipelines/run/pipeline.ts';
import { storePipelineDeps } from '../../src/pipelines/run/pipeline-services.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';

export interface TemporaryPipelineOptions {
  /** Names the temporary folder (`matchcast-bench-<prefix>-…`). */
  readonly prefix: string;
  readonly params: Params;
  /** Default `soccer-match-outcome`. */
  readonly modelName?: string;
  /** PostgreSQL at TEST_DATABASE_URL (default the local `test` database) in a schema of its own, else PGlite. */
  readonly postgres?: boolean;
}

export interface TemporaryPipeline {
  readonly db: Db;
  readonly deps: PipelineDeps;
  readonly pipeline: Pipeline;
}

/** Runs `body` on a fresh pipeline and removes its database and artifacts whatever happens. */
export async function withTemporaryPipeline<T>(
  options: TemporaryPipelineOptions,
  body: (t: TemporaryPipeline) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `matchcast-bench-${options.prefix}-`));
  const schema = `bench_${process.pid}`;
  const db = await openDb(
    options.postgres
      ? { databaseUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema }
      : { dataDir: join(dir, 'db') },
  );
  try {
    await migrate(db);
    const deps = storePipelineDeps(
      db,
      createFileArtifactStore(join(dir, 'artifacts')),
      options.params,
      options.modelName ?? 'soccer-match-outcome',
    );
    return await body({ db, deps, pipeline: createPipeline(deps) });
  } finally {
    if (options.postgres) await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
