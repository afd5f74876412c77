/** Schemas of the /monitoring routes (DESIGN §9). */
import { type Static, Type } from '@fastify/type-provider-typebox';
import { Nullable } from './common.ts';

export const Drift = Type.Object(
  {
    drift_score: Nullable(
      Type.Number({ description: 'share of drifted features; null before the first report' }),
    ),
  },
  { additionalProperties: true, description: 'reports/drift/latest.json as written by monitor_drift' },
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
  last_heartbeat: Type.String(),
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
  status: Type.Enum(['pending', 'started', 'success', 'failure']),
  result: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  error: Type.Optional(Type.String()),
});
export type TaskStatusBody = Static<typeof TaskStatusBody>;
