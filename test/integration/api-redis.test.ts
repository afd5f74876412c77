/**
 * End to end on the real services: GET /predict/{match_id} through BullMQ on the real Redis, answered by a
 * `matchcast worker` process reading the registry from the real PostgreSQL. The test owns a schema, a Redis
 * prefix and an artifact folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open-db.ts';
import { createTaskQueue } from '../../src/queue/create-task-queue.ts';
import type { TaskQueue } from '../../src/queue/task-queue.ts';
import { createModelRegistry } from '../../src/registry/model-registry.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { eventually, type Spawned, spawnNode } from '../support/child-process.ts';
import { deleteRedisPrefix } from '../support/redis-server.ts';
import {
  POSTGRES_URL,
  postgresAvailable,
  REDIS_URL,
  redisAvailable,
  uniqueName,
} from '../support/services.ts';
import {
  API_KEY,
  type ApiFixture,
  createApiFixture,
  MODEL_NAME,
  registerModel,
  writeAllArtifacts,
} from '../unit/api/fixture.ts';

describe.skipIf(!redisAvailable || !postgresAvailable)('GET /predict/{match_id} over BullMQ', () => {
  const schema = uniqueName('t');
  const prefix = uniqueName('mcapi');
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-api-redis-'));
  const artifactDir = join(dir, 'artifacts');
  let db: Db;
  let queue: TaskQueue;
  let f: ApiFixture;
  let worker: Spawned;

  beforeAll(async () => {
    db = await openDb({ databaseUrl: POSTGRES_URL, schema });
    await migrate(db);
    const store = createFileArtifactStore(artifactDir);
    await writeAllArtifacts(store);
    await registerModel(createModelRegistry({ db, store }), 'champion');
    worker = spawnNode(
      ['bin/matchcast.js', 'worker', '--concurrency', '2', '--prefix', prefix, '--name', 'api-e2e'],
      {
        REDIS_URL,
        DATABASE_URL: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        ARTIFACT_STORE: artifactDir,
        MODEL_NAME,
        DATA_DIR: join(dir, 'var'),
        LOG_LEVEL: 'warn',
      },
    );
    queue = createTaskQueue({ redisUrl: REDIS_URL, prefix });
    f = await createApiFixture({ db, store, queue });
    await eventually(
      async () => ((await queue.hasLiveWorker()) ? true : undefined),
      90_000,
      `a live worker on prefix ${prefix}`,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker.output()}`);
    });
  }, 180_000);

  afterAll(async () => {
    worker?.child.kill('SIGTERM');
    await worker?.exited;
    await f?.close();
    await queue?.close();
    await deleteRedisPrefix(REDIS_URL, prefix);
    await db?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers from the worker process, and the task stays queryable', async () => {
    const res = await f.app.inject({
      url: '/predict/1004?stage=champion',
      headers: { 'x-api-key': API_KEY },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      task_id: string;
      prediction: { model_version: string; probabilities: object };
    };
    expect(body).toMatchObject({
      match_id: 1004,
      prediction: { model_name: MODEL_NAME, model_version: '1' },
    });
    // The answer arrives when the worker publishes it; BullMQ marks the job completed just after.
    const status = () => f.app.inject({ url: `/monitoring/task_status/${body.task_id}` });
    await expect
      .poll(async () => (await status()).json())
      .toMatchObject({
        task_id: body.task_id,
        status: 'success',
        result: { match_id: 1004 },
      });
  });

  it('lists the worker process with its heartbeat', async () => {
    const body = (await f.app.inject({ url: '/monitoring/celery/workers' })).json() as {
      workers: { name: string; ping: boolean; pid: number; queues: string[] }[];
    };
    const listed = body.workers.find((w) => w.name === 'api-e2e');
    expect(listed).toMatchObject({ ping: true, pid: worker.child.pid, queues: ['ml'] });
    expect((await f.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('answers concurrent requests with one task each', async () => {
    const answers = await Promise.all(
      [1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008].map((id) =>
        f.app.inject({ url: `/predict/${id}`, headers: { 'x-api-key': API_KEY } }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(new Array(8).fill(200));
    expect(new Set(answers.map((a) => (a.json() as { task_id: string }).task_id)).size).toBe(8);
  });
});
