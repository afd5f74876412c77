/**
 * The API's protections through the real app: security headers and CSP, CORS only for listed origins, the
 * /predict/* rate limits per key and per address (memory and Redis counters), wrong keys capped per address,
 * the limit's accuracy under 32 connections (autocannon), and keys never reaching the logs.
 */
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import type { SecuritySettings } from '../../src/api/plugins/security.ts';
import type { ApiServices } from '../../src/api/services/api-services.ts';
import { REDIS_URL, redisAvailable, uniqueName } from '../support/services.ts';
import { API_KEY, type ApiFixture, createApiFixture } from '../unit/api/fixture.ts';

const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  headers: Record<string, string>;
  connections: number;
  duration: number;
}) => Promise<{ '2xx': number; non2xx: number; errors: number }>;

let base: ApiFixture;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  base = await createApiFixture();
}, 180_000);
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await base?.close();
});

/** The real app over the shared fixture's services, with these protections. */
async function appWith(security?: SecuritySettings, extra: Partial<ApiServices> = {}) {
  const app = await buildApp({ ...base.services, ...extra, security });
  await app.ready();
  apps.push(app);
  return app;
}

const precomputed = (app: FastifyInstance, key = API_KEY, remoteAddress = '127.0.0.1') =>
  app.inject({ url: '/predict/precomputed/1000', headers: { 'x-api-key': key }, remoteAddress });

describe('security headers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith();
  });

  it('sends a CSP, nosniff and frame refusal on API answers and on errors', async () => {
    for (const url of ['/healthcheck/', '/no-such-route', '/']) {
      const res = await app.inject({ url });
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
  });

  it("sends helmet's whole set, with exactly the policy the dashboard passes", async () => {
    const res = await app.inject({ url: '/' });
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self';base-uri 'self';connect-src 'self';font-src 'self' data:;form-action 'self';" +
        "frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';" +
        "script-src-attr 'none';style-src 'self'",
    );
    expect(res.headers).toMatchObject({
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-site',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    });
  });

  it('sends the short set on the data routes: no sniffing, no framing', async () => {
    for (const url of [
      '/predict/precomputed/1000',
      '/v1/predict/cards/',
      '/livescores/',
      '/predict/no-such',
    ]) {
      const res = await app.inject({ url, headers: { 'x-api-key': API_KEY } });
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      for (const pageOnly of ['strict-transport-security', 'cross-origin-resource-policy', 'referrer-policy'])
        expect(res.headers[pageOnly], `${url} ${pageOnly}`).toBeUndefined();
    }
  });

  it('keeps the dashboard policy strict: no inline script or style', async () => {
    const csp = String((await app.inject({ url: '/' })).headers['content-security-policy']);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('relaxes the policy for the Swagger UI on its own pages only: inline styles, never inline scripts', async () => {
    for (const url of ['/docs/', '/docs/static/index.css']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-security-policy'], url).toContain("style-src 'self' 'unsafe-inline'");
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self';");
    }
    expect((await app.inject({ url: '/docs/json' })).json().openapi).toMatch(/^3\./);
  });
});

describe('CORS', () => {
  const preflight = (app: FastifyInstance, origin: string) =>
    app.inject({
      method: 'OPTIONS',
      url: '/predict/cards/',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-api-key',
      },
    });

  it('is off by default: no origin is allowed', async () => {
    const app = await appWith();
    const res = await app.inject({ url: '/healthcheck/', headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(
      (await preflight(app, 'https://evil.example')).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });

  it('allows exactly the listed origins', async () => {
    const app = await appWith({ corsOrigins: ['https://app.example'] });
    const ok = await preflight(app, 'https://app.example');
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(String(ok.headers['access-control-allow-headers'])).toContain('x-api-key');
    expect(
      (await preflight(app, 'https://evil.example')).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });

  it("lets a listed origin's page revalidate a bulk answer and read ETag, Retry-After and the request id", async () => {
    const app = await appWith({ corsOrigins: ['https://app.example'] });
    const origin = 'https://app.example';
    const ok = await app.inject({
      method: 'OPTIONS',
      url: '/predict/cards/',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-api-key,if-none-match',
      },
    });
    expect(String(ok.headers['access-control-allow-headers']).split(/,\s*/)).toContain('if-none-match');
    const headers = { origin, 'x-api-key': API_KEY };
    const first = await app.inject({ url: '/predict/cards/', headers });
    const exposed = String(first.headers['access-control-expose-headers']).split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['etag', 'retry-after', 'x-request-id']));
    // A cache must key the answer by Origin as well as by coding: Vary names both (it lost Origin).
    expect(String(first.headers.vary).toLowerCase().split(/,\s*/)).toEqual(['origin', 'accept-encoding']);
    const again = await app.inject({
      url: '/predict/cards/',
      headers: { ...headers, 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('answers an OPTIONS that is no preflight as any unserved method: 405 or 404 in the error shape', async () => {
    const app = await appWith({ corsOrigins: ['https://app.example'] });
    for (const headers of [
      {},
      { origin: 'https://app.example' },
      { 'access-control-request-method': 'GET' },
      { origin: '', 'access-control-request-method': 'GET' },
    ]) {
      const res = await app.inject({ method: 'OPTIONS', url: '/predict/cards/', headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    }
    const unknown = await app.inject({ method: 'OPTIONS', url: '/no/such/path' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });
});

describe('rate limits on /predict/*', () => {
  it('answers 429 with Retry-After and the error shape past the per-address limit', async () => {
    const app = await appWith({ rateLimitPerIpPerMinute: 5 });
    for (let i = 0; i < 5; i++) expect((await precomputed(app)).statusCode).toBe(200);
    const res = await precomputed(app);
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // The caller's alone, as every answer about its key or address.
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.json()).toEqual({ detail: expect.stringMatching(/address/), code: 'RATE_LIMITED' });
    // Another address has its own allowance; routes outside /predict/* are never limited.
    expect((await precomputed(app, API_KEY, '10.0.0.2')).statusCode).toBe(200);
    expect((await app.inject({ url: '/healthcheck/' })).statusCode).toBe(200);
    expect(
      (await app.inject({ url: '/v1/predict/precomputed/1000', headers: { 'x-api-key': API_KEY } }))
        .statusCode,
    ).toBe(429);
    // The same route spelt otherwise is the same route: percent-encoded, it was answered 200 past the limit.
    const encoded = await app.inject({
      url: '/%70redict/precomputed/1000',
      headers: { 'x-api-key': API_KEY },
    });
    expect(encoded.statusCode).toBe(429);
  });

  it('keys the per-address limit on X-Forwarded-For only behind a trusted proxy (TRUST_PROXY)', async () => {
    const viaIngress = (app: FastifyInstance, client: string) =>
      app.inject({
        url: '/predict/precomputed/1000',
        headers: { 'x-api-key': API_KEY, 'x-forwarded-for': client },
        remoteAddress: '10.1.0.7',
      });
    const statuses = async (app: FastifyInstance, clients: readonly string[]) => {
      const out = [];
      for (const client of clients) out.push((await viaIngress(app, client)).statusCode);
      return out;
    };
    const clients = ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.3'];
    // Trusted ingress: each client behind it has its own allowance.
    const trusted = await appWith({ rateLimitPerIpPerMinute: 2, trustProxy: '10.1.0.0/16' });
    expect(await statuses(trusted, clients)).toEqual([200, 200, 429, 200, 200]);
    // Not trusted (the default): the header is ignored, every request counts against the proxy's address, and
    // a client cannot dodge the limit by inventing a header.
    const untrusted = await appWith({ rateLimitPerIpPerMinute: 2 });
    expect(await statuses(untrusted, clients)).toEqual([200, 200, 429, 429, 429]);
    // A proxy outside the trusted list does not get to name the client either.
    const elsewhere = await appWith({ rateLimitPerIpPerMinute: 2, trustProxy: '192.168.0.0/16' });
    expect(await statuses(elsewhere, clients)).toEqual([200, 200, 429, 429, 429]);
  });

  it('limits a key across addresses', async () => {
    const app = await appWith({ rateLimitPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await precomputed(app, API_KEY, `10.0.0.${i}`)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('caps wrong keys per address: 5,000 guesses do not all get 401, and the right key still works', async () => {
    const app = await appWith({ authFailuresPerIpPerMinute: 50 });
    const statuses = await Promise.all(
      Array.from({ length: 5000 }, (_, i) =>
        precomputed(app, `guess-${i}-abcdefgh`).then((r) => r.statusCode),
      ),
    );
    const histogram: Record<number, number> = {};
    for (const s of statuses) histogram[s] = (histogram[s] ?? 0) + 1;
    expect(histogram).toEqual({ 401: 50, 429: 4950 });
    const refused = await precomputed(app, 'one-more-guess');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.headers['cache-control']).toBe('private, no-cache');
    expect((await precomputed(app)).statusCode).toBe(200);
    // Another address is not punished for this one's guesses.
    expect((await precomputed(app, 'wrong-key-elsewhere', '10.9.9.9')).statusCode).toBe(401);
  });

  it('holds within 5 % of its rate under 32 connections', async () => {
    const windowMs = 1000;
    const max = 100;
    const app = await buildApp({ ...base.services, security: { rateLimitPerMinute: max, windowMs } });
    apps.push(app);
    // When each accepted request arrived (and was counted): the accepted requests of one window come in one burst.
    // Arrival, not answer: on a loaded machine answers lag, and one window's late answers ran into the next's.
    const accepted: number[] = [];
    app.addHook('onResponse', (_request, reply, done) => {
      if (reply.statusCode === 200) accepted.push(performance.now() - reply.elapsedTime);
      done();
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const result = await autocannon({
      url: `${address}/predict/precomputed/1000`,
      headers: { 'x-api-key': API_KEY },
      connections: 32,
      duration: 5,
    });
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBeGreaterThan(result['2xx']);
    const windows: number[] = [];
    let opened = Number.NEGATIVE_INFINITY;
    for (const t of accepted.sort((a, b) => a - b)) {
      if (t - opened >= windowMs * 0.9) {
        windows.push(0);
        opened = t;
      }
      windows[windows.length - 1] = (windows.at(-1) ?? 0) + 1;
    }
    expect(windows.length).toBeGreaterThanOrEqual(4);
    // Never more than the limit; each window but the first (warm-up) and the last (cut short) fills to it.
    for (const count of windows) expect(count).toBeLessThanOrEqual(max);
    const full = windows.slice(1, -1);
    const rate = full.reduce((a, b) => a + b, 0) / full.length;
    expect(Math.abs(rate - max), `accepted per window: ${windows.join(', ')}`).toBeLessThanOrEqual(
      max * 0.05,
    );
  }, 30_000);
});

describe.skipIf(!redisAvailable)('rate limits with Redis counters', () => {
  it('shares one allowance between API processes', async () => {
    const security = { rateLimitPerIpPerMinute: 4, redisUrl: REDIS_URL, redisPrefix: `${uniqueName('rl')}:` };
    const a = await appWith(security);
    const b = await appWith(security);
    const statuses = [];
    for (const app of [a, b, a, b, a, b]) {
      statuses.push((await precomputed(app)).statusCode);
      // Processes learn each other's counts at their next sync (every 100 ms), never during a request.
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('counts in each process while Redis does not answer, and says so in the log, instead of failing', async () => {
    let text = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    const app = await appWith(
      { rateLimitPerIpPerMinute: 1, redisUrl: 'redis://127.0.0.1:1' },
      { logger: pino({ level: 'warn' }, sink) },
    );
    expect((await precomputed(app)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await precomputed(app)).statusCode).toBe(429);
    expect(text).toContain('rate-limit counters cannot reach Redis');
  });
});

describe('keys in logs', () => {
  it('never writes a key, right or wrong, to the log', async () => {
    let text = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    const app = await appWith(undefined, { logger: pino({ level: 'trace' }, sink) });
    await precomputed(app);
    await precomputed(app, 'a-wrong-key-0123456789');
    await app.inject({ url: '/predict/1000?stage=bogus', headers: { 'x-api-key': API_KEY } });
    expect(text).toContain('"status_code":401');
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('a-wrong-key-0123456789');
  });
});
