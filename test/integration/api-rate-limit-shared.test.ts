/**
 * The rate limits' shared counter (src/api/plugins/window-counter.ts) on a real Redis: exact for small limits
 * across processes, never past the limit under concurrency, few Redis calls for large limits, requests let
 * through while Redis is away.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createSharedCounter } from '../../src/api/plugins/window-counter.ts';
import { manualClock, systemClock } from '../../src/domain/clock.ts';
import { REDIS_URL, redisAvailable, uniqueName } from '../support/services.ts';

const connections: Redis[] = [];
const connect = (url = REDIS_URL) => {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: false });
  redis.on('error', () => {});
  connections.push(redis);
  return redis;
};
const ready = (redis: Redis) => new Promise((resolve) => redis.once('ready', resolve));
afterAll(async () => {
  for (const redis of connections) redis.disconnect();
});

describe.skipIf(!redisAvailable)('shared window counter', () => {
  it('is exact for a small limit shared by two processes, and answers the seconds left', async () => {
    const prefix = `${uniqueName('rl')}:`;
    const [r1, r2] = [connect(), connect()];
    await Promise.all([ready(r1), ready(r2)]);
    const a = createSharedCounter({ clock: systemClock, max: 4, windowMs: 60_000, redis: r1, prefix });
    const b = createSharedCounter({ clock: systemClock, max: 4, windowMs: 60_000, redis: r2, prefix });
    const answers = [];
    for (const counter of [a, b, a, b, a, b]) answers.push(await counter.hit('ip:1'));
    expect(answers.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(answers.slice(4).every((seconds) => seconds >= 59 && seconds <= 60)).toBe(true);
    expect(await a.hit('ip:2')).toBe(0);
  });

  it('never lets more than max through under concurrent requests, and asks Redis rarely for a large limit', async () => {
    const prefix = `${uniqueName('rl')}:`;
    const redis = connect();
    await ready(redis);
    const counters = [1, 2, 3].map(() =>
      createSharedCounter({ clock: systemClock, max: 1000, windowMs: 60_000, redis, prefix }),
    );
    let calls = 0;
    const lease = redis.matchcastRateLease.bind(redis);
    redis.matchcastRateLease = (...args: Parameters<typeof lease>) => {
      calls++;
      return lease(...args);
    };
    const answers = await Promise.all(
      Array.from({ length: 3000 }, (_, i) => (counters[i % 3] as (typeof counters)[number]).hit('key:x')),
    );
    expect(answers.filter((a) => a === 0).length).toBeLessThanOrEqual(1000);
    expect(answers.filter((a) => a === 0).length).toBeGreaterThanOrEqual(900);
    expect(Number(await redis.get(`${prefix}key:x`))).toBeLessThanOrEqual(1000);
    expect(calls).toBeLessThan(300);
  });

  it('starts a new window when Redis says the old one ended', async () => {
    const prefix = `${uniqueName('rl')}:`;
    const redis = connect();
    await ready(redis);
    const clock = manualClock(Date.now());
    const counter = createSharedCounter({ clock, max: 1, windowMs: 300, redis, prefix });
    expect(await counter.hit('k')).toBe(0);
    expect(await counter.hit('k')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    clock.advance(350);
    expect(await counter.hit('k')).toBe(0);
  });

  it('lets requests through while Redis does not answer', async () => {
    const redis = connect('redis://127.0.0.1:1');
    const counter = createSharedCounter({
      clock: systemClock,
      max: 1,
      windowMs: 60_000,
      redis,
      prefix: 'x:',
    });
    expect([await counter.hit('k'), await counter.hit('k'), await counter.hit('k')]).toEqual([0, 0, 0]);
  });
});
