/**
 * One JSON log line per request, written when the answer has gone out (Fastify's own two lines per request
 * are switched off in app.ts). The path is the route template, so log queries group by route.
 */
import type { FastifyInstance } from 'fastify';
import { routeTemplateOf } from './route-template.ts';

export function installRequestLogging(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        request_id: request.id,
        method: request.method,
        path: routeTemplateOf(request),
        url: request.url,
        status_code: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 1000) / 1000,
        remote: request.ip,
      },
      'request',
    );
    done();
  });
}
