/**
 * `matchcast queue list|retry|clean`: the BullMQ task queue as an operator sees it, over the configured
 * REDIS_URL and the key prefix the API and the workers share. A thin adapter over queue/queue-admin.ts.
 */
import { type Command, Option } from 'commander';
import { ExpectedError } from '../../domain/expected-error.ts';
import type { QueueAdmin, TaskSummary } from '../../queue/queue-admin.ts';
import { DEFAULT_PREFIX } from '../../queue/queue-keys.ts';
import {
  CLEANED_STATES,
  type CleanedState,
  LISTED_STATES,
  type ListedState,
} from '../../queue/task-states.ts';
import { configOrExit } from '../config-and-database.ts';
import { nonEmpty, parseCount, parseDuration } from '../option-parsers.ts';
import { formatTable, jsonOption, printReport } from '../output.ts';

interface QueueOptions {
  readonly prefix: string;
}

/**
 * The queue's admin handle, checked reachable first so a wrong REDIS_URL is one clear line, and without Redis a
 * line saying why these commands need it. Long-running processes get theirs from openRuntime.
 */
async function withQueueAdmin<T>(queue: Command, run: (admin: QueueAdmin) => Promise<T>): Promise<T> {
  const config = configOrExit();
  if (!config.redisUrl)
    throw new ExpectedError(
      'the queue commands need REDIS_URL: without it tasks run in-process and no queue outlives the process',
    );
  const [{ assertRedisReachable }, { openQueueAdmin }] = await Promise.all([
    import('../../queue/redis-connection.ts'),
    import('../../queue/queue-admin.ts'),
  ]);
  await assertRedisReachable(config.redisUrl);
  const admin = openQueueAdmin({ redisUrl: config.redisUrl, prefix: queue.opts<QueueOptions>().prefix });
  try {
    return await run(admin);
  } finally {
    await admin.close();
  }
}

function formatTasks({ state, tasks }: { state: ListedState; tasks: readonly TaskSummary[] }): string {
  if (tasks.length === 0) return `no ${state} tasks`;
  return formatTable(
    ['id', 'name', 'attempts', 'enqueued_at', 'finished_at', 'failed_reason'],
    tasks.map((t) => [
      t.id,
      t.name,
      String(t.attempts),
      t.enqueued_at,
      t.finished_at ?? '-',
      (t.failed_reason ?? '-').split('\n')[0] ?? '-',
    ]),
  );
}

export function registerQueue(program: Command): void {
  const queue = program
    .command('queue')
    .description('the task queue (needs REDIS_URL): list tasks, retry failed ones, clean finished ones')
    .option(
      '--prefix <prefix>',
      'Redis key prefix shared with the API and the workers',
      nonEmpty,
      DEFAULT_PREFIX,
    );

  queue
    .command('list')
    .description('list the tasks in one state, newest first')
    .addOption(new Option('--state <state>', 'which tasks').choices(LISTED_STATES).default('failed'))
    .option('--limit <n>', 'at most this many', parseCount, 20)
    .addOption(jsonOption('the tasks'))
    .action((options: { state: ListedState; limit: number; json?: boolean }) =>
      withQueueAdmin(queue, async (admin) => {
        const tasks = await admin.list(options.state, options.limit);
        printReport(options.json, { state: options.state, tasks }, formatTasks);
      }),
    );

  queue
    .command('retry')
    .description('move failed tasks back to waiting, by id or all of them')
    .argument('[task-ids...]', 'ids of failed tasks (see queue list)')
    .option('--all-failed', 'retry every failed task')
    .addOption(jsonOption('the retried ids'))
    .action((ids: string[], options: { allFailed?: boolean; json?: boolean }) => {
      if (ids.length > 0 === (options.allFailed === true))
        throw new ExpectedError('queue retry: give task ids or --all-failed (one of the two)');
      return withQueueAdmin(queue, async (admin) => {
        const retried = options.allFailed ? await admin.retryAllFailed() : await admin.retry(ids);
        printReport(options.json, { retried }, () => `retried ${retried.length} task(s)`);
      });
    });

  queue
    .command('clean')
    .description('remove finished tasks of one state, older than a duration')
    .addOption(new Option('--state <state>', 'which tasks').choices(CLEANED_STATES).makeOptionMandatory())
    .addOption(
      new Option('--older-than <duration>', 'finished longer ago than this: 90s, 30m, 1h, 7d')
        .argParser(parseDuration)
        .default(0, 'all'),
    )
    .addOption(jsonOption('the removed ids'))
    .action((options: { state: CleanedState; olderThan: number; json?: boolean }) =>
      withQueueAdmin(queue, async (admin) => {
        const removed = await admin.clean(options.state, options.olderThan);
        printReport(
          options.json,
          { state: options.state, removed },
          () => `removed ${removed.length} ${options.state} task(s)`,
        );
      }),
    );
}
