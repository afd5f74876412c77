/**
 * The HTTP API as a Fastify instance built from injected services. It never listens: the `api` command does,
 * and tests call `app.inject()`. Every route answers at its path and again under /v1; trailing slashes are
 * optional; unknown query parameters and body fields are refused (Ajv with removeAdditional off).
 *
 * @example
 *   const app = await buildApp(services);
 *   const res = await app.inject({ url: '/healthcheck/' });
 */

import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { AjvCompiler } from '@fastify/ajv-compiler';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { PACKAGE_LICENSE } from '../config/package-files.ts';
import { type ApiError, apiError } from './errors.ts';
import { documentRoute } from './openapi-extras.ts';
import { installBodyParsing } from './plugins/body-parsing.ts';
import { installErrorHandling } from './plugins/errors.ts';
import { installRequestLogging } from './plugins/logging.ts';
import { installMetrics } from './plugins/metrics.ts';
import { installRequestId, requestIdOf } from './plugins/request-id.ts';
import {
  allowInlineStyles,
  DATA_HEADERS,
  installSecurity,
  routeKindOf,
  SERVER_LIMITS,
  setHeaders,
} from './plugins/security.ts';
import { installTextValueChecks } from './plugins/text-values.ts';
import { installTracing } from './plugins/tracing.ts';
import { healthRoutes } from './routes/health.ts';
import { livescoreRoutes } from './routes/livescores.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { monitoringRoutes } from './routes/monitoring.ts';
import { predictRoutes } from './routes/predict.ts';
import { QUEUE_VIEW_PREFIX, queueViewRoutes } from './routes/queue-view.ts';
import { uiRoutes } from './routes/ui.ts';
import { ErrorBody, NoQuery, ValidationErrorBody } from './schemas/common.ts';
import type { ApiServices, RouteOptions } from './services/api-services.ts';

export const API_PREFIX = '/v1';

/**
 * The errors a route can answer whatever it does (docs/api.md "Errors"), declared in its OpenAPI entry: 400 for a
 * URL that does not decode or a bad Content-Length, 414 for a path parameter over the length limit, 413 for a
 * body over the size limit, 429 from the rate limits and the wrong-key cap on /predict/*, 503 while the server
 * shuts down. (405 and 431 are answered before any route is chosen.)
 */
function routeErrors(url: string, methods: readonly string[]): Record<number, typeof ErrorBody> {
  const statuses = [
    400,
    ...(url.includes('/:') ? [414] : []),
    ...(methods.some((m) => m === 'POST' || m === 'PUT' || m === 'PATCH') ? [413] : []),
    ...(routeKindOf(url) === 'predict' ? [429] : []),
    503,
  ];
  return Object.fromEntries(statuses.map((status) => [status, ErrorBody]));
}

const contractRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services }) => {
  const options = { services };
  await app.register(healthRoutes, options);
  await app.register(metricsRoutes, options);
  await app.register(livescoreRoutes, options);
  await app.register(predictRoutes, { ...options, prefix: '/predict' });
  await app.register(monitoringRoutes, { ...options, prefix: '/monitoring' });
};

/** Errors Fastify raises before routing (a malformed URL encoding, an over-long path parameter): our shape. */
function frameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = error.statusCode === 414 ? apiError('URI_TOO_LONG') : apiError('BAD_REQUEST', error.message);
  setHeaders(reply, DATA_HEADERS);
  void reply.code(known.status).send({ detail: known.detail, code: known.code });
}

/** The early answers' header lines, written once. */
const EARLY_HEADER_LINES = DATA_HEADERS.map(([name, value]) => `${name}: ${value}\r\n`).join('');

/** What Node's parser refused, as the API names it. */
function clientErrorOf(code: string | undefined): ApiError {
  if (code === 'HPE_HEADER_OVERFLOW') return apiError('HEADERS_TOO_LARGE');
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return apiError('REQUEST_TIMEOUT');
  return apiError('BAD_REQUEST');
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers too large, a broken request line): a
 * complete answer in the documented shape that says the connection closes, so a keep-alive client knows.
 */
function clientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  const known = clientErrorOf(error.code);
  const body = JSON.stringify({ detail: known.detail, code: known.code });
  socket.end(
    `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${EARLY_HEADER_LINES}Connection: close\r\n\r\n${body}`,
  );
  // A client that never closes its side (a slow-loris cut off by the timeouts) would keep the socket half-open,
  // and its descriptor held, for as long as it liked: it gets CLIENT_CLOSE_MS to read the answer and go.
  socket.setTimeout(CLIENT_CLOSE_MS, () => socket.destroy());
}

/** How long a refused client may keep its half of the connection open after the answer. */
const CLIENT_CLOSE_MS = 5_000;

/**
 * Requests the server will not serve, in the documented shape and with `Connection: close`: any new request on a
 * stopping server (503, so clients retry elsewhere at once), an HTTP/1.1 request without Host (400, RFC 9112
 * §3.2), which Node would refuse itself with an empty body (`requireHostHeader: false` below hands it here), and
 * a request pipelined behind a connection's last (`SERVER_LIMITS.maxRequestsPerConnection`; that last one is
 * answered as usual, saying the connection closes).
 */
function refuseUnservable(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  const carried = new WeakMap<object, number>();
  // A callback hook, not an async one: it runs on every request, and an async hook costs a promise and a
  // microtask each time for the rare answer it gives.
  app.addHook('onRequest', (request, reply, done) => {
    const { raw } = request;
    const count = (carried.get(raw.socket) ?? 0) + 1;
    carried.set(raw.socket, count);
    const spent = count > SERVER_LIMITS.maxRequestsPerConnection;
    const hostless =
      raw.headers.host === undefined && raw.httpVersionMajor === 1 && raw.httpVersionMinor === 1;
    if (!closing && !hostless && !spent) {
      if (count === SERVER_LIMITS.maxRequestsPerConnection) reply.header('connection', 'close');
      done();
      return;
    }
    const known = closing
      ? apiError('SHUTTING_DOWN')
      : spent
        ? apiError('CONNECTION_SPENT')
        : apiError('BAD_REQUEST', 'an HTTP/1.1 request needs a Host header');
    // Answered here: the request goes no further (done is not called), so the security hook (registered after
    // this one) never runs: the data answers' headers are set here, as on the other early answers.
    setHeaders(reply, DATA_HEADERS);
    void reply
      .code(known.status)
      .header('connection', 'close')
      .send({ detail: known.detail, code: known.code });
  });
}

/** Ajv for every request part: unknown fields refused, every issue reported, defaults filled in. */
const AJV_OPTIONS = { removeAdditional: false, useDefaults: true, allErrors: true } as const;

/**
 * Validators that coerce text but not JSON: a query, path or header value is text, so "5" is read as 5 there,
 * while a JSON body carries its own types, and Ajv's coercion would read `null`, `true` or `[5]` as a match id
 * (0, 1, 5). Bodies are validated as sent.
 */
function textCoercedJsonTyped() {
  const fromPool = AjvCompiler();
  return (externalSchemas: Parameters<typeof fromPool>[0]) => {
    const text = fromPool(externalSchemas, { customOptions: { ...AJV_OPTIONS, coerceTypes: 'array' } });
    const json = fromPool(externalSchemas, { customOptions: { ...AJV_OPTIONS, coerceTypes: false } });
    return (route: Parameters<typeof text>[0]) => (route.httpPart === 'body' ? json : text)(route);
  };
}

export async function buildApp(services: ApiServices): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    genReqId: requestIdOf,
    // No child logger per request: creating one costs more than the request itself at 30k req/s and lengthens
    // the latency tail. Our own lines carry request_id explicitly (plugins/logging.ts, plugins/errors.ts).
    childLoggerFactory: (logger) => logger,
    bodyLimit: SERVER_LIMITS.bodyLimit,
    http: {
      maxHeaderSize: SERVER_LIMITS.maxHeaderSize,
      headersTimeout: SERVER_LIMITS.headersTimeoutMs,
      connectionsCheckingInterval: SERVER_LIMITS.timeoutCheckMs,
      requireHostHeader: false,
    },
    requestTimeout: SERVER_LIMITS.requestTimeoutMs,
    keepAliveTimeout: SERVER_LIMITS.keepAliveTimeoutMs,
    connectionTimeout: SERVER_LIMITS.connectionTimeoutMs,
    frameworkErrors: frameworkError,
    // Behind an ingress every socket is the proxy's: only trusted hops may name the client (TRUST_PROXY).
    trustProxy: services.security?.trustProxy ?? false,
    // Requests arriving while the server closes get our own 503 (below), not Fastify's shape.
    return503OnClosing: false,
    clientErrorHandler: clientError,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: SERVER_LIMITS.maxParamLength },
    schemaController: { compilersFactory: { buildValidator: textCoercedJsonTyped() } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installTracing(app);
  installRequestId(app);
  installRequestLogging(app);
  installMetrics(app, services.metrics);
  installTextValueChecks(app);
  installErrorHandling(app);
  installBodyParsing(app);
  refuseUnservable(app);
  await installSecurity(app, services.security, services.clock);
  app.addSchema(ErrorBody);
  app.addSchema(ValidationErrorBody);

  app.addHook('onRoute', (route) => {
    // The contract refuses unknown query parameters (422) on every route, so one that takes none says so.
    // Documented routes only (they carry tags): pages, static files and Swagger UI take what browsers send.
    if (route.schema?.tags !== undefined && route.schema.querystring === undefined)
      route.schema = { ...route.schema, querystring: NoQuery };
    // …and every documented route can answer 422 (FastAPI documents it on each route the same way), and the
    // errors any route of its kind can meet (routeErrors); a route's own declarations win.
    if (route.schema?.tags !== undefined)
      route.schema = {
        ...route.schema,
        response: {
          422: ValidationErrorBody,
          ...routeErrors(route.url, [route.method].flat()),
          ...(route.schema.response as object | undefined),
        },
      };
    // The /v1 copies and the UI files stay out of the OpenAPI document: one entry per route is enough.
    if (route.url.startsWith(`${API_PREFIX}/`) || route.url === API_PREFIX)
      route.schema = { ...route.schema, hide: true };
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Matchcast API',
        version: services.version,
        description: 'Soccer match outcome forecasts. Every route also answers under /v1.',
        license: { name: PACKAGE_LICENSE },
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'API_KEY' },
          // Declared only when the monitoring routes need it (they are open otherwise).
          ...(services.monitoringApiKey && {
            monitoringKey: {
              type: 'apiKey',
              in: 'header',
              name: 'X-API-Key',
              description: 'MONITORING_API_KEY (the same header, another value)',
            },
          }),
        },
      },
    },
    transform: documentRoute,
    // Shared schemas keep their names (ErrorBody…) in the document, for the types client generators make.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    // No call to the public validator; Swagger UI's widgets set inline styles, allowed on its pages only.
    uiConfig: { validatorUrl: null },
    transformStaticCSP: allowInlineStyles,
  });
  // Under /v1 as well, as every route of the contract: the same document, and Swagger UI's one page.
  for (const path of ['/openapi.json', `${API_PREFIX}/openapi.json`])
    app.get(path, { schema: { hide: true } }, async () => app.swagger());
  app.get(`${API_PREFIX}/docs`, { schema: { hide: true } }, (_request, reply) =>
    reply.redirect('/docs', 308),
  );

  const options: RouteOptions = { services };
  await app.register(contractRoutes, options);
  await app.register(contractRoutes, { ...options, prefix: API_PREFIX });
  // A page for people, not part of the contract: one copy, outside /v1.
  await app.register(queueViewRoutes, { ...options, prefix: QUEUE_VIEW_PREFIX });
  await app.register(uiRoutes, options);
  return app;
}
