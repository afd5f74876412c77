/**
 * Probes, open (docs/observability.md): /livez (the process answers), /readyz (it can serve: database and
 * artifacts usable; a queue outage only degrades it, since precomputed reads need no Redis) and the reference
 * contract's /healthcheck/.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OPEN } from '../schemas/common.ts';
import {
  Health,
  Liveness,
  REQUIRED_FOR_READINESS,
  Readiness,
  type ReadinessCheck,
} from '../schemas/health.ts';
import type { RouteOptions } from '../services/api-services.ts';

const PING_TIMEOUT_MS = 1000;

export const healthRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.get(
    '/livez',
    {
      schema: {
        tags: ['health'],
        security: OPEN,
        operationId: 'getLiveness',
        summary:
          'Liveness: 200 while the process answers (checks nothing else, so a dependency outage never restarts it)',
        response: { 200: Liveness },
      },
    },
    async () => ({ status: 'alive' as const }),
  );

  app.get(
    '/healthcheck/',
    {
      schema: {
        tags: ['health'],
        security: OPEN,
        operationId: 'getHealth',
        summary: 'Liveness: 200 while the process runs; status degraded when the database does not answer',
        response: { 200: Health },
      },
    },
    async () => {
      const database = await services.db.ping(PING_TIMEOUT_MS).catch(() => false);
      return {
        status: database ? ('healthy' as const) : ('degraded' as const),
        version: services.version,
        worker_pid: process.pid,
        memory_usage_mb: Math.round((process.memoryUsage.rss() / 1048576) * 10) / 10,
        database,
      };
    },
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        security: OPEN,
        operationId: 'getReadiness',
        summary:
          'Readiness: 200 while the caches serve (status degraded during a database or queue outage: the routes needing it answer 503), else 503',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const [database, queue] = await Promise.all([
        services.db.ping(PING_TIMEOUT_MS).catch(() => false),
        services.queue.ping().catch(() => false),
      ]);
      const checks = { database, queue, caches: services.readModels.ready() };
      const failing = (Object.keys(checks) as ReadinessCheck[]).filter((k) => !checks[k]);
      const missing = failing.filter((k) => REQUIRED_FOR_READINESS.includes(k));
      const degraded = failing.filter((k) => !REQUIRED_FOR_READINESS.includes(k));
      if (missing.length === 0)
        return {
          status: degraded.length === 0 ? ('ready' as const) : ('degraded' as const),
          checks,
          missing,
          degraded,
        };
      return reply.code(503).send({
        status: 'not_ready' as const,
        checks,
        missing,
        degraded,
        detail: `not ready: ${missing.join(', ')}`,
      });
    },
  );
};
