/**
 * `matchcast queue list|retry|clean` in-process against the real Redis, under a prefix of its own: tasks that
 * really failed (a BullMQ worker whose task throws) are listed, retried by id and all at once, finished ones
 * cleaned; a wrong id, a missing REDIS_URL and an unreachable Redis each give one line and a non-zero status.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueueAdmin, type QueueAdmin } from '../../src/queue/queue-admin.ts';
import { assertRedisReachable } from '../../src/queue/redis-connection.ts';
import { QUEUE_NAME } from '../../src/queue/tasks.ts';
import { runInProcess } from '../support/cli-in-process.ts';
import { deleteRedisPrefix } from '../support/redis-server.ts';
import { REDIS_URL, redisAvailable, uniqueName } from '../support/services.ts';

describe.skipIf(!redisAvailable)('matchcast queue', () => {
  const prefix = uniqueName('mctest');
  let admin: QueueAdmin;
  const failedIds: string[] = [];
  const queue = (...args: string[]) => runInProcess(['queue', '--prefix', prefix, ...args], { REDIS_URL });
  const json = async (...args: string[]) => {
    const result = await queue(...args, '--json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  beforeAll(async () => {
    admin = openQueueAdmin({ redisUrl: REDIS_URL, prefix });
    let finished = 0;
    const worker = new Worker(
      QUEUE_NAME,
      async (job) => {
        if (job.data.fail) throw new Error(`boom ${job.data.n}`);
        return { ok: true };
      },
      { connection: { url: REDIS_URL }, prefix },
    );
    const done = new Promise<void>((resolve) => {
      const count = () => ++finished === 3 && resolve();
      worker.on('failed', count);
      worker.on('completed', count);
    });
    for (const n of [1, 2]) {
      const job = await admin.queue.add('predict', { fail: true, n }, { attempts: 1 });
      failedIds.push(job.id ?? '');
    }
    await admin.queue.add('predict', { fail: false, n: 3 });
    await done;
    await worker.close();
  });
  afterAll(async () => {
    await admin?.close();
    await deleteRedisPrefix(REDIS_URL, prefix);
  });

  it('lists failed tasks as JSON and as a table', async () => {
    const listed = await json('list', '--state', 'failed');
    expect(listed.state).toBe('failed');
    const tasks = listed.tasks as { id: string; failed_reason: string; name: string }[];
    expect(tasks.map((t) => t.id).sort()).toEqual([...failedIds].sort());
    expect(tasks.map((t) => t.failed_reason).sort()).toEqual(['boom 1', 'boom 2']);
    const table = await queue('list', '--limit', '1');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^id\s+name\s+attempts/);
    expect(table.stdout.trim().split('\n')).toHaveLength(2);
    // A limit Redis's scripts would get in exponent notation is refused naming the option, not passed on.
    const huge = await queue('list', '--limit', '99999999999999999999');
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/^matchcast: queue list: option '--limit .*from 0 to 1,000,000.*--help`\n$/);
  });

  it('refuses an unknown id with one line, retrying nothing', async () => {
    const result = await queue('retry', failedIds[0] ?? '', 'no-such-task');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'matchcast: unknown task id no-such-task (never queued, or expired and removed)\n',
    );
    expect(await admin.list('failed', 10)).toHaveLength(2);
    const neither = await queue('retry');
    expect(neither.code).toBe(1);
    expect(neither.stderr).toMatch(/give task ids or --all-failed/);
  });

  it('retries by id, then every failed task', async () => {
    expect(await json('retry', failedIds[0] ?? '')).toEqual({ retried: [failedIds[0]] });
    expect((await admin.list('waiting', 10)).map((t) => t.id)).toEqual([failedIds[0]]);
    expect(await json('retry', '--all-failed')).toEqual({ retried: [failedIds[1]] });
    expect(await admin.list('failed', 10)).toEqual([]);
  });

  it('cleans finished tasks of one state', async () => {
    expect(await json('clean', '--state', 'completed', '--older-than', '1h')).toMatchObject({ removed: [] });
    const cleaned = await json('clean', '--state', 'completed');
    expect((cleaned.removed as string[]).length).toBe(1);
    expect(await admin.list('completed', 10)).toEqual([]);
  });

  it('says in one line when Redis is missing or unreachable', async () => {
    const unset = await runInProcess(['queue', 'list'], { REDIS_URL: undefined });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toMatch(/^matchcast: the queue commands need REDIS_URL.*\n$/);
    const down = await runInProcess(['queue', 'list'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^matchcast: cannot reach Redis at redis:\/\/127\.0\.0\.1:1.*REDIS_URL\n$/);
    // A database the server does not have: ioredis only reports it as an event and carries on with database 0.
    const noSuchDb = await runInProcess(['queue', 'list'], {
      REDIS_URL: `${REDIS_URL.replace(/\/\d*$/, '')}/99`,
    });
    expect(noSuchDb.code).toBe(1);
    expect(noSuchDb.stderr).toMatch(/^matchcast: Redis at .* refused database 99 .*fix REDIS_URL\n$/);
  });

  it('reads the settings a queue needs from the server it reaches', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const [, aof] = (await redis.config('GET', 'appendonly')) as string[];
      const problems = await assertRedisReachable(REDIS_URL);
      expect(problems.some((p) => p.includes('without AOF'))).toBe(aof !== 'yes');
    } finally {
      redis.disconnect();
    }
  });
});
