/** GET /metrics: the Prometheus text exposition. Open. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OPEN } from '../schemas/common.ts';
import type { RouteOptions } from '../services/api-services.ts';

export const metricsRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { registry } = services.metrics;
  const text = services.metricsText ?? (() => registry.metrics());
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['monitoring'],
        security: OPEN,
        operationId: 'getMetrics',
        summary: 'Prometheus metrics',
        response: {
          200: {
            description: 'the Prometheus text exposition format',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    async (_request, reply) => reply.type(registry.contentType).send(await text()),
  );
};
