/**
 * `matchcast api [--workers N]`: the HTTP API. With N > 1 the primary forks N processes (node:cluster) that
 * share the port. SIGTERM/SIGINT: stop accepting, finish in-flight requests, then close the queue and the
 * database. In embedded mode (no REDIS_URL) an in-process worker serves the `ml` queue inside the API.
 */
import cluster from 'node:cluster';
import { join } from 'node:path';
import { buildApp } from '../../api/app.ts';
import { createApiMetrics } from '../../api/plugins/metrics.ts';
import type { SecuritySettings } from '../../api/plugins/security.ts';
import {
  API_KEY_FILE,
  MissingApiKeyError,
  type ResolvedApiKey,
  resolveApiKey,
} from '../../api/services/api-key.ts';
import { assembleApi } from '../../api/services/assemble.ts';
import type { Config } from '../../config/config.ts';
import { createLogger, prettyLogs } from '../../config/logger.ts';
import { PACKAGE_VERSION, UI_DIST_DIR } from '../../config/package-files.ts';
import { edgeRuleOf, stakingOf, trackRecordRulesOf } from '../../config/params.ts';
import { configOrExit } from '../config-and-database.ts';
import { assertPortFree, openRuntime } from '../runtime.ts';
import { onStopSignal } from '../stop-signals.ts';
import { clusterMetricsText, serveClusterMetrics } from './api-cluster-metrics.ts';

export interface ApiProcessOptions {
  readonly config: Config;
  readonly apiKey: string;
  /** Redis key prefix shared with the workers (default matchcast). */
  readonly prefix?: string;
  /**
   * Replaces these security settings (headers off, counters in memory). Only bench/api.ts sets it, to measure
   * what the protections cost; the `api` command and every configuration variable leave it unset.
   */
  readonly security?: Partial<SecuritySettings>;
  /**
   * A second app in this process on this port, sharing every service, with no protections (no security headers,
   * no limits). Only bench/api.ts sets it: the two apps' costs then differ by the protections alone, not by
   * which process got which code layout.
   */
  readonly barePort?: number;
}

/** What `barePort` switches off. */
const NO_PROTECTIONS: Partial<SecuritySettings> = {
  headers: false,
  rateLimitPerMinute: undefined,
  rateLimitPerIpPerMinute: undefined,
  authFailuresPerIpPerMinute: undefined,
};

export interface RunningApi {
  readonly url: string;
  /** Graceful stop: no new connections, in-flight requests finish, then queue and database close. */
  close(): Promise<void>;
}

/** One API process: opens its parts, listens, and returns a handle that shuts it all down in order. */
export async function runApiProcess(options: ApiProcessOptions): Promise<RunningApi> {
  const { config } = options;
  const runtime = await openRuntime(config, {
    name: 'api',
    worker: 'embedded',
    queueAdmin: true,
    redisAtStart: 'optional',
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
  });
  try {
    const metrics = createApiMetrics({ registry: runtime.metrics });
    const assembled = assembleApi({
      config,
      metrics,
      ...(cluster.isWorker ? { metricsText: clusterMetricsText(metrics.registry) } : {}),
      logger: runtime.logger,
      db: runtime.db,
      clock: runtime.deps.clock,
      queue: runtime.queue,
      queueAdmin: runtime.queueAdmin,
      store: runtime.deps.store,
      version: PACKAGE_VERSION,
      uiDir: UI_DIST_DIR,
      apiKey: options.apiKey,
      edgeRule: edgeRuleOf(runtime.deps.params),
      trackRecordRules: trackRecordRulesOf(runtime.deps.params),
      warmTrackRecords: true,
      staking: stakingOf(runtime.deps.params),
    });
    await assembled.start();
    const { services } = assembled;
    const withSecurity = (security: Partial<SecuritySettings> | undefined) =>
      buildApp(
        security === undefined ? services : { ...services, security: { ...services.security, ...security } },
      );
    const app = await withSecurity(options.security);
    const bare = options.barePort === undefined ? undefined : await withSecurity(NO_PROTECTIONS);
    // A log event like every other line, so JSON logs stay all JSON (a plain line here made log shippers and
    // `jq` stumble); the pid tells the processes of `--workers N` apart on a terminal, where pino-pretty hides it.
    const listenTextResolver = (address: string) =>
      `matchcast api listening on ${address} (pid ${process.pid})`;
    const url = await app
      .listen({ port: config.port, host: config.host, listenTextResolver })
      .catch(async (error: unknown) => {
        await assembled.close();
        throw error;
      });
    await bare?.listen({ port: options.barePort, host: config.host });
    return {
      url,
      async close() {
        await bare?.close();
        await app.close();
        await assembled.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

function runPrimary(workers: number): void {
  const exiting = new Set<number>();
  serveClusterMetrics();
  for (let i = 0; i < workers; i++) cluster.fork();
  const deaths: number[] = [];
  cluster.on('exit', (worker, code, signal) => {
    if (exiting.has(worker.id)) return;
    const now = performance.now();
    deaths.push(now);
    while ((deaths[0] ?? now) < now - 60_000) deaths.shift();
    // A process that keeps dying at start (bad database, bad schema) would otherwise be re-forked forever.
    if (deaths.length > workers * 3) {
      process.stderr.write('matchcast api: processes keep dying; giving up\n');
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      process.exit(1);
    }
    process.stderr.write(
      `matchcast api: worker ${worker.process.pid} died (${signal ?? code}); starting another\n`,
    );
    cluster.fork();
  });
  onStopSignal('api', async () => {
    const alive = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      alive.map(
        (w) =>
          new Promise<void>((resolve) => {
            exiting.add(w.id);
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
  });
}

/**
 * Where the key kept in DATA_DIR is: with the key itself on a terminal, for the person who started the API; as
 * a JSON event naming the file only when logs go to a collector, which no key may reach (docs/security.md).
 */
function announceKeptKey(config: Config, resolved: ResolvedApiKey): void {
  const keptIn = join(config.dataDir, API_KEY_FILE);
  if (prettyLogs(config.logFormat, process.stdout.isTTY === true))
    process.stdout.write(`API key (X-API-Key): ${resolved.key}  (kept in ${keptIn})\n`);
  else
    createLogger(config, 'api').info(
      { api_key_in: keptIn },
      resolved.source === 'generated' ? 'generated an API key' : 'API key read from its file',
    );
}

/** `matchcast api` with its options: one process serving, or the primary of `workers` that share the port. */
export async function serveApi(options: {
  readonly workers: number;
  readonly prefix: string;
}): Promise<void> {
  const config = configOrExit();
  // Before the key, the queue and the track records' grading: a busy port is one line, at once.
  if (cluster.isPrimary) await assertPortFree(config.port, config.host);
  let apiKey: string;
  try {
    const resolved = resolveApiKey(config);
    apiKey = resolved.key;
    if (cluster.isPrimary && resolved.source !== 'env') announceKeptKey(config, resolved);
  } catch (error) {
    if (error instanceof MissingApiKeyError) {
      process.stderr.write(`matchcast api: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (options.workers > 1 && !config.databaseUrl) {
    process.stderr.write(
      'matchcast api: --workers > 1 needs DATABASE_URL (the embedded database is one process)\n',
    );
    process.exit(2);
  }
  if (options.workers > 1 && cluster.isPrimary) {
    runPrimary(options.workers);
    return;
  }
  const running = await runApiProcess({ config, apiKey, prefix: options.prefix });
  onStopSignal('api', () => running.close());
}
