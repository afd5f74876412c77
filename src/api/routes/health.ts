/** Liveness (/healthcheck/) and readiness (/readyz) probes. Open. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health, Readiness, type ReadinessCheck } from '../schemas/health.ts';
import type { RouteOptions } from '../services/api-services.ts';

const PING_TIMEOUT_MS = 1000;

export const healthRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.get(
    '/healthcheck/',
    {
      schema: {
        tags: ['health'],
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
        summary: 'Readiness: 200 when database, queue and caches are ready, else 503 naming what is not',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const [database, queue] = await Promise.all([
        services.db.ping(PING_TIMEOUT_MS).catch(() => false),
        services.queue.ping().catch(() => false),
      ]);
      const checks = { database, queue, caches: services.readModels.ready() };
      const missing = (Object.keys(checks) as ReadinessCheck[]).filter((k) => !checks[k]);
      if (missing.length === 0) return { status: 'ready' as const, checks, missing };
      return reply
        .code(503)
        .send({ status: 'not_ready' as const, checks, missing, detail: `not ready: ${missing.join(', ')}` });
    },
  );
};
