/** The route template of a request, written as the contract writes paths: `/predict/{match_id}`. */
import type { FastifyRequest } from 'fastify';

const cache = new Map<string, string>();
export const UNMATCHED_PATH = '<unmatched>';

export function routeTemplateOf(request: FastifyRequest): string {
  const url = request.routeOptions.url;
  if (url === undefined) return UNMATCHED_PATH;
  let template = cache.get(url);
  if (template === undefined) {
    template = url.replace(/:(\w+)/g, '{$1}');
    cache.set(url, template);
  }
  return template;
}
