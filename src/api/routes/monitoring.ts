/**
 * /monitoring/*: drift, queue and worker status, task polling, provider source health. Open unless
 * MONITORING_API_KEY is set.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { QUEUE_NAME } from '../../queue/tasks.ts';
import { apiError } from '../errors.ts';
import { requireApiKey } from '../plugins/auth.ts';
import { ErrorBody, OPEN, WITH_MONITORING_KEY } from '../schemas/common.ts';
import {
  Drift,
  QueuesInfo,
  SourcesInfo,
  TaskIdParams,
  TaskStatusBody,
  WorkersInfo,
} from '../schemas/monitoring.ts';
import type { RouteOptions } from '../services/api-services.ts';
import { sourceHealth } from '../services/source-health.ts';

const tags = ['monitoring'];

export const monitoringRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { queue, readModels } = services;
  app.addHook('onRequest', requireApiKey(services.monitoringApiKey));
  const auth = services.monitoringApiKey ? { 401: ErrorBody } : {};
  const security = services.monitoringApiKey ? WITH_MONITORING_KEY : OPEN;

  app.get(
    '/drift',
    {
      schema: {
        tags,
        security,
        operationId: 'getDriftReport',
        summary: 'The latest drift report',
        response: { 200: Drift, ...auth },
      },
    },
    async (_request, reply) => {
      await readModels.drift.refresh();
      const snapshot = readModels.drift.current()?.value;
      if (!snapshot) return { drift_score: null };
      return reply.type('application/json; charset=utf-8').send(snapshot.json);
    },
  );

  app.get(
    '/celery/queues',
    {
      schema: {
        tags,
        security,
        operationId: 'getQueueCounts',
        summary: 'Task counts of the ml queue',
        response: { 200: QueuesInfo, ...auth },
      },
    },
    async () => {
      const counts = await queue.counts();
      return {
        active: counts.active,
        scheduled: counts.delayed,
        reserved: counts.waiting,
        queues: { [QUEUE_NAME]: counts } as { ml: typeof counts },
      };
    },
  );

  app.get(
    '/celery/workers',
    {
      schema: {
        tags,
        security,
        operationId: 'listWorkers',
        summary: 'Workers seen by their heartbeats',
        response: { 200: WorkersInfo, ...auth },
      },
    },
    async () => {
      const workers = await queue.workers();
      return {
        workers: workers.map((w) => ({
          name: w.name,
          queues: [...w.queues],
          ping: w.alive,
          pid: w.pid,
          hostname: w.hostname,
          last_heartbeat: w.lastHeartbeat,
          models_loaded: [...w.modelsLoaded],
        })),
      };
    },
  );

  app.get(
    '/sources',
    {
      schema: {
        tags,
        security,
        operationId: 'listSources',
        summary: 'Health of every provider file sync pulls: last pull, last change, rows, failures, stale',
        response: { 200: SourcesInfo, ...auth },
      },
    },
    async () => {
      const sources = await sourceHealth(services.db, services.clock.nowMs());
      return { stale: sources.filter((s) => s.stale).length, sources };
    },
  );

  app.get(
    '/task_status/:task_id',
    {
      schema: {
        tags,
        security,
        operationId: 'getTaskStatus',
        summary: 'Status and result of a task',
        params: TaskIdParams,
        response: { 200: TaskStatusBody, 404: ErrorBody, ...auth },
      },
    },
    async (request) => {
      const status = await queue.status(request.params.task_id);
      if (!status) throw apiError('TASK_NOT_FOUND', `unknown or expired task ${request.params.task_id}`);
      const result = status.result;
      // A prediction read after its match kicked off says it is hindsight, as the synchronous route does.
      const hindsight =
        result === null
          ? undefined
          : await services.live.taskHindsight(result.match_id, Number(result.prediction.model_version));
      return {
        task_id: status.taskId,
        status: status.status,
        result: result === null ? null : { ...result, ...(hindsight === undefined ? {} : { hindsight }) },
        ...(status.error === undefined ? {} : { error: status.error }),
      };
    },
  );
};
