/**
 * The runtime wiring, written once: every long-running command (`start`, `api`, `worker`, `scheduler`) opens its
 * parts here from the Config and closes them with one call, in the reverse order.
 *
 * @example
 *   const runtime = await openRuntime(configOrExit(), { name: 'api', worker: 'embedded' });
 *   process.once('SIGTERM', () => void runtime.close());
 */
import { createServer } from 'node:net';
import type { Registry } from 'prom-client';
import type { Config } from '../config/config.ts';
import { createLogger, type Logger } from '../config/logger.ts';
import { loadParams, type Params } from '../config/params.ts';
import type { Db } from '../db/db.ts';
import { ExpectedError } from '../domain/expected-error.ts';
import { createMetricsRegistry } from '../observability/metrics-registry.ts';
import { type ProbeServer, startProbeServer } from '../observability/probe-server.ts';
import { startTracing, traceLogFields, traceMethods, tracingEnabled } from '../observability/tracing.ts';
import { createPipeline, type Pipeline, type PipelineDeps } from '../pipelines/run/pipeline.ts';
import { createPipelineMetrics, type PipelineMetrics } from '../pipelines/run/pipeline-metrics.ts';
import { pipelineDeps } from '../pipelines/run/pipeline-services.ts';
import { createTaskQueue } from '../queue/create-task-queue.ts';
import { openQueueAdmin, type QueueAdmin } from '../queue/queue-admin.ts';
import { createQueueMetrics, type QueueMetrics } from '../queue/queue-metrics.ts';
import { assertRedisReachable } from '../queue/redis-connection.ts';
import { type RunningWorker, startWorker } from '../queue/start-worker.ts';
import type { TaskQueue } from '../queue/task-queue.ts';
import { openDatabase } from './config-and-database.ts';

const PING_TIMEOUT_MS = 1000;

export interface RuntimeOptions {
  /** The process's name in logs. */
  readonly name: string;
  /**
   * Whether this process runs an inference worker: `always` (the embedded demo, the worker command),
   * `embedded` (only with the in-process queue, i.e. no REDIS_URL), or `never`.
   */
  readonly worker: 'always' | 'embedded' | 'never';
  /** Redis key prefix shared by API, workers and schedulers (default matchcast). */
  readonly prefix?: string;
  /** Worker options: tasks run at once, and the name monitoring shows. */
  readonly concurrency?: number;
  readonly workerName?: string;
  readonly params?: Params;
  /**
   * Serve /metrics, /livez and /readyz on METRICS_PORT (workers and the scheduler; the API serves its own on
   * its port).
   */
  readonly probes?: boolean;
  /** Open the queue's admin handle too (the API's queue view); only with REDIS_URL. */
  readonly queueAdmin?: boolean;
  /**
   * What an unreachable Redis at start-up is: `required` (default) fails with one line; `optional` logs it as an
   * error and starts degraded, the connections then reconnecting as they do in an outage (the API: its
   * precomputed reads need no Redis, so a pod started during an outage serves them instead of crash-looping).
   */
  readonly redisAtStart?: 'required' | 'optional';
}

export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Db;
  readonly deps: PipelineDeps;
  readonly pipeline: Pipeline;
  readonly queue: TaskQueue;
  readonly worker: RunningWorker | undefined;
  /** The process's metrics: default process series plus the queue's, the worker's and the pipeline's. */
  readonly metrics: Registry;
  readonly pipelineMetrics: PipelineMetrics;
  /** The queue gauges (the `ml` queue); the scheduler adds its `pipeline` queue to them. */
  readonly queueMetrics: QueueMetrics;
  /** The probe server when `probes` was asked and METRICS_PORT is not 0. */
  readonly probes: ProbeServer | undefined;
  /** The BullMQ queue's admin handle when `queueAdmin` was asked and REDIS_URL is set. */
  readonly queueAdmin: QueueAdmin | undefined;
  /** Closes probes, worker, queue and database, in that order. */
  close(): Promise<void>;
}

export async function openRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const tracing = await startTracing({
    serviceName: options.name,
    endpoint: config.otlpEndpoint,
    sampler: config.traceSampler,
  });
  const logger = createLogger(config, options.name, tracingEnabled() ? traceLogFields : undefined);
  if (config.redisUrl) {
    try {
      for (const problem of await assertRedisReachable(config.redisUrl)) logger.warn(problem);
    } catch (error) {
      if (options.redisAtStart !== 'optional' || !(error instanceof ExpectedError)) throw error;
      logger.error(`${error.message}; starting degraded: live predictions answer 503 until Redis answers`);
    }
  }
  const db = traceMethods(await openDatabase(config), 'db', ['query', 'exec']);
  const deps = pipelineDeps(config, db, options.params ?? loadParams());
  const prefix = options.prefix === undefined ? {} : { prefix: options.prefix };
  const queue = config.redisUrl
    ? // hasLiveWorker is left out: it answers from a cache, and opens its own span when it asks Redis.
      traceMethods(createTaskQueue({ redisUrl: config.redisUrl, ...prefix }), 'redis', [
        'status',
        'workers',
        'ping',
      ])
    : null;
  const inProcess = queue === null ? createTaskQueue({}) : null;
  const queueAdmin =
    options.queueAdmin === true && config.redisUrl
      ? openQueueAdmin({ redisUrl: config.redisUrl, ...prefix })
      : undefined;
  const taskQueue = (queue ?? inProcess) as TaskQueue;
  const metrics = createMetricsRegistry();
  const queueMetrics = createQueueMetrics(metrics, taskQueue);
  const pipelineMetrics = createPipelineMetrics(metrics);
  const wantsWorker = options.worker === 'always' || (options.worker === 'embedded' && inProcess !== null);
  const worker = wantsWorker
    ? await startWorker({
        queue: inProcess ?? { redisUrl: config.redisUrl as string, ...prefix },
        registry: deps.registry,
        modelName: config.modelName,
        logger,
        metrics: { registry: metrics, queue: queueMetrics },
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        ...(options.workerName === undefined ? {} : { name: options.workerName }),
      })
    : undefined;
  const probes =
    options.probes === true && config.metricsPort > 0
      ? await startProbeServer({
          port: config.metricsPort,
          host: config.host,
          registry: metrics,
          readiness: async () => {
            const [database, queueUp] = await Promise.all([
              db.ping(PING_TIMEOUT_MS).catch(() => false),
              taskQueue.ping().catch(() => false),
            ]);
            return { database, queue: queueUp };
          },
          // Only the queue: a worker answers tasks from its cached champion while PostgreSQL is away, and a
          // scheduler's stages fail and retry on their own; marking either unready would only stall rollouts.
          required: ['queue'],
        }).then(
          (server) => {
            logger.info({ port: server.port }, 'serving /metrics, /livez and /readyz');
            return server;
          },
          // Two roles on one host (a laptop) must not stop each other: the second runs without probes, loudly.
          (error: NodeJS.ErrnoException) => {
            const problem =
              error.code === 'EADDRINUSE'
                ? 'METRICS_PORT is taken'
                : `cannot listen on HOST ${config.host} and METRICS_PORT (${error.code ?? error.message})`;
            logger.warn(
              { err: error.message, host: config.host, port: config.metricsPort },
              `${problem}: this process serves no /metrics, /livez or /readyz (set METRICS_PORT to a free port, or 0)`,
            );
            return undefined;
          },
        )
      : undefined;
  return {
    config,
    logger,
    db,
    deps,
    pipeline: createPipeline({ ...deps, metrics: pipelineMetrics }),
    queue: taskQueue,
    worker,
    metrics,
    pipelineMetrics,
    queueMetrics,
    probes,
    queueAdmin,
    async close() {
      await probes?.close();
      await worker?.close();
      await queueAdmin?.close();
      await taskQueue.close();
      await db.close();
      await tracing.shutdown();
    },
  };
}

/** Fails at once (EADDRINUSE, named by the CLI) when the port is taken, before minutes of work that need it. */
export function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
