/**
 * The HTTP API as a Fastify instance built from injected services. It never listens: the `api` command does,
 * and tests call `app.inject()`. Every route answers at its path and again under /v1; trailing slashes are
 * optional; unknown query parameters and body fields are refused (Ajv with removeAdditional off).
 *
 * @example
 *   const app = await buildApp(services);
 *   const res = await app.inject({ url: '/healthcheck/' });
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  LogController,
} from 'fastify';
import { installErrorHandling } from './plugins/errors.ts';
import { installRequestLogging } from './plugins/logging.ts';
import { installMetrics } from './plugins/metrics.ts';
import { installRequestId, requestIdOf } from './plugins/request-id.ts';
import { healthRoutes } from './routes/health.ts';
import { livescoreRoutes } from './routes/livescores.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { monitoringRoutes } from './routes/monitoring.ts';
import { predictRoutes } from './routes/predict.ts';
import { uiRoutes } from './routes/ui.ts';
import { ErrorBody, ValidationErrorBody } from './schemas/common.ts';
import type { ApiServices, RouteOptions } from './services/api-services.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const API_PREFIX = '/v1';

const contractRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services }) => {
  const options = { services };
  await app.register(healthRoutes, options);
  await app.register(metricsRoutes, options);
  await app.register(livescoreRoutes, options);
  await app.register(predictRoutes, { ...options, prefix: '/predict' });
  await app.register(monitoringRoutes, { ...options, prefix: '/monitoring' });
};

export async function buildApp(services: ApiServices): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    genReqId: requestIdOf,
    // No child logger per request: creating one costs more than the request itself at 30k req/s and lengthens
    // the latency tail. Our own lines carry request_id explicitly (plugins/logging.ts, plugins/errors.ts).
    childLoggerFactory: (logger) => logger,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installRequestId(app);
  installRequestLogging(app);
  installMetrics(app, services.metrics);
  installErrorHandling(app);
  app.addSchema(ErrorBody);
  app.addSchema(ValidationErrorBody);

  // The /v1 copies and the UI files stay out of the OpenAPI document: one entry per route is enough.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(`${API_PREFIX}/`) || route.url === API_PREFIX)
      route.schema = { ...route.schema, hide: true };
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Matchcast API',
        version: services.version,
        description: 'Soccer match outcome forecasts. Every route also answers under /v1.',
      },
      components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const options: RouteOptions = { services };
  await app.register(contractRoutes, options);
  await app.register(contractRoutes, { ...options, prefix: API_PREFIX });
  await app.register(uiRoutes, options);
  return app;
}
