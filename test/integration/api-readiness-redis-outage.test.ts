/**
 * Readiness during a Redis outage, on a real redis-server this test owns (stopped and started again): /readyz
 * stays 200 and says `degraded`, precomputed reads go on, live predictions answer 503 with Retry-After at once;
 * once Redis is back, /readyz says `ready` again. /livez answers throughout.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskQueue } from '../../src/queue/create-task-queue.ts';
import type { TaskQueue } from '../../src/queue/task-queue.ts';
import { eventually } from '../support/child-process.ts';
import { type PrivateRedis, startPrivateRedis } from '../support/redis-server.ts';
import { IN_CI } from '../support/services.ts';
import { API_KEY, type ApiFixture, createApiFixture, registerModel } from '../unit/api/fixture.ts';

function redisServerInstalled(): boolean {
  if (spawnSync('redis-server', ['--version']).status === 0) return true;
  if (IN_CI) throw new Error('redis-server is required in CI');
  console.warn('\n!!!!!!!!!! SKIPPING the Redis outage test: redis-server is not installed !!!!!!!!!!\n');
  return false;
}

describe.skipIf(!redisServerInstalled())('readiness during a Redis outage', () => {
  let redis: PrivateRedis;
  let queue: TaskQueue;
  let f: ApiFixture;
  const headers = { 'x-api-key': API_KEY };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    queue = createTaskQueue({ redisUrl: redis.url, prefix: 'outage' });
    f = await createApiFixture({ queue });
    await registerModel(f.registry, 'champion');
  });
  afterAll(async () => {
    await f?.close();
    await queue?.close();
    await redis?.stop();
  });

  it('is ready with Redis up', async () => {
    const res = await f.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', missing: [], degraded: [] });
  });

  it('stays in service, degraded, while Redis is down; live predictions fail fast with Retry-After', async () => {
    await redis.stop();
    const ready = await f.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'degraded', missing: [], degraded: ['queue'] });
    expect((await f.app.inject({ url: '/livez' })).json()).toEqual({ status: 'alive' });

    const read = await f.app.inject({ url: '/predict/precomputed/1000', headers });
    expect(read.statusCode).toBe(200);

    const started = performance.now();
    const live = await f.app.inject({ url: '/predict/1003', headers });
    const ms = performance.now() - started;
    expect(live.statusCode).toBe(503);
    expect(live.json()).toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
    expect(live.headers['retry-after']).toBeDefined();
    // Far below PREDICT_TIMEOUT_MS (5 s here): the client learns at once and retries later.
    expect(ms).toBeLessThan(3000);
  });

  it('is ready again once Redis is back', async () => {
    await redis.start();
    await eventually(
      async () => {
        const res = await f.app.inject({ url: '/readyz' });
        return (res.json() as { status: string }).status === 'ready' ? true : undefined;
      },
      15_000,
      '/readyz back to ready',
    );
  });
});
