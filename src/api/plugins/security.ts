/**
 * What guards the API besides its keys: security headers with a Content-Security-Policy the dashboard passes,
 * CORS for configured origins only, rate limits on /predict/* (per key and per client address) and a cap on
 * wrong keys per address. Counters live in Redis when a URL is given, so every API process shares them; in
 * memory otherwise. The server's own limits (body, headers, timeouts) are SERVER_LIMITS, applied in app.ts.
 * docs/security.md describes all of it.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { setTimeout } from 'node:timers/promises';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { type ApiError, apiError } from '../errors.ts';

/** Limits of the HTTP server itself, in one place. */
export const SERVER_LIMITS = {
  /** Largest request body; larger is a complete 413. */
  bodyLimit: 1024 * 1024,
  /** Longest path parameter; longer is 414. */
  maxParamLength: 200,
  /** Largest request head (Node's default, stated): larger is 431 with Connection: close. */
  maxHeaderSize: 16 * 1024,
  /** A client must send its whole head within this (slow-loris guard). */
  headersTimeoutMs: 10_000,
  /** …and its whole request within this. */
  requestTimeoutMs: 30_000,
  /** An idle keep-alive connection closes after this (longer than the usual 60 s of load balancers). */
  keepAliveTimeoutMs: 72_000,
  /**
   * No idle limit while a request is being answered: a live prediction may wait up to PREDICT_TIMEOUT_MS for a
   * worker, and every route bounds its own waits.
   */
  connectionTimeoutMs: 0,
} as const;

export interface SecuritySettings {
  /** Requests per window one API key may make to /predict/*; undefined = no limit. */
  readonly rateLimitPerMinute?: number | undefined;
  /** Requests per window one client address may make to /predict/*; undefined = no limit. */
  readonly rateLimitPerIpPerMinute?: number | undefined;
  /** Wrong or missing keys one address may send per window before 429; undefined = no cap. */
  readonly authFailuresPerIpPerMinute?: number | undefined;
  /**
   * Fastify's `trustProxy` (set when the app is built): which proxies' X-Forwarded-For gives a request's address,
   * the key of the per-address limits. Default false: the socket's address.
   */
  readonly trustProxy?: boolean | string | undefined;
  /** Origins a browser may call the API from; empty = CORS off. */
  readonly corsOrigins?: readonly string[] | undefined;
  /** Redis holding the counters; undefined = this process's memory. */
  readonly redisUrl?: string | undefined;
  /** Key prefix of the counters in Redis (default matchcast-rate-limit:). */
  readonly redisPrefix?: string | undefined;
  /** Length of every window (default one minute; tests shorten it). */
  readonly windowMs?: number | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The error for a request whose key was refused: 401, or 429 once its address has failed too often. */
    keyRefused?: (request: FastifyRequest, reply: FastifyReply) => Promise<ApiError>;
  }
}

const LIMITED_ROUTE = /^(\/v1)?\/predict\//;

/**
 * The dashboard is a Vite build: scripts and styles come from files, nothing inline. Charts and React set
 * styles through the DOM, which style-src does not govern. No upgrade-insecure-requests: the demo is plain
 * HTTP on a private address, and upgrading its requests would break it.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
  },
};

/**
 * The policy of the /docs pages and of the queue view (/monitoring/queues): the same, with inline styles
 * allowed, because Swagger UI and Bull Board set some in their HTML. Scripts stay 'self' only.
 */
export function allowInlineStyles(policy: string): string {
  return policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
}

const keyId = (request: FastifyRequest) => {
  const key = request.headers['x-api-key'];
  // Hashed: a key never becomes a Redis key name or an entry anyone could list.
  return `key:${typeof key === 'string' ? createHash('sha256').update(key).digest('base64url').slice(0, 22) : '-'}`;
};

/** A connection for the counters, ready (or given up on after a second) before the first request counts. */
async function openCounterStore(url: string): Promise<Redis> {
  // Fail at once while Redis is away (the counters are then skipped): limits never take reads down with them.
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    connectionName: 'matchcast-rate-limit',
    retryStrategy: (times) => Math.min(50 * times, 1000),
  });
  redis.on('error', () => {});
  // An unreachable Redis is not fatal here: requests are counted once it comes back.
  await Promise.race([once(redis, 'ready').catch(() => undefined), setTimeout(1000)]);
  return redis;
}

type Count = { current: number; ttl: number };
type CountCallback = (error: Error | null, result?: Count) => void;
interface LocalStore {
  incr(key: string, callback: CountCallback, timeWindow: number, max: number): void;
}
const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  cache: number,
) => LocalStore;

/**
 * The plugin's memory store, answering with a copy of the count. Its own answer is the live counter object,
 * which the plugin reads only after an await: under a burst every request then sees the burst's final count,
 * and requests within the limit are refused too.
 */
class MemoryStore implements FastifyRateLimitStore {
  private readonly counts = new LocalStore(false, false, 10_000);
  incr(key: string, callback: CountCallback, timeWindow: number, max: number): void {
    this.counts.incr(
      key,
      (error, result) => callback(error, result && { current: result.current, ttl: result.ttl }),
      timeWindow,
      max,
    );
  }
  child(): FastifyRateLimitStore {
    return new MemoryStore();
  }
}

const rateLimited = (reply: FastifyReply, ttlSeconds: number, what: string) => {
  void reply.header('retry-after', String(Math.max(1, ttlSeconds)));
  return apiError('RATE_LIMITED', `${what}; retry in ${Math.max(1, ttlSeconds)} s`);
};

/** Helmet and CORS on every route, limits on /predict/* and on refused keys. Call before routes register. */
export async function installSecurity(app: FastifyInstance, settings: SecuritySettings = {}): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // Cross-origin reads are CORS's decision (below), not the resource policy's.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  const origins = settings.corsOrigins ?? [];
  if (origins.length > 0)
    await app.register(fastifyCors, {
      origin: [...origins],
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'x-api-key', 'x-request-id'],
      maxAge: 600,
    });

  const windowMs = settings.windowMs ?? 60_000;
  const redis = settings.redisUrl === undefined ? undefined : await openCounterStore(settings.redisUrl);
  if (redis) app.addHook('onClose', async () => void redis.disconnect());
  await app.register(fastifyRateLimit, {
    global: false,
    timeWindow: windowMs,
    skipOnError: true,
    ...(redis
      ? { redis, nameSpace: settings.redisPrefix ?? 'matchcast-rate-limit:' }
      : { store: MemoryStore }),
  });

  const failures = settings.authFailuresPerIpPerMinute;
  if (failures !== undefined) {
    const countFailure = app.createRateLimit({
      max: failures,
      keyGenerator: (request) => `fail:${request.ip}`,
    });
    app.decorate('keyRefused', async (request: FastifyRequest, reply: FastifyReply) => {
      const limit = await countFailure(request);
      return !limit.isAllowed && limit.isExceeded
        ? rateLimited(reply, limit.ttlInSeconds, 'too many wrong keys from this address')
        : apiError('UNAUTHORIZED');
    });
  }

  const limiters = [
    settings.rateLimitPerIpPerMinute === undefined
      ? null
      : {
          what: 'rate limit of this address reached',
          check: app.createRateLimit({
            max: settings.rateLimitPerIpPerMinute,
            keyGenerator: (request) => `ip:${request.ip}`,
          }),
        },
    settings.rateLimitPerMinute === undefined
      ? null
      : {
          what: 'rate limit of this key reached',
          check: app.createRateLimit({ max: settings.rateLimitPerMinute, keyGenerator: keyId }),
        },
  ].filter((limiter) => limiter !== null);
  if (limiters.length === 0) return;

  const limitedRoutes = new Set<string>();
  app.addHook('onRoute', (route) => {
    if (LIMITED_ROUTE.test(route.url)) limitedRoutes.add(route.url);
  });
  // Root-level, so it runs before the key check: guesses count against the address limit too.
  app.addHook('onRequest', async (request, reply) => {
    if (!limitedRoutes.has(request.routeOptions.url ?? '')) return;
    for (const { what, check } of limiters) {
      const limit = await check(request);
      if (!limit.isAllowed && limit.isExceeded) throw rateLimited(reply, limit.ttlInSeconds, what);
    }
  });
}
