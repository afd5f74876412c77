/**
 * Starts a worker on the `ml` queue — on Redis (BullMQ) or attached to the in-process queue — wired to the
 * registry through a ModelResolver, so it loads each alias's model lazily, once, and follows alias moves.
 *
 * @example
 *   const worker = await startWorker({ queue: { redisUrl }, registry, modelName, concurrency: 8 });
 *   process.once('SIGTERM', () => void worker.close().then(() => process.exit(0)));
 */
import { hostname } from 'node:os';
import type { Registry } from 'prom-client';
import type { Logger } from '../config/logger.ts';
import { systemClock } from '../domain/clock.ts';
import { createModelResolver, type ModelResolverOptions } from '../inference/model-resolver.ts';
import { inSpan, SpanKind, traceContextOf, withTraceContext } from '../observability/tracing.ts';
import { startBullmqWorker } from './bullmq-worker.ts';
import type { InProcessTaskQueue } from './in-process-task-queue.ts';
import type { QueueMetrics } from './queue-metrics.ts';
import { createTaskProcessors, runTask } from './task-processors.ts';
import { QUEUE_NAME } from './tasks.ts';
import { createWorkerMetrics, type JobOutcome } from './worker-metrics.ts';

export interface RedisQueueTarget {
  readonly redisUrl: string;
  /** Redis key prefix (default `matchcast`). */
  readonly prefix?: string;
}

export interface StartWorkerOptions {
  /** An in-process queue (embedded mode) or a Redis to reach the BullMQ queue on. */
  readonly queue: InProcessTaskQueue | RedisQueueTarget;
  readonly registry: ModelResolverOptions['registry'];
  readonly modelName: string;
  /** Tasks run at once (default 8). */
  readonly concurrency?: number;
  /** default `<hostname>:<pid>` */
  readonly name?: string;
  /** How long an alias → version answer is trusted (ms, default 1000). */
  readonly aliasTtlMs?: number;
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly heartbeatTtlMs?: number;
  readonly logger?: Logger;
  /** The process's metrics registry: the worker's series are added to it, and the queue's job duration observed. */
  readonly metrics?: { readonly registry: Registry; readonly queue: QueueMetrics };
  /**
   * Test-only: sleep this long before each task, to have a task in flight when a test kills the worker. Not
   * reachable from the CLI or the environment.
   */
  readonly testTaskDelayMs?: number;
}

export interface RunningWorker {
  readonly name: string;
  modelsLoaded(): string[];
  /** Stops taking tasks, finishes in-flight ones, then releases models and connections. */
  close(): Promise<void>;
}

function isInProcess(queue: StartWorkerOptions['queue']): queue is InProcessTaskQueue {
  return 'kind' in queue && queue.kind === 'inprocess';
}

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const concurrency = options.concurrency ?? 8;
  // Set once the Redis worker runs: monitoring then sees a newly served version at once, not at the next beat.
  let beat: (() => Promise<void>) | undefined;
  const resolver = createModelResolver({
    registry: options.registry,
    modelName: options.modelName,
    ...(options.aliasTtlMs !== undefined ? { aliasTtlMs: options.aliasTtlMs } : {}),
    onServingChange: () => void beat?.().catch(() => {}),
    onRegistryUnreachable: (error) =>
      options.logger?.warn({ err: error }, 'model registry unreachable; serving the versions already known'),
    onFallback: ({ alias, wanted, serving, error }) =>
      options.logger?.error(
        { err: error, alias, wanted_version: wanted, serving_version: serving },
        `cannot load ${options.modelName} version ${wanted} (${alias}); still serving version ${serving}`,
      ),
  });
  const workerMetrics = options.metrics && createWorkerMetrics(options.metrics.registry, resolver);
  const jobDuration = options.metrics?.queue.jobDuration;
  const processors = createTaskProcessors({ resolver, metrics: workerMetrics });
  const delay = options.testTaskDelayMs ?? 0;
  const processTask = async (task: string, data: unknown, enqueuedAt: number) => {
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    let outcome: JobOutcome = 'failed';
    try {
      const result = await runTask(processors, task, data);
      outcome = 'completed';
      return result;
    } finally {
      workerMetrics?.jobs.inc({ task, outcome });
      jobDuration?.observe({ queue: QUEUE_NAME, task }, Math.max(0, systemClock.nowMs() - enqueuedAt) / 1000);
    }
  };
  const run = (task: string, data: unknown, enqueuedAt: number) =>
    withTraceContext(traceContextOf(data), () =>
      inSpan(
        'worker.process',
        { task, 'worker.name': name },
        () => processTask(task, data, enqueuedAt),
        SpanKind.CONSUMER,
      ),
    );
  const modelsLoaded = () => resolver.loaded();

  let handle: { close(): Promise<void> };
  if (isInProcess(options.queue)) {
    handle = options.queue.attachWorker({ name, concurrency, run, modelsLoaded });
  } else {
    const redisWorker = await startBullmqWorker({
      redisUrl: options.queue.redisUrl,
      ...(options.queue.prefix !== undefined ? { prefix: options.queue.prefix } : {}),
      name,
      concurrency,
      run,
      modelsLoaded,
      ...(options.lockDurationMs !== undefined ? { lockDurationMs: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs !== undefined ? { stalledIntervalMs: options.stalledIntervalMs } : {}),
      ...(options.heartbeatIntervalMs !== undefined
        ? { heartbeatIntervalMs: options.heartbeatIntervalMs }
        : {}),
      ...(options.heartbeatTtlMs !== undefined ? { heartbeatTtlMs: options.heartbeatTtlMs } : {}),
      logger: options.logger,
    });
    beat = redisWorker.beat;
    handle = redisWorker;
  }
  options.logger?.info({ worker: name, concurrency }, 'worker started');

  return {
    name,
    modelsLoaded,
    async close() {
      await handle.close();
      await resolver.close();
      options.logger?.info({ worker: name }, 'worker stopped');
    },
  };
}
