/**
 * The production topology as separate processes: PostgreSQL and Redis of its own (private servers the suite
 * may crash and restart; Redis with the append-only file production requires), `matchcast api`, two
 * `matchcast worker`s and `matchcast scheduler`, all through the real CLI. Given a private network each runs
 * on a host of its own (a network namespace) and talks over that network's addresses; without one all share
 * loopback. The registry holds a champion (v1) and a challenger (v2) over the API fixture's features, so the
 * alias can move mid-traffic.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../../src/db/migrate.ts';
import { openDb } from '../../../src/db/open-db.ts';
import { createTaskQueue } from '../../../src/queue/create-task-queue.ts';
import type { TaskQueue } from '../../../src/queue/task-queue.ts';
import { createModelRegistry, type ModelRegistry } from '../../../src/registry/model-registry.ts';
import { createFileArtifactStore } from '../../../src/storage/file-artifact-store.ts';
import { eventually, type Spawned, spawnNode, waitForHttp } from '../../support/child-process.ts';
import type { PrivateNetwork } from '../../support/network-namespaces.ts';
import { type PrivatePostgres, startPrivatePostgres } from '../../support/postgres-server.ts';
import { freePort, type PrivateRedis, startPrivateRedis } from '../../support/redis-server.ts';
import { API_KEY, MODEL_NAME, registerModel, writeAllArtifacts } from '../../unit/api/fixture.ts';

export { API_KEY };
export const PREFIX = 'faults';
/** Match ids the fixture's feature file holds. */
export const MATCH_IDS = Array.from({ length: 20 }, (_, i) => 1000 + i);
export const WORKER_NAMES = ['worker-a', 'worker-b'] as const;
export type WorkerName = (typeof WORKER_NAMES)[number];
/** The hosts of the multi-host form, one network namespace each. */
export const HOSTS = ['api', ...WORKER_NAMES, 'scheduler', 'postgres', 'redis'] as const;
/** How long a process may take to start: minutes only on a machine many jobs share. */
const STARTUP_MS = 180_000;

export interface Topology {
  /** how the processes are spread, for the report */
  readonly isolation: string;
  readonly apiUrl: string;
  readonly redis: PrivateRedis;
  readonly postgres: PrivatePostgres;
  readonly artifactDir: string;
  /** A registry client of the suite's own (moves aliases, registers versions). */
  readonly registry: ModelRegistry;
  readonly modelName: string;
  /** A queue client of the suite's own, to read task states and heartbeats. */
  readonly queue: TaskQueue;
  api(): Spawned;
  worker(name: WorkerName): Spawned;
  startApi(): Promise<void>;
  /** Spawns the worker; resolves once it serves. */
  startWorker(name: WorkerName): Promise<void>;
  /** Resolves once the named workers (default both) serve. */
  ready(names?: readonly WorkerName[]): Promise<void>;
  /**
   * Cuts the worker off from Redis: its host's link goes down (namespaces), or on loopback the process is
   * frozen with SIGSTOP, which silences its connections the same way.
   */
  partition(name: WorkerName): void;
  /** Undoes partition(); resolves once the worker's heartbeat reaches Redis again. */
  reconnect(name: WorkerName): Promise<void>;
  /** Output of every process, for a failure message. */
  logs(): string;
  close(): Promise<void>;
}

/** Host placement: on `network` each process runs on its own host; without it everything is 127.0.0.1. */
function placement(network: PrivateNetwork | undefined) {
  return (name: (typeof HOSTS)[number]) => {
    if (!network) return { address: '127.0.0.1', via: [] as readonly string[] };
    const host = network.host(name);
    return { address: host.address, via: host.via };
  };
}

export async function startTopology(network?: PrivateNetwork): Promise<Topology> {
  const on = placement(network);
  const dir = mkdtempSync(join(tmpdir(), 'mc-faults-'));
  const artifactDir = join(dir, 'artifacts');
  mkdirSync(join(dir, 'redis'));
  const [postgres, redis] = await Promise.all([
    startPrivatePostgres({ host: on('postgres').address, via: on('postgres').via }),
    startPrivateRedis({ appendOnlyDir: join(dir, 'redis'), host: on('redis').address, via: on('redis').via }),
  ]);
  const db = await openDb({ databaseUrl: postgres.url, maxConnections: 2 });
  await migrate(db);
  const store = createFileArtifactStore(artifactDir);
  await writeAllArtifacts(store);
  const registry = createModelRegistry({ db, store });
  await registerModel(registry, 'champion');
  await registerModel(registry, 'challenger');

  const queue = createTaskQueue({ redisUrl: redis.url, prefix: PREFIX });
  const port = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    ARTIFACT_STORE: artifactDir,
    MODEL_NAME,
    API_KEY,
    DATA_DIR: join(dir, 'var'),
    PORT: String(port),
    INFERENCE_MODE: 'queue',
    PREDICT_TIMEOUT_MS: '10000',
    LOG_LEVEL: 'warn',
  };
  const all: Spawned[] = [];
  let closing = false;
  const spawn = (host: (typeof HOSTS)[number], args: string[], own: Record<string, string> = {}) => {
    // Each process listens (API port, probes' METRICS_PORT) on its own host's address.
    const spawned = spawnNode(
      ['bin/matchcast.js', ...args],
      { ...env, HOST: on(host).address, ...own },
      process.cwd(),
      on(host).via,
    );
    all.push(spawned);
    // Every exit is said with the process's last lines, so a process that stops when no fault asked it to
    // (a flaky run) leaves its reason in the CI log; the faults' own kills read as such.
    void spawned.exited.then((how) => {
      if (closing) return;
      const tail = spawned.output().trimEnd().split('\n').slice(-12).join('\n    ');
      process.stderr.write(
        `${new Date().toISOString()} ${host} (${args[0]}, pid ${spawned.child.pid}) exited: ${how}\n    ${tail}\n`,
      );
    });
    return spawned;
  };
  let api: Spawned | undefined;
  const workers = new Map<WorkerName, Spawned>();
  const startApi = async () => {
    api = spawn('api', ['api', '--prefix', PREFIX]);
    await waitForHttp(api, `http://${on('api').address}:${port}/healthcheck`, STARTUP_MS);
  };
  const readiness = new Map<WorkerName, Promise<void>>();
  const startWorker = (name: WorkerName): Promise<void> => {
    const serves = serving(name);
    readiness.set(name, serves);
    // A replacement left booting in the background may be killed by close(): not an error then.
    serves.catch(() => {});
    return serves;
  };
  const serving = async (name: WorkerName) => {
    const spawned = spawn(name, ['worker', '--prefix', PREFIX, '--name', name, '--concurrency', '4']);
    workers.set(name, spawned);
    // Ready once its own heartbeat is in Redis (BullMQ is listening by then); a killed predecessor's key may
    // still be there under the same name.
    const beating = await eventually(
      async () => {
        if (closing) return false;
        return (await queue.workers()).some((w) => w.name === name && w.pid === spawned.child.pid)
          ? true
          : undefined;
      },
      STARTUP_MS,
      `worker ${name} beating`,
    );
    if (!beating) throw new Error(`worker ${name} closed before it served`);
  };
  const close = async () => {
    closing = true;
    for (const spawned of all) {
      if (spawned.child.exitCode === null && spawned.child.signalCode === null) spawned.child.kill('SIGKILL');
    }
    await Promise.all(all.map((s) => s.exited));
    await queue.close().catch(() => {});
    await db.close().catch(() => {});
    await redis.stop();
    await postgres.destroy();
    network?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const worker = (name: WorkerName) => {
    const spawned = workers.get(name);
    if (!spawned) throw new Error(`worker ${name} is not started`);
    return spawned;
  };
  // The scheduler fires params.yaml's cron jobs (sync at :10, batch inference every 15 min): on this empty
  // database such a run would rewrite the fixture's feature file without its matches, and every live prediction
  // would answer 404. It keeps its own artifact folder, so a run that happens to fall inside the suite is harmless.
  spawn('scheduler', ['scheduler', '--prefix', PREFIX], {
    ARTIFACT_STORE: join(dir, 'scheduler-artifacts'),
    DATA_DIR: join(dir, 'scheduler-var'),
  });
  try {
    await Promise.all([startApi(), ...WORKER_NAMES.map(startWorker)]);
  } catch (error) {
    // Nothing may outlive a failed start: the processes and servers are this suite's alone.
    await close();
    throw error;
  }

  return {
    isolation: network
      ? `network namespaces: ${HOSTS.map((h) => `${h} ${on(h).address}`).join(', ')}`
      : 'loopback (no network namespaces)',
    apiUrl: `http://${on('api').address}:${port}`,
    redis,
    postgres,
    artifactDir,
    registry,
    modelName: MODEL_NAME,
    queue,
    api: () => {
      if (!api) throw new Error('the API is not started');
      return api;
    },
    worker,
    startApi,
    startWorker,
    async ready(names = WORKER_NAMES) {
      await Promise.all(names.map((name) => readiness.get(name)));
    },
    partition(name) {
      if (network) network.cut(name);
      else worker(name).child.kill('SIGSTOP');
    },
    async reconnect(name) {
      const healedAt = Date.now();
      if (network) network.heal(name);
      else worker(name).child.kill('SIGCONT');
      await eventually(
        async () =>
          (await queue.workers()).some((w) => w.name === name && Date.parse(w.lastHeartbeat) >= healedAt)
            ? true
            : undefined,
        30_000,
        `worker ${name} beating again`,
      );
    },
    logs: () => all.map((s) => s.output()).join('\n'),
    close,
  };
}
