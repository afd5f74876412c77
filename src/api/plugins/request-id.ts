/** X-Request-ID: taken from the client when it looks sane, else generated; always echoed on the answer. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';
// Visible ASCII only: no spaces or controls to split a log line, nothing a header cannot carry back.
const SAFE_ID = /^[\x21-\x7e]{1,128}$/;

/** Fastify's `genReqId`: the client's id when it is at most 128 visible ASCII characters, so logs can be joined across services. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}

export function installRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
