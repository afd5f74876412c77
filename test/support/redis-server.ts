/**
 * Redis helpers for tests: a PRIVATE redis-server on a free loopback port (for the restart test — the shared
 * Redis on 6379 is never stopped), and removal of every key under a test's prefix.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM, or SIGKILL for a crash): without an append-only file its data is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

async function waitUntilUp(host: string, port: number, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const probe = new Redis({
      port,
      host,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => {});
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      probe.disconnect();
    }
    if (Date.now() - started > timeoutMs) throw new Error(`redis-server on port ${port} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface PrivateRedisOptions {
  /**
   * A folder for an append-only file (`--appendonly yes --appendfsync always`), as production runs it: queued
   * tasks then survive a restart. Without it the server keeps nothing.
   */
  readonly appendOnlyDir?: string;
  /** The address it binds (default 127.0.0.1). */
  readonly host?: string;
  /** A command prefix the server runs under, e.g. `ip netns exec <ns>` to run it on another host. */
  readonly via?: readonly string[];
}

/** `redis-server --port N` on 127.0.0.1 (or `host`), owned by the caller; no persistence unless `appendOnlyDir` is given. */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const host = options.host ?? '127.0.0.1';
  const via = options.via ?? [];
  let child: ChildProcess | null = null;
  const persistence = options.appendOnlyDir
    ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.appendOnlyDir]
    : ['--appendonly', 'no'];
  const start = async () => {
    const command = [
      ...via,
      'redis-server',
      ...['--port', String(port), '--bind', host, '--save', '', ...persistence, '--daemonize', 'no'],
      // Off loopback Redis refuses clients without a password unless told otherwise; the private network it
      // then binds exists only inside this machine.
      ...(host === '127.0.0.1' ? [] : ['--protected-mode', 'no']),
    ];
    child = spawn(command[0] as string, command.slice(1), { stdio: 'ignore' });
    await waitUntilUp(host, port);
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };
  await start();
  return { url: `redis://${host}:${port}`, port, stop, start };
}

/** Deletes every key starting with `prefix:` (a test's BullMQ queue, heartbeats and channels). */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
