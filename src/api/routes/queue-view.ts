/**
 * /monitoring/queues: Bull Board over the BullMQ `ml` queue (waiting, active, failed tasks, with their data and
 * errors). Guarded by MONITORING_API_KEY like every /monitoring/* route; a browser sends the key as the password
 * of HTTP Basic auth (plugins/auth.ts), which it asks for once. With no monitoring key the view is open like the
 * other monitoring routes, so it is read-only then: nobody unauthenticated may retry or delete tasks. With the
 * in-process queue there is nothing to show: 404 QUEUE_VIEW_UNAVAILABLE.
 */
import type { HTTPStatus } from '@bull-board/api/typings/app';
import type { FastifyPluginAsync } from 'fastify';
import { apiError, schemaFailure } from '../errors.ts';
import { requireApiKey } from '../plugins/auth.ts';
import { errorAnswer } from '../plugins/errors.ts';
import { allowInlineStyles } from '../plugins/security.ts';
import type { RouteOptions } from '../services/api-services.ts';

export const QUEUE_VIEW_PREFIX = '/monitoring/queues';

const CSP = 'content-security-policy';
/** Bull Board's page fetches its fonts from Google; we call no third party, and the page falls back to system fonts. */
const THIRD_PARTY_FONTS = /<link[^>]*fonts\.googleapis\.com[^>]*>/g;
/**
 * Bull Board checks that its paging parameters are whole numbers of at least 1, not how large: from 1e21 on,
 * BullMQ sends Redis a range in exponent notation, which Redis refuses (a 500). No page of the board comes near.
 */
const MAX_PAGING = 1_000_000;
const PAGING = ['page', 'jobsPerPage'] as const;

export const queueViewRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services }) => {
  const { queueAdmin, monitoringApiKey, logger } = services;
  app.addHook('onRequest', requireApiKey(monitoringApiKey, { basicRealm: 'Matchcast monitoring' }));

  if (queueAdmin === undefined) {
    const unavailable = async () => {
      throw apiError('QUEUE_VIEW_UNAVAILABLE');
    };
    app.get('/', { schema: { hide: true } }, unavailable);
    app.get('/*', { schema: { hide: true } }, unavailable);
    return;
  }

  // A browser sends the Basic credentials it holds with a request another site's page makes, and a POST without
  // a Content-Type needs no preflight: a page an operator visits could have added tasks. A change must be JSON
  // (what the board's page sends) and not come from another site (Sec-Fetch-Site, sent by every current browser).
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const site = request.headers['sec-fetch-site'];
    const type = request.headers['content-type'] ?? '';
    const json = type.toLowerCase().startsWith('application/json');
    if (site === 'cross-site' || site === 'same-site' || (request.method === 'POST' && !json))
      throw apiError('CROSS_SITE_WRITE');
  });

  app.addHook('onRequest', async (request) => {
    const query = request.query as Record<string, unknown>;
    const name = PAGING.find((one) => Number(query[one]) > MAX_PAGING);
    if (name !== undefined)
      throw schemaFailure('querystring', [
        { keyword: 'maximum', instancePath: `/${name}`, params: { comparison: '<=', limit: MAX_PAGING } },
      ]);
  });

  // Bull Board's HTML sets inline styles (its loading placeholder), which the strict policy refuses; scripts
  // stay 'self'. Relaxed on this prefix only: the API and the dashboard keep the strict policy.
  app.addHook('onSend', async (_request, reply, payload) => {
    const policy = reply.getHeader(CSP);
    if (typeof policy === 'string') void reply.header(CSP, allowInlineStyles(policy));
    const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    return html && typeof payload === 'string' ? payload.replace(THIRD_PARTY_FONTS, '') : payload;
  });

  // Loaded only here: Bull Board and its template engine take about a second to import on a busy machine, a cost
  // every other command (and an API without Redis) should not pay.
  const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter }] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/fastify'),
  ]);
  const adapter = new FastifyAdapter();
  createBullBoard({
    queues: [new BullMQAdapter(queueAdmin.queue, { readOnlyMode: monitoringApiKey === undefined })],
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Matchcast queue' } },
  });
  adapter.setBasePath(QUEUE_VIEW_PREFIX);
  // Errors inside the board's routes (the key check's 401/429, an unreadable body) as the rest of the API answers
  // them, never a stack trace.
  adapter.setErrorHandler((error) => {
    const answer = errorAnswer(error);
    if (answer.status >= 500) logger.error({ err: answer.logged }, `queue view failed: ${answer.message}`);
    // Bull Board's type lists only the statuses its own handlers answer; the Fastify adapter sends any.
    return { status: answer.status as HTTPStatus, body: answer.body };
  });
  await app.register(adapter.registerPlugin());
};
