/**
 * The queue view (Bull Board at /monitoring/queues) through the real Fastify app over real Redis: guarded by the
 * monitoring key (X-API-Key, or HTTP Basic for a browser), served under a CSP relaxed for styles only, listing a
 * task that really failed; a clear 404 without a BullMQ queue; and the page rendering in Chromium without a
 * CSP refusal.
 */
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { openQueueAdmin, type QueueAdmin } from '../../src/queue/queue-admin.ts';
import { QUEUE_NAME } from '../../src/queue/tasks.ts';
import { chromiumAvailable, launchBrowser } from '../e2e/support/browser.ts';
import { deleteRedisPrefix } from '../support/redis-server.ts';
import { REDIS_URL, redisAvailable, uniqueName } from '../support/services.ts';
import { type ApiFixture, createApiFixture } from '../unit/api/fixture.ts';

const KEY = 'monitor-key-queue-view';
const basic = (password: string) => `Basic ${Buffer.from(`ops:${password}`).toString('base64')}`;

describe.skipIf(!redisAvailable)('queue view', () => {
  const prefix = uniqueName('mctest');
  let admin: QueueAdmin;
  let f: ApiFixture;
  let failedId: string;

  beforeAll(async () => {
    admin = openQueueAdmin({ redisUrl: REDIS_URL, prefix });
    // A real BullMQ worker whose task throws: the failure the view must show.
    const worker = new Worker(
      QUEUE_NAME,
      async () => {
        throw new Error('boom for the queue view');
      },
      { connection: { url: REDIS_URL }, prefix },
    );
    const failed = new Promise<void>((resolve) => worker.once('failed', () => resolve()));
    const job = await admin.queue.add('predict', { match_id: 1 }, { attempts: 1 });
    failedId = job.id ?? '';
    await failed;
    await worker.close();
    f = await createApiFixture({ monitoringApiKey: KEY, queueAdmin: admin, artifacts: false });
  });
  afterAll(async () => {
    await f?.close();
    await admin?.close();
    await deleteRedisPrefix(REDIS_URL, prefix);
  });

  it('refuses without the key, asking a browser for Basic credentials', async () => {
    for (const headers of [{}, { 'x-api-key': 'wrong-key-123' }, { authorization: basic('wrong') }]) {
      const res = await f.app.inject({ url: '/monitoring/queues', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ detail: expect.any(String), code: 'UNAUTHORIZED' });
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm="Matchcast monitoring"/);
    }
    const api = await f.app.inject({ url: '/monitoring/queues/api/queues' });
    expect(api.statusCode).toBe(401);
    // Basic auth is the queue view's door only; the JSON monitoring routes keep X-API-Key.
    const drift = await f.app.inject({ url: '/monitoring/drift', headers: { authorization: basic(KEY) } });
    expect(drift.statusCode).toBe(401);
  });

  it('serves the page with the key, under a CSP relaxed for inline styles only', async () => {
    for (const headers of [{ 'x-api-key': KEY }, { authorization: basic(KEY) }]) {
      const res = await f.app.inject({ url: '/monitoring/queues', headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<base href="/monitoring/queues/"');
      expect(res.body).not.toContain('fonts.googleapis.com');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("script-src 'self';");
    }
    const strict = await f.app.inject({ url: '/monitoring/drift', headers: { 'x-api-key': KEY } });
    expect(String(strict.headers['content-security-policy'])).toMatch(/style-src 'self'(;|$)/);
  });

  it('lists the failed task through its API', async () => {
    const res = await f.app.inject({
      url: `/monitoring/queues/api/queues?activeQueue=${QUEUE_NAME}&status=failed&page=1`,
      headers: { 'x-api-key': KEY },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      queues: { name: string; jobs: { id: string; failedReason: string }[] }[];
    };
    const queue = body.queues.find((q) => q.name === QUEUE_NAME);
    expect(queue?.jobs.map((j) => [j.id, j.failedReason])).toEqual([[failedId, 'boom for the queue view']]);
  });

  it('answers hostile board requests in the API error shape, never 500', async () => {
    const headers = { 'x-api-key': KEY };
    // Bull Board bounds its page from below only; past 1e21 Redis was sent a range it refuses.
    const page = await f.app.inject({
      url: `/monitoring/queues/api/queues?activeQueue=${QUEUE_NAME}&status=completed&page=99999999999999999999`,
      headers,
    });
    expect(page.statusCode).toBe(422);
    expect(page.json()).toEqual({
      detail: [
        {
          loc: ['query', 'page'],
          msg: 'Input should be less than or equal to 1000000',
          type: 'less_than_equal',
        },
      ],
      code: 'VALIDATION_FAILED',
    });
    // The board's own error handler answered an unreadable body with 500 INTERNAL.
    const body = await f.app.inject({
      method: 'PUT',
      url: `/monitoring/queues/api/queues/${QUEUE_NAME}/pause`,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: 'not json',
    });
    expect(body.statusCode).toBe(422);
    expect(body.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: [{ type: 'json_invalid' }] });
    // A file the board does not have is not found; it read "GET is not allowed … allowed: GET, HEAD".
    const missing = await f.app.inject({ url: '/monitoring/queues/static/nonexist.js', headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it("refuses changes another site's page could send with the browser's credentials", async () => {
    const add = (headers: Record<string, string>) =>
      f.app.inject({
        method: 'POST',
        url: `/monitoring/queues/api/queues/${QUEUE_NAME}/add`,
        headers: { authorization: basic(KEY), ...headers },
        payload: JSON.stringify({ name: 'forged', data: {}, options: {} }),
      });
    const waitingBefore = await admin.queue.getWaitingCount();
    // sendBeacon: a POST with no Content-Type, no preflight; or a form-like type; or any JSON marked cross-site.
    for (const headers of [
      {} as Record<string, string>,
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    ]) {
      const res = await add(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json()).toMatchObject({ code: 'CROSS_SITE_WRITE' });
    }
    const paused = await f.app.inject({
      method: 'PUT',
      url: `/monitoring/queues/api/queues/${QUEUE_NAME}/pause`,
      headers: { authorization: basic(KEY), 'sec-fetch-site': 'cross-site' },
    });
    expect(paused.statusCode).toBe(403);
    expect(await admin.queue.getWaitingCount()).toBe(waitingBefore);
    // The board's own page (same origin) and a tool (no Sec-Fetch-Site) still may.
    const own = await add({ 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' });
    expect(own.statusCode).toBe(200);
    for (const job of await admin.queue.getWaiting()) if (job.name === 'forged') await job.remove();
  });

  it('answers 404 with the reason when the queue is in-process', async () => {
    // The same services without a BullMQ queue, as an API without REDIS_URL assembles them.
    const inline = await buildApp({ ...f.services, queueAdmin: undefined });
    try {
      for (const url of ['/monitoring/queues', '/monitoring/queues/api/queues']) {
        const res = await inline.inject({ url, headers: { 'x-api-key': KEY } });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({
          detail: expect.stringContaining('BullMQ'),
          code: 'QUEUE_VIEW_UNAVAILABLE',
        });
      }
      expect((await inline.inject({ url: '/monitoring/queues' })).statusCode).toBe(401);
    } finally {
      await inline.close();
    }
  });

  it.skipIf(!chromiumAvailable)('renders in Chromium with no CSP refusal', async () => {
    const url = await f.app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await launchBrowser({ httpCredentials: { username: 'ops', password: KEY } });
    try {
      const page = await browser.context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${url}/monitoring/queues/queue/${QUEUE_NAME}?status=failed`);
      await page.getByText('boom for the queue view').first().waitFor({ timeout: 15_000 });
      expect(problems.filter((p) => /content security policy/i.test(p))).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
