/**
 * What guards the API besides its keys: security headers with a Content-Security-Policy the dashboard passes,
 * CORS for configured origins only, rate limits on /predict/* (per key and per client address) and a cap on
 * wrong keys per address. Counters are synced through Redis when a URL is given, so every API process shares
 * them; in memory otherwise. The server's own limits (body, headers, timeouts) are SERVER_LIMITS, applied in app.ts.
 * docs/security.md describes all of it. Both run on every request, so both are built to cost little there
 * (ADR 0012): helmet's header set is computed once, one hook sets it and checks the limits, and the counters
 * are our own and never wait on Redis (window-counter.ts).
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { setTimeout } from 'node:timers/promises';
import fastifyCors, { type FastifyCorsOptionsDelegateCallback } from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { Redis } from 'ioredis';
import { type Clock, systemClock } from '../../domain/clock.ts';
import { type ApiError, apiError } from '../errors.ts';
import { KEYED_CACHE_CONTROL } from './auth.ts';
import {
  createMemoryCounter,
  createSharedCounter,
  type SharedCounter,
  type WindowCounter,
} from './window-counter.ts';

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
  /**
   * How often Node checks the two limits above (its default, 30 s, let a slow head last 21 s and a slow body 41 s
   * before the cut).
   */
  timeoutCheckMs: 1_000,
  /**
   * Requests one connection may carry, as nginx's `keepalive_requests`: the last is answered with
   * `Connection: close`, and any pipelined behind it is not run (503 `CONNECTION_SPENT`, which the closed
   * connection never delivers: the client sends it again on a new one). Node parses and dispatches every request
   * a client pipelines at once, so one client writing 200,000 requests in one go had them all in flight. Node's own
   * `maxRequestsPerSocket` answers the rest with bare 503s and keeps the connection open, reading more.
   */
  maxRequestsPerConnection: 1000,
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
  /**
   * Security headers on every answer (default true). Only benches set false, to measure what they cost
   * (bench/api.ts); no configuration variable reaches it.
   */
  readonly headers?: boolean | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The error for a request whose key was refused: 401, or 429 once its address has failed too often. */
    keyRefused?: (request: FastifyRequest, reply: FastifyReply) => Promise<ApiError>;
  }
}

/**
 * The dashboard is a Vite build: scripts and styles come from files, nothing inline. Charts and React set
 * styles through the DOM, which style-src does not govern. No upgrade-insecure-requests: the demo is plain
 * HTTP on a private address, and upgrading its requests would break it.
 */
const CONTENT_SECURITY_POLICY: HelmetOptions['contentSecurityPolicy'] = {
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

/**
 * The headers helmet sends for `options`, computed once. @fastify/helmet rebuilt helmet's middleware (parsing
 * the whole policy) on every request, about a tenth of a precomputed answer's CPU; with no per-request
 * directives (no nonces) the set is the same every time.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): readonly (readonly [string, string])[] {
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  helmet(options)(response.req, response, () => {});
  return Object.entries(response.getHeaders()).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : String(value)] as const],
  );
}

/** Sets each pair: no per-request `Object.keys` and keyed reads, as `reply.headers(record)` would make. */
export function setHeaders(reply: FastifyReply, headers: readonly (readonly [string, string])[]): void {
  for (const [name, value] of headers) void reply.header(name, value);
}

/** Our policy: the CSP above; cross-origin reads are CORS's decision (below), not the resource policy's. */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  crossOriginResourcePolicy: { policy: 'same-site' },
};

/**
 * The data routes' JSON answers: the two headers OWASP's REST guidance names for a document no browser renders,
 * no sniffing it into HTML or script and no framing. Each header costs Node a check and a write per answer
 * (ADR 0012, third amendment), so the rest stay on pages: HSTS belongs to the host, which browsers learn from
 * its pages or the TLS ingress; a cross-site page cannot read these answers without CORP (nosniff JSON is
 * blocked from no-cors reads, and /predict/* needs a key header no such read can send).
 */
const DATA_ANSWER_HEADERS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  crossOriginResourcePolicy: false,
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  strictTransportSecurity: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

/**
 * The data answers' two headers, computed once: set by the hook below on every data answer, and by app.ts on the
 * answers Node or Fastify make before any hook runs (a malformed request line, oversized headers, a timeout, a
 * URL that does not decode, an over-long parameter).
 */
export const DATA_HEADERS: readonly (readonly [string, string])[] = helmetHeaders(DATA_ANSWER_HEADERS);

type RouteKind = 'predict' | 'livescores' | 'other';

/**
 * What the protections make of a request's path, with or without /v1: a prediction (rate-limited, a data
 * answer), live scores (a data answer: the busiest routes, all JSON) or anything else (pages, errors, the rest,
 * with the whole header set). Read once per request, by prefix: no regular expression on the hot path. A target
 * the router reads differently from its text — percent-encoded (`/%70redict/…`) or in absolute form
 * (`http://host/predict/…`) — is first brought to the path the router matches, so writing it otherwise does not
 * step around the limits.
 */
export function routeKindOf(url: string): RouteKind {
  const path = url.charCodeAt(0) === SLASH && !url.includes('%') ? url : routedPath(url);
  const at = path.startsWith('/v1/') ? 3 : 0;
  if (path.startsWith('/predict/', at)) return 'predict';
  if (path.startsWith('/livescores/', at)) return 'livescores';
  return 'other';
}

const SLASH = 47;

/** The path of a request target as the router matches it: without scheme and host, percent-decoded. */
function routedPath(url: string): string {
  let path = url;
  if (path.charCodeAt(0) !== SLASH) {
    // Absolute form (RFC 9112 §3.2.2): the path starts at the first slash after the authority.
    const authority = path.indexOf('//');
    const slash = path.indexOf('/', authority < 0 ? 0 : authority + 2);
    path = slash < 0 ? '/' : path.slice(slash);
  }
  const query = path.indexOf('?');
  if (query >= 0) path = path.slice(0, query);
  try {
    return decodeURIComponent(path);
  } catch {
    // Not decodable: the router answers 400 before any route runs.
    return path;
  }
}

/** How a request is named for the per-key limit: a hash of its key, remembered for the few keys that recur. */
function keyIds(): (request: FastifyRequest) => string {
  const ids = new Map<string, string>();
  return (request) => {
    const key = request.headers['x-api-key'];
    if (typeof key !== 'string') return 'key:-';
    let id = ids.get(key);
    if (id === undefined) {
      // Hashed: a key never becomes a Redis key name or an entry anyone could list.
      id = `key:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
      // Keys come from clients, so the memo is bounded: a flood of wrong keys only empties it.
      if (ids.size >= 256) ids.clear();
      ids.set(key, id);
    }
    return id;
  };
}

/** A connection for the counters, ready (or given up on after a second) before the first request counts. */
async function openCounterStore(url: string): Promise<Redis> {
  // Fail at once while Redis is away (each process then counts alone): limits never take reads down with them.
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

/** A 429 says when to come back, and, like every answer about a key or an address, is the caller's alone. */
const rateLimited = (reply: FastifyReply, retryAfterSeconds: number, what: string) => {
  void reply.header('retry-after', String(retryAfterSeconds)).header('cache-control', KEYED_CACHE_CONTROL);
  return apiError('RATE_LIMITED', `${what}; retry in ${retryAfterSeconds} s`);
};

interface Limiter {
  readonly what: string;
  readonly keyOf: (request: FastifyRequest) => string;
  readonly counter: WindowCounter;
}

/** Counts the request against each limiter in turn: the 429 of the first one past its limit, else undefined. */
function checkLimits(
  limiters: readonly Limiter[],
  request: FastifyRequest,
  reply: FastifyReply,
): ApiError | undefined {
  for (const limiter of limiters) {
    const retryAfter = limiter.counter.hit(limiter.keyOf(request));
    if (retryAfter > 0) return rateLimited(reply, retryAfter, limiter.what);
  }
  return undefined;
}

/** Helmet and CORS on every route, limits on /predict/* and on refused keys. Call before routes register. */
export async function installSecurity(
  app: FastifyInstance,
  settings: SecuritySettings = {},
  clock: Clock = systemClock,
): Promise<void> {
  const windowMs = settings.windowMs ?? 60_000;
  const redis = settings.redisUrl === undefined ? undefined : await openCounterStore(settings.redisUrl);
  const prefix = settings.redisPrefix ?? 'matchcast-rate-limit:';
  const shared: SharedCounter[] = [];
  // Loud, once per change: while Redis is away every process counts on its own, so a limit holds per process.
  const onSyncChange = (error: Error | undefined) =>
    error
      ? app.log.error(
          { err: error },
          'rate-limit counters cannot reach Redis: each API process now counts alone',
        )
      : app.log.warn('rate-limit counters reach Redis again: counts are shared');
  const counter = (max: number, name: string): WindowCounter => {
    if (!redis) return createMemoryCounter({ clock, max, windowMs });
    const one = createSharedCounter({
      clock,
      max,
      windowMs,
      redis,
      prefix: `${prefix}${name}:`,
      onSyncChange,
    });
    shared.push(one);
    return one;
  };
  if (redis)
    app.addHook('onClose', async () => {
      await Promise.all(shared.map((one) => one.close()));
      redis.disconnect();
    });

  const failures = settings.authFailuresPerIpPerMinute;
  if (failures !== undefined) {
    const refused = counter(failures, 'fail');
    app.decorate('keyRefused', async (request: FastifyRequest, reply: FastifyReply) => {
      const retryAfter = refused.hit(request.ip);
      return retryAfter > 0
        ? rateLimited(reply, retryAfter, 'too many wrong keys from this address')
        : apiError('UNAUTHORIZED');
    });
  }

  const limiters: Limiter[] = [];
  if (settings.rateLimitPerIpPerMinute !== undefined)
    limiters.push({
      what: 'rate limit of this address reached',
      keyOf: (request) => request.ip,
      counter: counter(settings.rateLimitPerIpPerMinute, 'ip'),
    });
  if (settings.rateLimitPerMinute !== undefined)
    limiters.push({
      what: 'rate limit of this key reached',
      keyOf: keyIds(),
      counter: counter(settings.rateLimitPerMinute, 'key'),
    });

  // One root-level hook for both, so it runs before the key check (guesses count against the address limit
  // too) and costs one call per request. The path is read from the URL, not from request.routeOptions, which
  // builds a new object on every read; unknown paths under /predict/ count as well.
  // CORS preflights (OPTIONS) are not counted: a browser sends one before many of its requests.
  const headers =
    settings.headers === false ? undefined : { pages: helmetHeaders(HELMET_OPTIONS), data: DATA_HEADERS };
  const limited = limiters.length > 0;
  if (headers !== undefined || limited)
    app.addHook('onRequest', (request, reply, done) => {
      const kind = routeKindOf(request.url);
      if (headers !== undefined) setHeaders(reply, kind === 'other' ? headers.pages : headers.data);
      done(
        limited && kind === 'predict' && request.method !== 'OPTIONS'
          ? checkLimits(limiters, request, reply)
          : undefined,
      );
    });
  // After the hook above, so CORS's own answers (preflights) carry the security headers too.
  const origins = settings.corsOrigins ?? [];
  if (origins.length > 0) {
    const cors = {
      origin: [...origins],
      methods: ['GET', 'POST'],
      // A page on another origin may send and read what the documented contract has it use: the conditional GET
      // of the bulk routes (If-None-Match, ETag), Retry-After on 429 and 503, the request id. Without these a
      // browser refuses the preflight of a revalidation and hides the headers from the page.
      allowedHeaders: ['content-type', 'if-none-match', 'x-api-key', 'x-request-id'],
      exposedHeaders: ['etag', 'retry-after', 'x-request-id'],
      maxAge: 600,
    };
    const notCors = { ...cors, origin: false };
    // An OPTIONS request without Origin or Access-Control-Request-Method (or with one empty) is no preflight: it
    // gets the 405 (or 404) in the documented shape any unserved method gets, as Starlette's CORS middleware
    // leaves it to the app, instead of @fastify/cors's text/plain 400.
    const delegator: FastifyCorsOptionsDelegateCallback = (request, answer) => {
      const h = request.headers;
      const notPreflight = request.method === 'OPTIONS' && (!h.origin || !h['access-control-request-method']);
      answer(null, notPreflight ? notCors : cors);
    };
    await app.register(fastifyCors, { delegator });
  }
}
