/**
 * `matchcast scheduler`: fires the pipeline's scheduled jobs (params.schedule). With REDIS_URL it uses BullMQ job
 * schedulers, so any number of replicas run each firing once; without, it keeps in-process timers (the same
 * ones `matchcast start` runs inside the demo).
 */
import type { Command } from 'commander';
import { loadParams } from '../../config/params.ts';
import { configOrExit } from '../config-and-database.ts';
import { nonEmpty } from '../option-parsers.ts';
import { onStopSignal } from '../stop-signals.ts';

export function registerScheduler(program: Command): void {
  program
    .command('scheduler')
    .description('run the pipeline on its schedule (BullMQ job schedulers with REDIS_URL, else in-process)')
    .option('--prefix <prefix>', 'Redis key prefix shared by the replicas', nonEmpty, 'matchcast')
    .action(async (options: { prefix: string }) => {
      const config = configOrExit();
      const params = loadParams();
      const [{ openRuntime }, { scheduledJobs }, { startScheduler }] = await Promise.all([
        import('../runtime.ts'),
        import('../../pipelines/scheduling/schedule.ts'),
        import('../../pipelines/scheduling/start-scheduler.ts'),
      ]);
      const runtime = await openRuntime(config, {
        name: 'scheduler',
        worker: 'never',
        prefix: options.prefix,
        params,
        probes: true,
      });
      const log = (line: string, level?: 'warn' | 'error') => runtime.logger[level ?? 'info'](line);
      const scheduler = await startScheduler({
        pipeline: runtime.pipeline,
        clock: runtime.deps.clock,
        jobs: scheduledJobs(params.schedule),
        redisUrl: config.redisUrl,
        prefix: options.prefix,
        log,
        metrics: runtime.pipelineMetrics,
        runs: runtime.deps.runs,
        queueMetrics: runtime.queueMetrics,
      });
      for (const job of scheduler.jobs) {
        const when = 'pattern' in job.repeat ? job.repeat.pattern : `every ${job.repeat.every} ms`;
        log(`scheduled ${job.name} (${when}): ${job.stages.join(' → ')}`);
      }
      log(`scheduler running (${scheduler.kind})`);
      // In-process timers do not hold the process open by themselves.
      const keepAlive = setInterval(() => {}, 1 << 30);
      onStopSignal('scheduler', async () => {
        clearInterval(keepAlive);
        await scheduler.close();
        await runtime.close();
      });
    });
}
