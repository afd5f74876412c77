/**
 * The rate limits' shared counter (src/api/plugins/window-counter.ts) on a real Redis: shared by processes that
 * have synced, exact in one process, a little over the limit across processes between syncs, few Redis calls,
 * counting alone (and saying so) while Redis is away.
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
  it('shares a small limit between two processes that have synced, and answers the seconds left', async () => {
    const prefix = `${uniqueName('rl')}:`;
    const [r1, r2] = [connect(), connect()];
    await Promise.all([ready(r1), ready(r2)]);
    const a = createSharedCounter({ clock: systemClock, max: 4, windowMs: 60_000, redis: r1, prefix });
    const b = createSharedCounter({ clock: systemClock, max: 4, windowMs: 60_000, redis: r2, prefix });
    const answers = [];
    for (const counter of [a, b, a, b, a, b]) {
      // A request between syncs is decided locally; here every request is followed by both processes' sync.
      answers.push(counter.hit('ip:1'));
      await a.sync();
      await b.sync();
    }
    expect(answers.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(answers.slice(4).every((seconds) => seconds >= 59 && seconds <= 60)).toBe(true);
    expect(a.hit('ip:2')).toBe(0);
    await Promise.all([a.close(), b.close()]);
  });

  it('is exact in one process under a burst, answers without waiting, and syncs rarely for a large limit', async () => {
    const prefix = `${uniqueName('rl')}:`;
    const redis = connect();
    await ready(redis);
    const counter = createSharedCounter({ clock: systemClock, max: 1000, windowMs: 60_000, redis, prefix });
    // Every sync is one pipeline, one round trip.
    let calls = 0;
    const pipeline = redis.pipeline.bind(redis);
    redis.pipeline = (...args: Parameters<typeof pipeline>) => {
      calls++;
      return pipeline(...args);
    };
    const answers: number[] = [];
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < 100; j++) answers.push(counter.hit('key:x'));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await counter.close();
    expect(answers.filter((a) => a === 0)).toHaveLength(1000);
    expect(Number(await redis.get(`${prefix}key:x`))).toBe(1000);
    expect(calls).toBeLessThan(40);
  });

  it('keeps several processes near the limit when requests arrive over time (the price: a little over)', async () => {
    const prefix = `${uniqueName('rl')}:`;
    const redis = connect();
    await ready(redis);
    const counters = [1, 2, 3].map(() =>
      createSharedCounter({ clock: systemClock, max: 1000, windowMs: 60_000, redis, prefix, syncMs: 10 }),
    );
    let allowed = 0;
    for (let i = 0; i < 300; i++) {
      for (const counter of counters) if (counter.hit('key:x') === 0) allowed++;
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(counters.map((counter) => counter.close()));
    expect(allowed).toBe(900);
    for (let i = 0; i < 100; i++) {
      for (const counter of counters) if (counter.hit('key:x') === 0) allowed++;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(counters.map((counter) => counter.close()));
    expect(allowed).toBeGreaterThanOrEqual(1000);
    expect(allowed).toBeLessThanOrEqual(1030);
  });

  it('starts a new window when Redis says the old one ended', async () => {
    const prefix = `${uniqueName('rl')}:`;
    const redis = connect();
    await ready(redis);
    const clock = manualClock(Date.now());
    const counter = createSharedCounter({ clock, max: 1, windowMs: 300, redis, prefix });
    expect(counter.hit('k')).toBe(0);
    await counter.sync();
    expect(counter.hit('k')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    clock.advance(350);
    expect(counter.hit('k')).toBe(0);
    await counter.close();
  });

  it('counts alone while Redis does not answer, says so once, and never waits', async () => {
    const redis = connect('redis://127.0.0.1:1');
    const changes: (Error | undefined)[] = [];
    const counter = createSharedCounter({
      clock: systemClock,
      max: 2,
      windowMs: 60_000,
      redis,
      prefix: 'x:',
      onSyncChange: (error) => changes.push(error),
    });
    const answers = [counter.hit('k'), counter.hit('k')];
    await counter.sync();
    answers.push(counter.hit('k'));
    await counter.sync();
    await counter.close();
    expect(answers.slice(0, 2)).toEqual([0, 0]);
    expect(answers[2]).toBeGreaterThan(0);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toBeInstanceOf(Error);
  });
});
