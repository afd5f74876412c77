/** Schemas of the /monitoring routes (docs/api.md). */
import { type Static, Type } from '@fastify/type-provider-typebox';
import { NameEnum } from '../../config/name-enum.ts';
import { PROVIDER_FILE_STATUSES } from '../../db/provider-file-repository.ts';
import { TASK_STATES } from '../../queue/task-queue.ts';
import { PredictMatchResult } from '../../queue/tasks.ts';
import { DriftReport } from '../../storage/artifacts/drift-report.ts';
import { IsoTime, Nullable } from './common.ts';

export const Drift = Type.Union(
  [
    DriftReport,
    Type.Object({ drift_score: Type.Null() }, { description: 'before monitor_drift has written a report' }),
  ],
  { description: 'reports/drift/latest.json as monitor_drift wrote it (fields added since are optional)' },
);

export const QueueStats = Type.Object({
  active: Type.Integer(),
  waiting: Type.Integer(),
  delayed: Type.Integer(),
  completed: Type.Integer(),
  failed: Type.Integer(),
});

export const QueuesInfo = Type.Object({
  active: Type.Integer({ description: 'tasks being run now' }),
  scheduled: Type.Integer({ description: 'delayed tasks' }),
  reserved: Type.Integer({ description: 'tasks waiting for a worker' }),
  queues: Type.Object({ ml: QueueStats }),
});
export type QueuesInfo = Static<typeof QueuesInfo>;

export const WorkerItem = Type.Object({
  name: Type.String(),
  queues: Type.Array(Type.String()),
  ping: Type.Boolean({ description: 'heartbeat seen within its window' }),
  pid: Type.Integer(),
  hostname: Type.String(),
  last_heartbeat: IsoTime,
  models_loaded: Type.Array(Type.String()),
});
export const WorkersInfo = Type.Object({ workers: Type.Array(WorkerItem) });
export type WorkersInfo = Static<typeof WorkersInfo>;

export const TaskIdParams = Type.Object(
  { task_id: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type TaskIdParams = Static<typeof TaskIdParams>;

export const TaskStatusBody = Type.Object({
  task_id: Type.String(),
  status: NameEnum(TASK_STATES),
  result: Type.Union([
    Type.Object(
      {
        ...PredictMatchResult.properties,
        hindsight: Type.Optional(
          Type.Boolean({
            description:
              'as on the live route, judged when the status is read; left out when the match or version is no longer known',
          }),
        ),
      },
      { description: 'a finished predict_match task: the live route answer without task_id' },
    ),
    Type.Null(),
  ]),
  error: Type.Optional(Type.String()),
});
export type TaskStatusBody = Static<typeof TaskStatusBody>;

export const SourceHealth = Type.Object({
  path: Type.String({ description: 'provider path, e.g. mmz4281/2526/E0.csv, new/ARG.csv, fixtures.csv' }),
  url: Type.String(),
  status: NameEnum(PROVIDER_FILE_STATUSES, { description: 'outcome of the latest pull' }),
  last_attempt_at: Nullable(Type.String({ format: 'date-time' })),
  last_success_at: Nullable(
    Type.String({ format: 'date-time', description: 'last pull answered 200 or 304' }),
  ),
  last_changed_at: Nullable(Type.String({ format: 'date-time', description: 'last time the bytes changed' })),
  rows: Nullable(Type.Integer({ description: 'data rows of the last imported version' })),
  failures: Type.Integer({ description: 'failed pulls since the last success' }),
  last_error: Nullable(Type.String({ description: 'reason of the latest failure or rejection' })),
  final: Type.Boolean({ description: 'a season pulled after it ended: no longer pulled, never stale' }),
  stale_after_hours: Type.Integer(),
  stale: Type.Boolean({ description: 'watched and unchanged for longer than stale_after_hours' }),
});
export type SourceHealth = Static<typeof SourceHealth>;

export const SourcesInfo = Type.Object({
  stale: Type.Integer({
    description: 'number of stale sources (also the matchcast_provider_sources_stale metric)',
  }),
  sources: Type.Array(SourceHealth),
});
