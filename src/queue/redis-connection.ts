/** ioredis connections for BullMQ and our own keys, with the retry behaviour each role needs. */
import { Redis } from 'ioredis';
import { maskedUrl } from '../config/masked-url.ts';
import { ExpectedError } from '../domain/expected-error.ts';

export type RedisRole = 'client' | 'worker' | 'subscriber';

/**
 * `worker` and `subscriber` connections wait through a Redis restart (BullMQ requires maxRetriesPerRequest null
 * for blocking commands); `client` connections give up on a command after one retry, so an API request fails
 * fast instead of hanging while Redis is away. All of them reconnect on their own.
 */
export function openRedis(url: string, role: RedisRole): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: role === 'client' ? 1 : null,
    enableReadyCheck: true,
    // Off: each auto-pipeline flush builds an ioredis Pipeline, which copies every script BullMQ defined on the
    // connection (64) — ~80 µs of CPU, more than the socket writes it saves.
    enableAutoPipelining: false,
    connectionName: `matchcast-${role}`,
    retryStrategy: (times) => Math.min(50 * times, 1000),
    // openSubscriber re-subscribes itself: ioredis's own re-subscription leaves its SUBSCRIBE's failure unhandled.
    autoResubscribe: false,
  });
  // Connection errors surface as rejected commands; an unhandled 'error' event would crash the process.
  redis.on('error', () => {});
  return redis;
}

/**
 * A connection subscribed to `channel`, and subscribed again after every reconnect. `subscribed` settles once the
 * first SUBSCRIBE is answered (or the connection ends): a publisher awaits it so no message is missed.
 *
 * Why not ioredis's autoResubscribe: it sends SUBSCRIBE when the connection turns ready without handling its
 * failure. Closing the connection in the moment between reconnect and ready (a shutdown while Redis comes back)
 * rejected that SUBSCRIBE with no handler, an unhandled rejection, which ends a Node process.
 */
export function openSubscriber(
  url: string,
  channel: string,
  onMessage: (text: string) => void,
): { readonly redis: Redis; readonly subscribed: Promise<void> } {
  const redis = openRedis(url, 'subscriber');
  redis.on('message', (_channel: string, text: string) => onMessage(text));
  const subscribed = new Promise<void>((resolve) => {
    // A SUBSCRIBE that fails (the connection closed meanwhile) is sent again at the next 'ready'.
    redis.on('ready', () => void redis.subscribe(channel).then(() => resolve(), noop));
    redis.once('end', () => resolve());
  });
  return { redis, subscribed };
}

function noop(): void {}

/** Errors of a connection that cannot reach Redis (a reconnect loop raises one every few hundred ms). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
]);
const isUnreachable = (error: Error) =>
  UNREACHABLE.has((error as { code?: string }).code ?? '') || error.message === 'Connection is closed.';

/**
 * Tells `report` about the 'error' events of BullMQ objects on `client`: a connection error once per outage, then
 * `undefined` once the client is ready again; any other error each time. A line per reconnect attempt buried a
 * worker's log (88 in 40 s), and a BullMQ queue with no listener wrote each one as a raw multi-line stack.
 */
export function reportRedisErrors(
  client: { on(event: 'ready', listener: () => void): unknown },
  sources: readonly { on(event: 'error', listener: (error: Error) => void): unknown }[],
  report: (error: Error | undefined) => void,
): void {
  let down = false;
  for (const source of sources)
    source.on('error', (error) => {
      if (!isUnreachable(error)) return report(error);
      if (down) return;
      down = true;
      report(error);
    });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    report(undefined);
  });
}

/**
 * What a Redis holding our queue must be set to, as warnings (empty when all is well). Without AOF a restart
 * loses every queued task; BullMQ needs `noeviction`, or memory pressure may evict queued tasks. `settings` is
 * what CONFIG GET answered, null when the server refused CONFIG (managed services often do).
 */
export function redisSettingProblems(settings: Readonly<Record<string, string>> | null): string[] {
  if (settings === null)
    return [
      'cannot read the Redis settings (CONFIG refused): make sure it runs with appendonly yes and maxmemory-policy noeviction (docs/operations.md)',
    ];
  const problems: string[] = [];
  if (settings.appendonly !== 'yes')
    problems.push(
      'Redis runs without AOF (appendonly no): queued tasks are lost if it restarts; turn it on (docs/operations.md)',
    );
  const policy = settings['maxmemory-policy'];
  if (policy !== undefined && policy !== 'noeviction')
    problems.push(
      `Redis evicts keys under memory pressure (maxmemory-policy ${policy}): queued tasks can vanish; set noeviction, which BullMQ requires`,
    );
  return problems;
}

async function readSettings(redis: Redis): Promise<Record<string, string> | null> {
  try {
    const pairs = [
      ...(await redis.config('GET', 'appendonly')),
      ...(await redis.config('GET', 'maxmemory-policy')),
    ] as string[];
    const settings: Record<string, string> = {};
    for (let i = 0; i + 1 < pairs.length; i += 2) settings[pairs[i] as string] = pairs[i + 1] as string;
    return settings;
  } catch {
    return null;
  }
}

/**
 * Fails with one clear line when Redis does not answer within `timeoutMs`: at start-up an unreachable Redis is a
 * setting to fix, not something to retry quietly forever. (Once running, connections ride out restarts.)
 * Resolves with what is wrong with its settings for a queue (redisSettingProblems), for the caller to log.
 */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<string[]> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
  });
  let cause = '';
  redis.on('error', (error: Error) => {
    cause ||= error.message;
  });
  try {
    await redis.connect();
    await redis.ping();
    // ioredis selects the URL's database as it connects and only reports a refusal as an 'error' event (the
    // connection then works on database 0): a worker would log "will retry" forever.
    if (cause !== '')
      throw new ExpectedError(
        `Redis at ${maskedUrl(url)} refused database ${redis.options.db} (${cause}): a server has 16 (0–15) unless its 'databases' setting says more; fix REDIS_URL`,
      );
    return redisSettingProblems(await readSettings(redis));
  } catch (error) {
    if (error instanceof ExpectedError) throw error;
    throw new ExpectedError(
      `cannot reach Redis at ${maskedUrl(url)} (${cause || (error as Error).message}): start it or fix REDIS_URL`,
    );
  } finally {
    redis.disconnect();
  }
}
