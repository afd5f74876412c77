/**
 * How request bodies are read, as the FastAPI reference reads them: JSON when the Content-Type says JSON
 * (`application/json` or any `+json` type) and when there is no Content-Type at all (clients such as Python's
 * `requests.post(url, data=…)` send none); any other body is kept as text, so it fails the route's schema with a
 * 422 naming the body, never a 415.
 */
import type { FastifyInstance } from 'fastify';

export function installBodyParsing(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(/^application\/[\w.-]+\+json\s*(;|$)/i, { parseAs: 'string' }, json);
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    if (request.headers['content-type'] === undefined) json(request, String(body), done);
    else done(null, body);
  });
}
