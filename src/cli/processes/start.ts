/**
 * `matchcast start` (= `npm start`): the whole system in one process — database, pipeline, API, dashboard,
 * in-process worker and scheduler. On an empty DATA_DIR it loads the demo world — its last weeks lived on a
 * virtual clock, so the track record has graded pre-kick-off predictions — and runs the whole pipeline
 * (backtest included) before serving; later starts serve at once from what exists and bring the pipeline up to
 * date in the background. `matchcast up --data <folder>` does the same on football-data CSVs.
 */
import { join } from 'node:path';
import { buildApp } from '../../api/app.ts';
import { createApiMetrics } from '../../api/plugins/metrics.ts';
import {
  API_KEY_FILE,
  MissingApiKeyError,
  type ResolvedApiKey,
  resolveApiKey,
} from '../../api/services/api-key.ts';
import { assembleApi } from '../../api/services/assemble.ts';
import type { Config } from '../../config/config.ts';
import { prettyLogs } from '../../config/logger.ts';
import { PACKAGE_VERSION, UI_DIST_DIR } from '../../config/package-files.ts';
import { edgeRuleOf, loadParams, stakingOf, trackRecordRulesOf } from '../../config/params.ts';
import { ARTIFACT_KEYS } from '../../domain/artifacts.ts';
import { systemClock } from '../../domain/clock.ts';
import { ExpectedError } from '../../domain/expected-error.ts';
import { DEMO_SEED } from '../../ingest/demo/generate-world.ts';
import { warmUpDemo } from '../../pipelines/run/demo-warm-up.ts';
import { readIngestSource, writeIngestSource } from '../../pipelines/run/ingest-source-store.ts';
import type { IngestSource, StageLog } from '../../pipelines/run/pipeline-context.ts';
import { printStageEvent, timingTable } from '../../pipelines/run/progress-printer.ts';
import { StageFailedError } from '../../pipelines/run/runner.ts';
import { scheduledJobs } from '../../pipelines/scheduling/schedule.ts';
import { startScheduler } from '../../pipelines/scheduling/start-scheduler.ts';
import { configOrExit } from '../config-and-database.ts';
import { assertPortFree, openRuntime } from '../runtime.ts';
import { onStopSignal } from '../stop-signals.ts';

/** What `npm start` says once serving. */
export interface Ready {
  readonly config: Pick<Config, 'host' | 'port' | 'dataDir'>;
  readonly apiKey: ResolvedApiKey;
  readonly seconds: number;
  readonly source: IngestSource['kind'];
}

function readyFacts({ config, source, seconds }: Ready) {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    base: `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`,
    reachable:
      config.host === '127.0.0.1' || config.host === 'localhost'
        ? 'this machine only (HOST=0.0.0.0 to serve others)'
        : `every host that reaches ${config.host}`,
    headline: `Matchcast is ready (${seconds.toFixed(1)} s) on ${source === 'demo' ? 'the simulated demo world' : 'your data'}`,
  };
}

/** The banner on a terminal: where to click, the key, where the data lives, how to start over. */
export function banner(ready: Ready): string {
  const { base, reachable, headline } = readyFacts(ready);
  const key = ready.apiKey.key;
  return [
    '',
    headline,
    '',
    `  Dashboard   ${base}/#key=${key}`,
    `  API docs    ${base}/docs`,
    `  API key     ${key}   (send as X-API-Key)`,
    `  Listening   ${reachable}`,
    `  Data        ${ready.config.dataDir}   (stop, delete it, start again to reset)`,
    '',
    '  Ctrl-C stops.',
    '',
    '',
  ].join('\n');
}

/**
 * The banner as one event among JSON log lines (a log shipper reads nothing else). It names where the key is kept
 * instead of the key: no log line carries one (docs/security.md).
 */
export function readyEvent(ready: Ready): { readonly fields: Record<string, unknown>; readonly msg: string } {
  const { base, reachable, headline } = readyFacts(ready);
  return {
    msg: headline,
    fields: {
      url: `${base}/`,
      api_docs: `${base}/docs`,
      api_key_in: ready.apiKey.source === 'env' ? 'API_KEY' : join(ready.config.dataDir, API_KEY_FILE),
      listening: reachable,
      data_dir: ready.config.dataDir,
      source: ready.source,
      seconds: Math.round(ready.seconds * 10) / 10,
    },
  };
}

export interface StartOptions {
  /** Where ingest reads from; default: what was used before, else the demo. */
  readonly source?: IngestSource;
}

export async function runStart(options: StartOptions = {}): Promise<void> {
  const startedAt = performance.now();
  const config = configOrExit();
  await assertPortFree(config.port, config.host);
  let apiKey: ResolvedApiKey;
  try {
    apiKey = resolveApiKey(config);
  } catch (error) {
    if (error instanceof MissingApiKeyError) {
      process.stderr.write(`matchcast start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const params = loadParams();
  // On a terminal the banner and its link end the screen: start-up's routine lines (the worker, each artifact
  // loaded, Fastify's "listening") wait for LOG_LEVEL=debug, and a first start's progress is summed up in two
  // lines. JSON logs are read by machines, which keep every event and take the banner as one more.
  const pretty = prettyLogs(config.logFormat, process.stdout.isTTY === true);
  const quietStartUp = pretty && config.logLevel === 'info';
  const runtime = await openRuntime(quietStartUp ? { ...config, logLevel: 'warn' } : config, {
    name: 'matchcast',
    worker: 'always',
    params,
    queueAdmin: true,
  });
  const { logger, deps, pipeline } = runtime;
  const say = (message: string, fields: Record<string, unknown>) =>
    pretty ? process.stderr.write(`matchcast: ${message}\n`) : logger.info(fields, message);
  // Each step at debug; what a person must read (a file left out, a provider's refusal) at warn.
  const progress =
    (prefix: string): StageLog =>
    (line, level) =>
      logger[level ?? 'debug'](`${prefix}${line}`);
  const remembered = await readIngestSource(deps.store);
  const source: IngestSource =
    options.source ?? (remembered.kind === 'none' ? { kind: 'demo', seed: DEMO_SEED } : remembered);
  if (source.kind !== remembered.kind || options.source !== undefined)
    await writeIngestSource(deps.store, source);
  const servedBefore = (await deps.store.head(ARTIFACT_KEYS.predictions)) !== null;

  if (!servedBefore) {
    // Nothing to serve yet: build everything first.
    const what = source.kind === 'demo' ? 'the demo world' : 'your data';
    const fields = { data_dir: config.dataDir, source: source.kind };
    say(`first start on ${config.dataDir}: preparing ${what} (LOG_LEVEL=debug shows each step)`, fields);
    const preparingAt = performance.now();
    try {
      const onEvent = printStageEvent((text) => logger.debug(text.trimEnd()));
      const log = progress('');
      const reports =
        source.kind === 'demo'
          ? await warmUpDemo(pipeline, { clock: systemClock, source, onEvent, log })
          : await pipeline.run({ source, onEvent, log });
      logger.debug(`stage timings\n${timingTable(reports)}`);
      const seconds = (performance.now() - preparingAt) / 1000;
      say(`prepared ${what} in ${seconds.toFixed(1)} s`, {
        ...fields,
        seconds: Math.round(seconds * 10) / 10,
      });
    } catch (error) {
      if (error instanceof StageFailedError) {
        await runtime.close();
        throw new ExpectedError(`the pipeline stopped at stage ${error.stage}: ${error.cause.message}`);
      }
      throw error;
    }
  }

  const assembled = assembleApi({
    config,
    logger,
    db: runtime.db,
    clock: runtime.deps.clock,
    queue: runtime.queue,
    queueAdmin: runtime.queueAdmin,
    store: deps.store,
    edgeRule: edgeRuleOf(params),
    trackRecordRules: trackRecordRulesOf(params),
    warmTrackRecords: true,
    warmingLogLevel: pretty ? 'debug' : 'info',
    staking: stakingOf(params),
    version: PACKAGE_VERSION,
    uiDir: UI_DIST_DIR,
    apiKey: apiKey.key,
    // One process, one /metrics: the API's series join the worker's, the queue's and the pipeline's.
    metrics: createApiMetrics({ registry: runtime.metrics }),
  });
  await assembled.start();
  const app = await buildApp(assembled.services);
  await app.listen({ port: config.port, host: config.host }).catch(async (error: unknown) => {
    await assembled.close();
    await runtime.close();
    throw error;
  });
  const ready: Ready = {
    config,
    apiKey,
    seconds: (performance.now() - startedAt) / 1000,
    source: source.kind,
  };
  if (pretty) {
    // After every start-up log line, as one block.
    logger.flush();
    process.stdout.write(banner(ready));
  } else {
    const { fields, msg } = readyEvent(ready);
    logger.info(fields, msg);
  }
  if (quietStartUp) logger.level = config.logLevel;

  const refresh = () => assembled.services.readModels.refresh();
  const shutdown = new AbortController();
  const scheduler = await startScheduler({
    pipeline,
    clock: runtime.deps.clock,
    jobs: scheduledJobs(params.schedule),
    redisUrl: config.redisUrl,
    log: (line, level) => logger[level ?? 'info'](line),
    afterRun: refresh,
    signal: shutdown.signal,
    metrics: runtime.pipelineMetrics,
    runs: runtime.deps.runs,
    queueMetrics: runtime.queueMetrics,
  });

  if (servedBefore) {
    // Serve what exists now; catch up (new results, fixtures, a changed param) behind it.
    void pipeline
      .run({ log: progress('pipeline: '), signal: shutdown.signal })
      .then(async (reports) => {
        const ran = reports.filter((r) => r.status === 'ran').map((r) => r.stage);
        logger.info(`background pipeline: ${ran.length ? `ran ${ran.join(', ')}` : 'everything up to date'}`);
        if (ran.length > 0) await refresh();
      })
      .catch((error: unknown) => logger.error({ err: error }, 'background pipeline run failed'));
  }

  onStopSignal('start', async (signal) => {
    logger.info({ signal }, 'shutting down');
    shutdown.abort();
    await scheduler.close();
    await app.close();
    await assembled.close();
    // A background pipeline run holds the database; let its current stage finish before closing.
    while (pipeline.busy()) await new Promise((resolve) => setTimeout(resolve, 100));
    await runtime.close();
  });
}
