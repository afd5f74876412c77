/**
 * Fixed-window request counters behind the rate limits (ADR 0012). A key's window opens with its first request
 * and lasts windowMs on the injected clock; at most `max` requests of a key are let through per window. Memory
 * is bounded: entries live in two generations of a window's length each, and the older one is dropped whole,
 * so a key not seen for two windows is forgotten without a sweep, and one generation holds at most maxKeys.
 *
 * Two kinds: in this process's memory, and shared through Redis. The shared one does not ask Redis on every
 * request: it reserves an allowance (a lease) for a key with one atomic script, spends it locally, and asks again
 * when it runs out. Redis never grants more than the limit in a window, so the limit holds across processes; a
 * lease shrinks to one request as the window's count nears the limit, so small limits stay exact.
 *
 * @example
 *   const perKey = createMemoryCounter({ clock, max: 600, windowMs: 60_000 });
 *   const retryAfter = await perKey.hit('key:abc'); // 0 = allowed, else seconds until the window ends
 */
import type { Redis, Result } from 'ioredis';
import type { Clock } from '../../domain/clock.ts';

export interface WindowCounter {
  /**
   * Counts one request for `key`: 0 when it is within the limit, else the seconds until the window ends (at
   * least 1, the Retry-After). Synchronous whenever this process knows the answer; a promise only while a
   * shared counter waits for Redis.
   */
  hit(key: string): number | Promise<number>;
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
 * KEYS[1] one key's count in its current window; ARGV max, wanted, window ms. Grants up to `wanted` requests
 * without taking the count past max (the first grant opens the window); returns {granted, count, ms left}.
 */
const LEASE_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local granted = math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) - count)
if granted > 0 then
  count = redis.call('INCRBY', KEYS[1], granted)
  if count == granted then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
else
  granted = 0
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = tonumber(ARGV[3]) end
return {granted, count, ttl}
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    matchcastRateLease(
      key: string,
      max: number,
      wanted: number,
      windowMs: number,
    ): Result<[number, number, number], Context>;
  }
}

/** Largest lease, and the share of what is left in the window one lease may take (1/16). */
const MAX_LEASE = 64;
const LEASE_SHARE = 16;

interface Allowance {
  /** Requests this process may still let through in this window. */
  left: number;
  /** Redis said the window is full: refuse without asking until it ends. */
  full: boolean;
  /** When the window ends, as Redis last said; until the first answer, now. */
  endMs: number;
  /** Size of the next lease. */
  next: number;
  /** The lease on its way, if any: true when Redis answered. */
  pending: Promise<boolean> | undefined;
}

export interface SharedCounterOptions extends WindowCounterOptions {
  /** A connection that fails at once while Redis is away (no offline queue): such requests are let through. */
  readonly redis: Redis;
  /** Prefix of the counters' Redis keys. */
  readonly prefix: string;
}

/** Counts shared by every process using the same Redis and prefix. */
export function createSharedCounter(options: SharedCounterOptions): WindowCounter {
  const { clock, max, windowMs, redis, prefix } = options;
  if (typeof redis.matchcastRateLease !== 'function')
    redis.defineCommand('matchcastRateLease', { numberOfKeys: 1, lua: LEASE_SCRIPT });
  const allowances = new Generations<Allowance>(windowMs, options.maxKeys ?? DEFAULT_MAX_KEYS);

  const lease = (key: string, allowance: Allowance): Promise<boolean> => {
    const run = redis
      .matchcastRateLease(`${prefix}${key}`, max, allowance.next, windowMs)
      .then(
        ([granted, count, msLeft]) => {
          allowance.left += granted;
          allowance.full = granted === 0;
          allowance.endMs = clock.nowMs() + msLeft;
          allowance.next = Math.min(MAX_LEASE, Math.max(1, Math.floor((max - count) / LEASE_SHARE)));
          return true;
        },
        () => false,
      )
      .finally(() => {
        allowance.pending = undefined;
      });
    allowance.pending = run;
    return run;
  };

  const hit = (key: string): number | Promise<number> => {
    const now = clock.nowMs();
    let allowance = allowances.get(key, now);
    if (allowance === undefined) {
      allowance = { left: 0, full: false, endMs: now, next: 1, pending: undefined };
      allowances.set(key, allowance);
    } else if (allowance.endMs <= now && allowance.pending === undefined) {
      // The window ended: what was left of its lease was counted in it and is not carried over.
      allowance.left = 0;
      allowance.full = false;
      allowance.next = 1;
    }
    if (allowance.left > 0) {
      allowance.left--;
      // Ask for the next lease before this one runs out, so requests rarely wait for Redis; only when leases
      // are large (plenty left in the window), so a small limit is never held back by another process.
      if (allowance.left < allowance.next >> 2 && allowance.pending === undefined && !allowance.full)
        void lease(key, allowance);
      return 0;
    }
    if (allowance.full) return secondsUntil(now, allowance.endMs);
    // Redis not answering lets the request through rather than failing it: limits never take reads down.
    return (allowance.pending ?? lease(key, allowance)).then((answered) => (answered ? hit(key) : 0));
  };
  return { hit };
}
