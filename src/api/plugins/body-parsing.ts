/**
 * How request bodies are read, as the FastAPI reference reads them: JSON when the Content-Type says JSON
 * (`application/json` or any `+json` type) and when there is no Content-Type at all (clients such as Python's
 * `requests.post(url, data=…)` send none, some an empty header); any other body is kept as text, so it fails the
 * route's schema with a 422 naming the body, never a 415.
 */
import type { FastifyBodyParser, FastifyInstance, preParsingHookHandler } from 'fastify';

/** The code of a body refused only for a `__proto__` or `constructor.prototype` key (errors.ts answers it). */
export const FORBIDDEN_JSON_KEY = 'MC_FORBIDDEN_JSON_KEY';

export function installBodyParsing(app: FastifyInstance): void {
  const strict = app.getDefaultJsonParser('error', 'error');
  // Fastify's parser refuses prototype keys with the same error as broken JSON and drops why: tell them apart,
  // parsing again only on that error path.
  const json: FastifyBodyParser<string> = (request, body, done) =>
    strict(request, body, (error, value) => {
      if (error && parsesAsPlainJson(body))
        done(Object.assign(new Error('JSON body holds a forbidden key'), { code: FORBIDDEN_JSON_KEY }));
      else done(error, value);
    });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(/^application\/(?:[\w.-]+\+)?json\s*(;|$)/i, { parseAs: 'string' }, json);
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    if (request.headers['content-type'] === undefined) json(request, String(body), done);
    else done(null, body);
  });
  // An empty Content-Type is none, as FastAPI reads it (Fastify refuses it as no media type). Only on routes that
  // take a body, so reads pay nothing for it.
  app.addHook('onRoute', (route) => {
    if (![route.method].flat().some((m) => m === 'POST' || m === 'PUT' || m === 'PATCH')) return;
    const given = route.preParsing === undefined ? [] : [route.preParsing].flat();
    route.preParsing = [...given, blankContentTypeIsNone];
  });
}

const blankContentTypeIsNone: preParsingHookHandler = (request, _reply, payload, done) => {
  if (request.headers['content-type']?.trim() === '') delete request.headers['content-type'];
  done(null, payload);
};

function parsesAsPlainJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}
