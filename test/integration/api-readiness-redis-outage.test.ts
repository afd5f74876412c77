/**
 * Readiness during a Redis outage, on a real redis-server this test owns (stopped and started again): /readyz
 * stays 200 and says `degraded`, precomputed reads go on, live predictions answer 503 with Retry-After at once;
 * once Redis is back, /readyz says `ready` again. /livez answers throughout. The metrics say the queue is
 * unreachable (what MatchcastQueueUnreachable pages on) and leave the live worker count out rather than at zero.
 */
import { spawnSync } from 'node:child_process';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskQueue } from '../../src/queue/create-task-queue.ts';
import { createQueueMetrics } from '../../src/queue/queue-metrics.ts';
import type { TaskQueue } from '../../src/queue/task-queue.ts';
import { eventually } from '../support/child-process.ts';
import { seriesOf } from '../support/metrics-text.ts';
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

  it('reports the queue unreachable and the live worker count as unknown while Redis is down', async () => {
    const registry = new Registry();
    createQueueMetrics(registry, queue);
    const queueText = await registry.metrics();
    expect(seriesOf(queueText, 'matchcast_queue_reachable')).toEqual([{ labels: { queue: 'ml' }, value: 0 }]);
    expect(seriesOf(queueText, 'matchcast_queue_jobs')).toEqual([]);
    expect(seriesOf(queueText, 'matchcast_queue_oldest_waiting_age_seconds')).toEqual([]);
    const apiText = (await f.app.inject({ url: '/metrics' })).body;
    expect(seriesOf(apiText, 'matchcast_live_workers')).toEqual([]);
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
    // Known again: no worker runs in this test, so zero of them.
    const apiText = (await f.app.inject({ url: '/metrics' })).body;
    expect(seriesOf(apiText, 'matchcast_live_workers')).toEqual([{ labels: {}, value: 0 }]);
  });
});
