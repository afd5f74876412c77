/**
 * Fixed-window request counters behind the rate limits (ADR 0012). A key's window opens with its first request
 * and lasts windowMs on the injected clock; at most `max` requests of a key are let through per window. Memory
 * is bounded: entries live in two generations of a window's length each, and the older one is dropped whole,
 * so a key not seen for two windows is forgotten without a sweep, and one generation holds at most maxKeys.
 *
 * Two kinds: in this process's memory, and shared through Redis. Both answer synchronously: the shared one counts
 * here and syncs with Redis on a timer, off the request path (createSharedCounter).
 *
 * @example
 *   const perKey = createMemoryCounter({ clock, max: 600, windowMs: 60_000 });
 *   const retryAfter = perKey.hit('key:abc'); // 0 = allowed, else seconds until the window ends
 */
import type { Redis, Result } from 'ioredis';
import type { Clock } from '../../domain/clock.ts';

export interface WindowCounter {
  /**
   * Counts one request for `key`: 0 when it is within the limit, else the seconds until the window ends (at
   * least 1, the Retry-After).
   */
  hit(key: string): number;
}

export interface WindowCounterOptions {
  readonly clock: Clock;
  /** Requests allowed per key and window. */
  readonly max: number;
  /** Length of a window, ms. */
  readonly windowMs: number;
  /**
   * Most keys remembered in one window (default 100,000). Keys come from clients (addresses, hashed keys), so
   * this bounds memory; past it the window's oldest key is forgotten and starts again from zero.
   */
  readonly maxKeys?: number;
}

const DEFAULT_MAX_KEYS = 100_000;

/** Seconds from `nowMs` to `endMs`, at least 1: a Retry-After. */
const secondsUntil = (nowMs: number, endMs: number) => Math.max(1, Math.ceil((endMs - nowMs) / 1000));

/**
 * Per-key entries kept for two generations of at least windowMs each. Every entry of the dropped generation
 * was last put there before the current one began, so its window (which opened no later) has ended.
 */
class Generations<T> {
  private current = new Map<string, T>();
  private previous = new Map<string, T>();
  private rotateAtMs = Number.NEGATIVE_INFINITY;
  constructor(
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  get(key: string, nowMs: number): T | undefined {
    if (nowMs >= this.rotateAtMs) {
      this.previous = this.current;
      this.current = new Map();
      this.rotateAtMs = nowMs + this.windowMs;
    }
    const entry = this.current.get(key);
    if (entry !== undefined) return entry;
    const old = this.previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, entry: T): void {
    if (this.current.size >= this.maxKeys) {
      const oldest = this.current.keys().next();
      if (!oldest.done) this.current.delete(oldest.value);
    }
    this.current.set(key, entry);
  }
}

interface Count {
  count: number;
  endMs: number;
}

/** Counts in this process's memory. */
export function createMemoryCounter(options: WindowCounterOptions): WindowCounter {
  const { clock, max, windowMs } = options;
  const counts = new Generations<Count>(windowMs, options.maxKeys ?? DEFAULT_MAX_KEYS);
  return {
    hit(key) {
      const now = clock.nowMs();
      let entry = counts.get(key, now);
      if (entry === undefined) {
        entry = { count: 0, endMs: now + windowMs };
        counts.set(key, entry);
      } else if (entry.endMs <= now) {
        entry.count = 0;
        entry.endMs = now + windowMs;
      }
      entry.count++;
      return entry.count <= max ? 0 : secondsUntil(now, entry.endMs);
    },
  };
}

/**
 * KEYS[1] one key's count in its current window; ARGV requests to add, window ms. Adds them (the first addition
 * opens the window) and returns {count, ms left}: every process's requests Redis has heard of.
 */
const COUNT_SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
if count == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = tonumber(ARGV[2]) end
return {count, ttl}
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    matchcastRateCount(key: string, add: number, windowMs: number): Result<[number, number], Context>;
  }
}

/** Default time between two syncs with Redis. */
const DEFAULT_SYNC_MS = 100;
/** A key syncs early once its unsent requests reach this share (1/16) of what Redis says is left. */
const EARLY_SYNC_SHARE = 16;

interface Tally {
  /** The window's count as Redis last said: every process's requests it had heard of, ours included. */
  known: number;
  /** Let through here, not yet sent to Redis. */
  unsent: number;
  /** Sent to Redis, not yet answered. */
  sending: number;
  /** When the window ends: as Redis last said, else a window after this process first saw the key. */
  endMs: number;
  /** Counts the key's windows here, so an answer about an ended window is dropped. */
  window: number;
}

export interface SharedCounterOptions extends WindowCounterOptions {
  /** A connection that fails at once while Redis is away (no offline queue). */
  readonly redis: Redis;
  /** Prefix of the counters' Redis keys. */
  readonly prefix: string;
  /** Time between two syncs with Redis, ms (default 100). */
  readonly syncMs?: number;
  /** Called with the error when a sync fails after the last one succeeded, and with undefined when one succeeds again. */
  readonly onSyncChange?: (error: Error | undefined) => void;
}

export interface SharedCounter extends WindowCounter {
  /** Sends what this process counted and learns the others' counts; resolves when Redis answered (or failed). */
  sync(): Promise<void>;
  /** Stops the timer after a last sync. */
  close(): Promise<void>;
}

/**
 * Counts shared by every process using the same Redis and prefix, without a request ever waiting on Redis: a
 * request is decided from this process's own count plus the others' as Redis last said, and a timer sends the
 * counts in one pipeline (every syncMs, or as soon as a key has spent a sixteenth of what was left), reading back
 * the counts of keys past half their limit even when it has nothing to add. One process is exact; several may
 * let through together what they admit between two syncs beyond the limit (ADR 0012).
 * While Redis is away each process keeps counting on its own, so the limit holds per process.
 */
export function createSharedCounter(options: SharedCounterOptions): SharedCounter {
  const { clock, max, windowMs, redis, prefix } = options;
  if (typeof redis.matchcastRateCount !== 'function')
    redis.defineCommand('matchcastRateCount', { numberOfKeys: 1, lua: COUNT_SCRIPT });
  const tallies = new Generations<Tally>(windowMs, options.maxKeys ?? DEFAULT_MAX_KEYS);
  let dirty = new Map<string, Tally>();
  // Keys past half their limit: every sync reads their count even when this process has nothing to add, so a
  // process that was idle for a key does not decide its next requests on an old count.
  const near = new Map<string, Tally>();
  let syncing: Promise<void> | undefined;
  let failing = false;
  let urgent = false;

  const failed = (error: Error) => {
    if (!failing) options.onSyncChange?.(error);
    failing = true;
  };

  const send = async (): Promise<void> => {
    const batch = dirty;
    dirty = new Map();
    urgent = false;
    const now = clock.nowMs();
    for (const [key, tally] of near)
      if (tally.endMs <= now) near.delete(key);
      else batch.set(key, tally);
    const sent = [...batch].map(([key, tally]) => {
      const add = tally.unsent;
      tally.unsent = 0;
      tally.sending += add;
      return { key, tally, add, window: tally.window };
    });
    const pipeline = redis.pipeline();
    for (const { key, add } of sent) pipeline.matchcastRateCount(`${prefix}${key}`, add, windowMs);
    const results = await pipeline.exec().catch((error: Error) => sent.map(() => [error, null] as const));
    const answeredMs = clock.nowMs();
    let error: Error | undefined;
    sent.forEach(({ key, tally, add, window }, i) => {
      const [failure, answer] = results?.[i] ?? [new Error('no answer from Redis'), null];
      if (tally.window !== window) return;
      tally.sending -= add;
      if (failure) {
        // Counted again at the next sync: Redis learns of it once it is back.
        error = failure;
        tally.unsent += add;
        dirty.set(key, tally);
        return;
      }
      const [count, msLeft] = answer as [number, number];
      tally.known = count;
      tally.endMs = answeredMs + msLeft;
      if (count * 2 >= max) near.set(key, tally);
    });
    if (error) failed(error);
    else if (failing) {
      failing = false;
      options.onSyncChange?.(undefined);
    }
  };

  const sync = (): Promise<void> => {
    if (syncing) return syncing;
    if (dirty.size === 0 && near.size === 0) return Promise.resolve();
    syncing = send().finally(() => {
      syncing = undefined;
      if (urgent) void sync();
    });
    return syncing;
  };

  const timer = setInterval(() => void sync(), options.syncMs ?? DEFAULT_SYNC_MS);
  timer.unref();

  return {
    hit(key) {
      const now = clock.nowMs();
      let tally = tallies.get(key, now);
      if (tally === undefined) {
        tally = { known: 0, unsent: 0, sending: 0, endMs: now + windowMs, window: 0 };
        tallies.set(key, tally);
      } else if (tally.endMs <= now) {
        // The window ended: what it counted, sent or not, stays in it.
        tally.known = 0;
        tally.unsent = 0;
        tally.sending = 0;
        tally.endMs = now + windowMs;
        tally.window++;
      }
      if (tally.known + tally.sending + tally.unsent >= max) return secondsUntil(now, tally.endMs);
      tally.unsent++;
      dirty.set(key, tally);
      if (tally.unsent * EARLY_SYNC_SHARE >= max - tally.known) {
        urgent = true;
        void sync();
      }
      return 0;
    },
    sync,
    async close() {
      clearInterval(timer);
      await sync();
    },
  };
}
