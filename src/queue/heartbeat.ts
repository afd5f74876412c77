/**
 * Worker heartbeats in Redis: each worker refreshes a key holding its WorkerInfo with a short TTL, and adds its
 * name to a set. A worker that dies stops refreshing, its key expires, and readers drop it, so an API can
 * tell "no worker alive" at once instead of waiting for a task to time out.
 */

import type { Redis } from 'ioredis';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { systemClock } from '../domain/clock.ts';
import type { QueueKeys } from './queue-keys.ts';
import type { WorkerInfo } from './task-queue.ts';

const Heartbeat = Compile(
  Type.Object({
    name: Type.String(),
    queues: Type.Array(Type.String()),
    pid: Type.Integer(),
    hostname: Type.String(),
    lastHeartbeat: Type.String(),
    modelsLoaded: Type.Array(Type.String()),
  }),
);

export interface HeartbeatOptions {
  readonly redis: Redis;
  readonly keys: QueueKeys;
  readonly info: () => Omit<WorkerInfo, 'lastHeartbeat' | 'alive'>;
  /** How often the key is refreshed (ms, default 2000). */
  readonly intervalMs?: number;
  /** How long a key outlives its last refresh (ms, default 10000). */
  readonly ttlMs?: number;
}

export interface HeartbeatHandle {
  /** Sends one beat now (also done on start). */
  beat(): Promise<void>;
  /** Stops beating and removes the key, so readers see the worker gone at once. */
  stop(): Promise<void>;
}

export function startHeartbeat(options: HeartbeatOptions): HeartbeatHandle {
  const { redis, keys } = options;
  const ttlMs = options.ttlMs ?? 10_000;
  const beat = async () => {
    const info = options.info();
    const value: Omit<WorkerInfo, 'alive'> = {
      ...info,
      lastHeartbeat: new Date(systemClock.nowMs()).toISOString(),
    };
    await redis
      .multi()
      .set(keys.worker(info.name), JSON.stringify(value), 'PX', ttlMs)
      .sadd(keys.workers, info.name)
      .exec();
  };
  // A failed beat (Redis restarting) is simply retried on the next tick; ioredis reconnects on its own.
  const tick = () => beat().catch(() => {});
  void tick();
  const timer = setInterval(tick, options.intervalMs ?? 2000);
  timer.unref();
  return {
    beat,
    async stop() {
      clearInterval(timer);
      const name = options.info().name;
      await redis
        .multi()
        .del(keys.worker(name))
        .srem(keys.workers, name)
        .exec()
        .catch(() => {});
    },
  };
}

/** The workers whose heartbeat key is alive; names whose key expired are pruned from the set. */
export async function readHeartbeats(redis: Redis, keys: QueueKeys): Promise<WorkerInfo[]> {
  const names = (await redis.smembers(keys.workers)).sort();
  if (names.length === 0) return [];
  const values = await redis.mget(...names.map((name) => keys.worker(name)));
  const workers: WorkerInfo[] = [];
  const expired: string[] = [];
  names.forEach((name, i) => {
    const text = values[i];
    if (!text) {
      expired.push(name);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    if (Heartbeat.Check(parsed)) workers.push({ ...parsed, alive: true });
  });
  if (expired.length > 0) await redis.srem(keys.workers, ...expired);
  return workers;
}
