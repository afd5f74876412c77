/** /predict/*: bulk reads from the cached artifacts, live and async predictions, model info. X-API-Key required. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.ts';
import { requireApiKey } from '../plugins/auth.ts';
import { BulkFilterQuery, ErrorBody, MatchIdParams, StageQuery, WITH_API_KEY } from '../schemas/common.ts';
import {
  AsyncAccepted,
  AsyncPredictBody,
  CardList,
  LivePrediction,
  ModelHistory,
  ModelInfo,
  OddsList,
  Precomputed,
  PredictionList,
  RegionRoiList,
} from '../schemas/predict.ts';
import type { RouteOptions } from '../services/api-services.ts';
import { sendBulk, sendFiltered } from '../services/bulk-body.ts';
import { hasFilters, precomputed, rejectBadWindow } from '../services/bulk-views.ts';
import { readerLeft } from '../services/one-at-a-time.ts';
import { trackRecordRoutes } from './track-record.ts';

const tags = ['predict'];
const security = WITH_API_KEY;
const auth = { 401: ErrorBody };

export const predictRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { readModels, live, catalog } = services;
  app.addHook('onRequest', requireApiKey(services.apiKey));
  await app.register(trackRecordRoutes, { services });

  app.get(
    '/predictions/',
    {
      config: { conditionalGet: true },
      schema: {
        tags,
        operationId: 'listPredictions',
        security,
        summary: 'Every precomputed prediction (display fields only)',
        querystring: BulkFilterQuery,
        response: { 200: PredictionList, ...auth },
      },
    },
    async (request, reply) => {
      if (!hasFilters(request.query)) return sendBulk(request, reply, await readModels.predictionsBody());
      rejectBadWindow(request.query);
      return sendFiltered(
        request,
        reply,
        await readModels.predictionsFiltered(request.query, readerLeft(reply.raw)),
      );
    },
  );

  app.get(
    '/precomputed/:match_id',
    {
      schema: {
        tags,
        operationId: 'getPrecomputedPrediction',
        security,
        summary: 'The precomputed prediction of one match',
        params: MatchIdParams,
        response: { 200: Precomputed, 404: ErrorBody, ...auth },
      },
    },
    async (request) => {
      const row = readModels.predictions.current()?.value.get(request.params.match_id);
      if (!row)
        throw apiError('MATCH_NOT_FOUND', `no precomputed prediction for match ${request.params.match_id}`);
      return precomputed(row);
    },
  );

  app.get(
    '/cards/',
    {
      config: { conditionalGet: true },
      schema: {
        tags,
        operationId: 'listCards',
        security,
        summary: 'Predictions merged with odds, results and value bets',
        querystring: BulkFilterQuery,
        response: { 200: CardList, ...auth },
      },
    },
    async (request, reply) => {
      if (!hasFilters(request.query)) return sendBulk(request, reply, await readModels.cardsBody());
      rejectBadWindow(request.query);
      return sendFiltered(
        request,
        reply,
        await readModels.cardsFiltered(request.query, readerLeft(reply.raw)),
      );
    },
  );

  app.get(
    '/region-roi/',
    {
      config: { conditionalGet: true },
      schema: {
        tags,
        operationId: 'listRegionRoi',
        security,
        summary: 'Flat-stake ROI per region from the betting simulation',
        response: { 200: RegionRoiList, ...auth },
      },
    },
    async (request, reply) => sendBulk(request, reply, await readModels.regionRoiBody()),
  );

  app.get(
    '/odds/',
    {
      config: { conditionalGet: true },
      schema: {
        tags,
        operationId: 'listOdds',
        security,
        summary: 'The latest pre-kick-off 1X2 odds of every match',
        response: { 200: OddsList, ...auth },
      },
    },
    async (request, reply) => sendBulk(request, reply, await readModels.oddsBody()),
  );

  app.get(
    '/model/info',
    {
      schema: {
        tags,
        operationId: 'getModelInfo',
        security,
        summary: 'The model version a stage points at',
        querystring: StageQuery,
        response: { 200: ModelInfo, 400: ErrorBody, ...auth },
      },
    },
    async (request) => {
      const stage = request.query.stage ?? 'champion';
      const info = await catalog.info(stage);
      if (!info) throw await catalog.notServed(stage);
      return info;
    },
  );

  app.get(
    '/model/history',
    {
      schema: {
        tags,
        operationId: 'getModelHistory',
        security,
        summary: 'Every alias move of the model (who, when, from, to, why), newest first',
        response: { 200: ModelHistory, ...auth },
      },
    },
    () => catalog.history(),
  );

  app.post(
    '/async/',
    {
      schema: {
        tags,
        operationId: 'predictMatchAsync',
        security,
        summary: 'Queue a prediction; poll /monitoring/task_status/{task_id}',
        body: AsyncPredictBody,
        response: { 202: AsyncAccepted, 400: ErrorBody, 404: ErrorBody, ...auth },
      },
    },
    async (request, reply) => {
      const taskId = await live.submit(request.body.match_id, request.body.stage ?? 'champion');
      return reply.code(202).send({ task_id: taskId, status: 'queued' as const });
    },
  );

  app.get(
    '/:match_id',
    {
      // A HEAD would run a prediction (a queued task, a model run) to send no body: 405, as FastAPI answers it.
      exposeHeadRoute: false,
      schema: {
        tags,
        operationId: 'predictMatch',
        security,
        summary: 'Predict one match now with the stage’s model (queue or inline)',
        params: MatchIdParams,
        querystring: StageQuery,
        response: {
          200: LivePrediction,
          400: ErrorBody,
          404: ErrorBody,
          500: ErrorBody,
          503: ErrorBody,
          504: ErrorBody,
          ...auth,
        },
      },
    },
    async (request) => live.predict(request.params.match_id, request.query.stage ?? 'champion'),
  );
};
