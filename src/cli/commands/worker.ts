/**
 * `matchcast worker`: one process serving the `ml` queue on Redis. Run as many as needed, on any hosts that
 * reach the same Redis, database and artifact store. SIGTERM/SIGINT finish in-flight tasks, then exit.
 */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { configOrExit } from '../config-and-database.ts';
import { nonEmpty, parseAtOnce } from '../option-parsers.ts';
import { onStopSignal } from '../stop-signals.ts';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('serve the ml queue (needs REDIS_URL): predict_match tasks')
    .option('--concurrency <n>', 'tasks run at once in this process', parseAtOnce, 8)
    .option('--name <name>', 'worker name shown in monitoring (default <hostname>:<pid>)')
    .option('--prefix <prefix>', 'Redis key prefix shared with the API', nonEmpty, 'matchcast')
    .action(async (options: { concurrency: number; name?: string; prefix: string }) => {
      const config = configOrExit();
      if (!config.redisUrl) {
        process.stderr.write(
          'matchcast worker: REDIS_URL is not set; without Redis the worker runs inside `matchcast start`\n',
        );
        process.exit(2);
      }
      const { openRuntime } = await import('../runtime.ts');
      const runtime = await openRuntime(config, {
        name: 'worker',
        worker: 'always',
        prefix: options.prefix,
        concurrency: options.concurrency,
        workerName: options.name ?? `${hostname()}:${process.pid}`,
        probes: true,
      });
      const { logger } = runtime;
      onStopSignal('worker', async (signal) => {
        logger.info({ signal }, 'finishing in-flight tasks before exit');
        await runtime.close();
      });
    });
}
