/**
 * Wires the API's services from the process's parts (config, database, queue, artifact store): registry,
 * model catalog, cached read models, live predictions, metrics. Used by the `api` command, the demo start,
 * benchmarks and tests, so they all serve the same thing.
 */
import type { Config } from '../../config/config.ts';
import type { Logger } from '../../config/logger.ts';
import type { TrackRecordRules } from '../../config/params.ts';
import type { Db } from '../../db/db.ts';
import { type Clock, systemClock } from '../../domain/clock.ts';
import type { StakingPlan } from '../../domain/staking.ts';
import { DEFAULT_EDGE_RULE, type EdgeRule } from '../../domain/value-bet.ts';
import { createModelResolver, type ModelResolver } from '../../inference/model-resolver.ts';
import type { QueueAdmin } from '../../queue/queue-admin.ts';
import type { TaskQueue } from '../../queue/task-queue.ts';
import { createModelRegistry } from '../../registry/model-registry.ts';
import type { ArtifactStore } from '../../storage/artifact-store.ts';
import { type ApiMetrics, createApiMetrics } from '../plugins/metrics.ts';
import type { ApiServices } from './api-services.ts';
import { createClosingLineSource } from './closing-lines.ts';
import { createLivePredictions } from './live-predictions.ts';
import { createModelCatalog } from './model-catalog.ts';
import { createReadModels } from './read-models.ts';
import { sourceHealth } from './source-health.ts';
import { createTrackRecords, type WarmingLogLevel } from './track-records.ts';

export interface AssembleOptions {
  readonly config: Pick<
    Config,
    'apiKey' | 'monitoringApiKey' | 'modelName' | 'predictTimeoutMs' | 'cacheRecheckSeconds' | 'inferenceMode'
  > &
    Partial<Pick<Config, 'security' | 'redisUrl'>>;
  readonly logger: Logger;
  readonly db: Db;
  readonly queue: TaskQueue;
  /** The BullMQ queue for the queue view (the caller opens and closes it). */
  readonly queueAdmin?: QueueAdmin | undefined;
  readonly store: ArtifactStore;
  readonly version: string;
  readonly uiDir: string;
  /** Overrides config.apiKey (the demo's generated key). */
  readonly apiKey?: string | undefined;
  readonly metrics?: ApiMetrics;
  readonly metricsText?: () => Promise<string>;
  /** params.yaml `betting`: the cards judge value bets by the same threshold and ceiling as the pipeline. */
  readonly edgeRule?: EdgeRule;
  /** params.yaml `betting` and `evaluate` (trackRecordRulesOf): how the track record grades; default `edgeRule`'s. */
  readonly trackRecordRules?: TrackRecordRules;
  /**
   * Grade the unfiltered track records in the background from start() on, again whenever their data moves
   * (checked every cacheRecheckSeconds), so the dashboard never waits for them. Servers set it; tests do not.
   */
  readonly warmTrackRecords?: boolean;
  /**
   * The level of that grading's `track record graded` lines: info by default (an operator watches a new pod warm
   * up by them, docs/operations.md); `npm start` logs them at debug, so its terminal ends on its banner.
   */
  readonly warmingLogLevel?: WarmingLogLevel;
  /** Default the system clock. */
  readonly clock?: Clock;
  /** params.yaml `betting` stakes (flat, Kelly fraction and cap) the cards show beside each value bet. */
  readonly staking?: StakingPlan;
}

export interface AssembledApi {
  readonly services: ApiServices;
  /** Loads every artifact once and starts the background re-checks. */
  start(): Promise<void>;
  /** Stops re-checks and releases in-process model sessions (not the db or queue: their owner closes them). */
  close(): Promise<void>;
}

export function assembleApi(options: AssembleOptions): AssembledApi {
  const { config, logger, db, queue, store } = options;
  const metrics = options.metrics ?? createApiMetrics();
  const clock = options.clock ?? systemClock;
  const edgeRule = options.edgeRule ?? DEFAULT_EDGE_RULE;
  const registry = createModelRegistry({ db, store });
  const catalog = createModelCatalog(registry, config.modelName, {
    onRegistryUnreachable: (error) =>
      logger.warn(
        { err: error },
        'model registry unreachable; live predictions use the versions already known',
      ),
  });
  metrics.setModelSource(catalog);
  metrics.setStaleSourceCounter(
    async () => (await sourceHealth(db, clock.nowMs())).filter((s) => s.stale).length,
  );
  metrics.setWorkerSource(queue);
  const readModels = createReadModels(
    store,
    config.cacheRecheckSeconds * 1000,
    {
      onError(key, error) {
        metrics.artifactLoadFailures.inc({ artifact: key });
        logger.error(
          { err: error, artifact: key },
          'artifact failed to load; the last good copy stays in service',
        );
      },
      onLoad(key, detail) {
        const { rss, heapUsed, external } = process.memoryUsage();
        const mb = (bytes: number) => Math.round(bytes / 1e6);
        logger.info(
          { artifact: key, ...detail, rss_mb: mb(rss), heap_mb: mb(heapUsed), external_mb: mb(external) },
          'artifact loaded',
        );
      },
    },
    undefined,
    edgeRule,
    clock,
    {
      ...(options.staking === undefined ? {} : { staking: options.staking }),
      ...(options.trackRecordRules === undefined
        ? {}
        : { marginMethod: options.trackRecordRules.marginMethod }),
      closingLines: createClosingLineSource(db, (error) =>
        logger.error({ err: error }, 'odds history failed to load; the cards keep the last closing prices'),
      ),
    },
  );
  // From 0 for every served artifact: increase() would not see the first failure of a series born at 1.
  for (const artifact of readModels.keys) metrics.artifactLoadFailures.inc({ artifact }, 0);
  metrics.setDriftSource({ latestDrift: () => readModels.drift.current()?.value });
  let resolver: ModelResolver | undefined;
  if (config.inferenceMode === 'inline')
    resolver = createModelResolver({
      registry,
      modelName: config.modelName,
      onFallback: ({ alias, wanted, serving, error }) =>
        logger.error(
          { err: error, alias, wanted_version: wanted, serving_version: serving },
          `cannot load ${config.modelName} version ${wanted} (${alias}); still serving version ${serving}`,
        ),
    });
  const live = createLivePredictions({
    readModels,
    catalog,
    queue,
    metrics,
    timeoutMs: config.predictTimeoutMs,
    mode: config.inferenceMode,
    inline: resolver,
    clock,
  });
  const trackRecordRules = options.trackRecordRules ?? { edgeRule };
  const trackRecords = createTrackRecords({ db, rules: trackRecordRules, logger });
  const services: ApiServices = {
    version: options.version,
    apiKey: options.apiKey ?? config.apiKey,
    monitoringApiKey: config.monitoringApiKey,
    logger,
    db,
    clock,
    queue,
    queueAdmin: options.queueAdmin,
    readModels,
    catalog,
    live,
    metrics,
    trackRecordRules,
    trackRecords,
    metricsText: options.metricsText,
    security: config.security && { ...config.security, redisUrl: config.redisUrl },
    uiDir: options.uiDir,
  };
  return {
    services,
    async start() {
      await readModels.refresh();
      readModels.start();
      // After the cards: both keep the one event loop busy, and the cards are the page most readers open first
      // (on the whole shared history the first cards request took 53 s while the backtest record graded beside
      // it, 8-10 s alone; docs/performance.md).
      if (options.warmTrackRecords)
        void readModels
          .bodiesBuilt()
          .then(() =>
            trackRecords.startWarming(config.cacheRecheckSeconds * 1000, options.warmingLogLevel ?? 'info'),
          );
    },
    async close() {
      readModels.stop();
      await trackRecords.close();
      await resolver?.close();
    },
  };
}
