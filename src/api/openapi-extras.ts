/**
 * What the OpenAPI document says beyond the route schemas, which validate and serialize: the shared error bodies
 * by reference (one type for client generators, not a copy per operation), `Retry-After` on every 429 and 503,
 * and the conditional GET of the bulk routes (If-None-Match, ETag, 304: bulk-body.ts). For the document only:
 * the schemas Fastify compiles stay as the routes declare them.
 */
import type { FastifySchema, RouteOptions } from 'fastify';
import { ErrorBody, ValidationErrorBody } from './schemas/common.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers conditional GETs (ETag, If-None-Match → 304), as sendBulk and sendJson do. */
    readonly conditionalGet?: boolean;
  }
}

const RETRY_AFTER = {
  'Retry-After': { type: 'integer', description: 'seconds to wait before trying again' },
};

const REPRESENTATION_HEADERS = {
  ETag: {
    type: 'string',
    description: 'strong; each content coding has its own (`-gzip"`, `-br"` before the closing quote)',
  },
  Vary: { type: 'string', description: 'Accept-Encoding' },
};

const IF_NONE_MATCH = {
  type: 'object',
  properties: {
    'if-none-match': {
      type: 'string',
      description: 'ETags the client holds (weak `W/` ones and `*` match too): 304 when one is current',
    },
  },
};

const NOT_MODIFIED = {
  type: 'null',
  description: 'Not Modified: If-None-Match named the current representation (its ETag and Vary are sent)',
  headers: REPRESENTATION_HEADERS,
};

/** A response as documented: the shared bodies by reference, with Retry-After where the server sends it. */
function documented(status: string, schema: unknown): unknown {
  const retry = status === '429' || status === '503' ? { headers: RETRY_AFTER } : {};
  if (schema === ErrorBody) return { $ref: 'ErrorBody#', ...retry };
  if (schema === ValidationErrorBody) return { $ref: 'ValidationErrorBody#' };
  return schema;
}

/** @fastify/swagger's `transform`: one route's entry in the document. */
export function documentRoute({
  schema,
  url,
  route,
}: {
  readonly schema: FastifySchema;
  readonly url: string;
  readonly route: RouteOptions;
}): { schema: FastifySchema; url: string } {
  if (schema?.response === undefined) return { schema, url };
  const response: Record<string, unknown> = Object.fromEntries(
    Object.entries(schema.response as Record<string, unknown>).map(([status, s]) => [
      status,
      documented(status, s),
    ]),
  );
  if (route.config?.conditionalGet !== true) return { schema: { ...schema, response }, url };
  const ok = response['200'] as Record<string, unknown>;
  return {
    schema: {
      ...schema,
      headers: IF_NONE_MATCH,
      response: { ...response, 200: { ...ok, headers: REPRESENTATION_HEADERS }, 304: NOT_MODIFIED },
    },
    url,
  };
}
