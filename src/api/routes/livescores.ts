/** /livescores/: matches straight from the database, newest first. Open. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listLivescores } from '../../db/livescores-repository.ts';
import { OPEN } from '../schemas/common.ts';
import { LivescoreList, LivescoresQuery } from '../schemas/livescores.ts';
import type { RouteOptions } from '../services/api-services.ts';

export const livescoreRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.get(
    '/livescores/',
    {
      schema: {
        tags: ['livescores'],
        security: OPEN,
        operationId: 'listLivescores',
        summary: 'Matches of a year (or month), kick-off descending',
        querystring: LivescoresQuery,
        response: { 200: LivescoreList },
      },
    },
    async (request) => {
      const { year, month, limit, offset } = request.query;
      return listLivescores(services.db, {
        year: year ?? new Date(services.clock.nowMs()).getUTCFullYear(),
        month,
        limit,
        offset,
      });
    },
  );
};
