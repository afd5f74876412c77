/** Schemas of the liveness and readiness probes. */
import { type Static, Type } from '@fastify/type-provider-typebox';
import { NameEnum } from '../../config/name-enum.ts';

export const Health = Type.Object({
  status: NameEnum(['healthy', 'degraded']),
  version: Type.String(),
  worker_pid: Type.Integer(),
  memory_usage_mb: Type.Number({ description: 'resident set size' }),
  database: Type.Boolean(),
});
export type Health = Static<typeof Health>;

export const READINESS_CHECKS = ['database', 'queue', 'caches'] as const;
export type ReadinessCheck = (typeof READINESS_CHECKS)[number];
/**
 * What the pod cannot serve without: its loaded artifacts (which need the database at start). The database and
 * the queue are reported but do not take the pod out of service: with PostgreSQL away predictions still answer
 * from the cached champion and artifacts (the routes that read it answer 503 `DATABASE_UNAVAILABLE`), and with
 * Redis away precomputed reads go on while live predictions answer 503. Taking every pod out would turn that
 * partial service into a whole outage behind the load balancer.
 */
export const REQUIRED_FOR_READINESS: readonly ReadinessCheck[] = ['caches'];

export const Readiness = Type.Object({
  status: NameEnum(['ready', 'degraded', 'not_ready'], {
    description: 'degraded: still serving while a check in `degraded` fails (the database or the queue)',
  }),
  checks: Type.Object({ database: Type.Boolean(), queue: Type.Boolean(), caches: Type.Boolean() }),
  missing: Type.Array(NameEnum(READINESS_CHECKS), { description: 'required checks that fail: not ready' }),
  degraded: Type.Array(NameEnum(READINESS_CHECKS), {
    description:
      'checks that fail without taking the pod out of service (the queue: live predictions answer 503; the database: its routes answer 503)',
  }),
  detail: Type.Optional(Type.String()),
});
export type Readiness = Static<typeof Readiness>;

export const Liveness = Type.Object({ status: Type.Literal('alive') });
