/** ioredis connections for BullMQ and our own keys, with the retry behaviour each role needs. */
import { Redis } from 'ioredis';

export type RedisRole = 'client' | 'worker' | 'subscriber';

/**
 * `worker` and `subscriber` connections wait through a Redis restart (BullMQ requires maxRetriesPerRequest null
 * for blocking commands); `client` connections give up on a command after one retry, so an API request fails
 * fast instead of hanging while Redis is away. All of them reconnect on their own.
 */
export function openRedis(url: string, role: RedisRole): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: role === 'client' ? 1 : null,
    enableReadyCheck: true,
    // Off: each auto-pipeline flush builds an ioredis Pipeline, which copies every script BullMQ defined on the
    // connection (64) — ~80 µs of CPU, more than the socket writes it saves.
    enableAutoPipelining: false,
    connectionName: `matchcast-${role}`,
    retryStrategy: (times) => Math.min(50 * times, 1000),
  });
  // Connection errors surface as rejected commands; an unhandled 'error' event would crash the process.
  redis.on('error', () => {});
  return redis;
}
