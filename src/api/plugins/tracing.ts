/**
 * One server span per request when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT): the rest of the request runs
 * inside it, so the enqueue, the database and the worker's spans join its trace, which continues the caller's when
 * the request carries a W3C `traceparent`. Off, no hook is installed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type RequestSpan, startRequestSpan, tracingEnabled } from '../../observability/tracing.ts';
import { routeTemplateOf } from './route-template.ts';

/** Server spans of the sampled requests in flight. */
const spans = new WeakMap<FastifyRequest, RequestSpan>();

export function installTracing(app: FastifyInstance): void {
  if (!tracingEnabled()) return;
  app.addHook('onRequest', (request, _reply, done) => {
    // Paused (benches only, pauseTracing): the request runs outside any span.
    if (!tracingEnabled()) {
      done();
      return;
    }
    const span = startRequestSpan(() => {
      const path = routeTemplateOf(request);
      return {
        name: `${request.method} ${path}`,
        attributes: {
          'http.request.method': request.method,
          'http.route': path,
          'url.path': request.url.split('?')[0] ?? request.url,
        },
      };
    }, request.headers);
    if (span.recording) spans.set(request, span);
    // Continuing inside the span's context carries it through every later hook and the handler.
    span.run(done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    spans.get(request)?.end(reply.statusCode);
    done();
  });
}
