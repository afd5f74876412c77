/**
 * The services production wires the API to, private to one bench run: a fresh PostgreSQL schema
 * (TEST_DATABASE_URL) and the BullMQ queue with its admin view on Redis (TEST_REDIS_URL) under a fresh key prefix.
 * `close` drops the schema and the Redis keys.
 */
import type { Db } from '../../src/db/db.ts';
import { createBullmqTaskQueue } from '../../src/queue/bullmq-task-queue.ts';
import { openQueueAdmin, type QueueAdmin } from '../../src/queue/queue-admin.ts';
import type { TaskQueue } from '../../src/queue/task-queue.ts';
import { deleteRedisPrefix } from '../../test/support/redis-server.ts';
import { DRIVERS, REDIS_URL, uniqueName } from '../../test/support/services.ts';

export interface ProductionServices {
  /** What the API fixture takes. */
  readonly wiring: { readonly db: Db; readonly queue: TaskQueue; readonly queueAdmin: QueueAdmin };
  close(): Promise<void>;
}

export async function openProductionServices(name: string): Promise<ProductionServices> {
  const postgres = DRIVERS.find((d) => d.driver === 'postgres');
  if (!postgres?.available) throw new Error('needs PostgreSQL (TEST_DATABASE_URL)');
  const { db, dispose } = await postgres.open();
  const prefix = uniqueName(name);
  const queue = createBullmqTaskQueue({ redisUrl: REDIS_URL, prefix });
  const queueAdmin = openQueueAdmin({ redisUrl: REDIS_URL, prefix });
  return {
    wiring: { db, queue, queueAdmin },
    async close() {
      await queue.close();
      await queueAdmin.close();
      await deleteRedisPrefix(REDIS_URL, prefix);
      await dispose();
    },
  };
}
