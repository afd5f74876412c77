/** Worker heartbeats on the real Redis: listed while fresh, gone (and pruned) once their key expires. */
import { afterAll, describe, expect, it } from 'vitest';
import { readHeartbeats, startHeartbeat } from '../../src/queue/heartbeat.ts';
import { queueKeys } from '../../src/queue/queue-keys.ts';
import { openRedis } from '../../src/queue/redis-connection.ts';
import { deleteRedisPrefix } from '../support/redis-server.ts';
import { REDIS_URL, redisAvailable, uniqueName } from '../support/services.ts';

describe.skipIf(!redisAvailable)('worker heartbeats', () => {
  const prefix = uniqueName('mctest');
  const redis = openRedis(REDIS_URL, 'client');
  afterAll(async () => {
    await deleteRedisPrefix(REDIS_URL, prefix);
    redis.disconnect();
  });

  it('lists a worker while its heartbeat is fresh and drops it when the key expires', async () => {
    const keys = queueKeys(prefix, 'ml');
    const heartbeat = startHeartbeat({
      redis,
      keys,
      info: () => ({ name: 'w1', queues: ['ml'], pid: 42, hostname: 'h', modelsLoaded: ['m@champion:3'] }),
      intervalMs: 60_000,
      ttlMs: 300,
    });
    await heartbeat.beat();
    const [listed] = await readHeartbeats(redis, keys);
    expect(listed).toMatchObject({
      name: 'w1',
      pid: 42,
      hostname: 'h',
      modelsLoaded: ['m@champion:3'],
      alive: true,
    });
    expect(Date.parse(listed?.lastHeartbeat ?? '')).toBeGreaterThan(Date.now() - 60_000);

    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await readHeartbeats(redis, keys)).toEqual([]);
    expect(await redis.smembers(keys.workers)).toEqual([]);
    await heartbeat.stop();
  });

  it('ignores a malformed heartbeat value', async () => {
    const keys = queueKeys(prefix, 'other');
    await redis.multi().set(keys.worker('bad'), '{"name":1}', 'PX', 5000).sadd(keys.workers, 'bad').exec();
    expect(await readHeartbeats(redis, keys)).toEqual([]);
  });
});
