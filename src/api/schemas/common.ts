/** Schema pieces shared by several routes: error bodies, ids, stages, the bulk filters. Defined once here. */
import { type Static, type TSchema, Type } from '@fastify/type-provider-typebox';
import { ModelAliasName } from '../../queue/tasks.ts';

/** `T | null`, the form every optional-by-nature field of the contract takes. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * Two numbers [low, high], typed as a pair. OpenAPI 3.0 has no tuples (`items` must be one schema), so the
 * document says "an array of exactly two numbers", which every client generator reads.
 */
export const NumberPair = (description: string) =>
  Type.Unsafe<[number, number]>(Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description }));

/**
 * Who may call a route, as the OpenAPI document states it on every operation (names of the schemes app.ts
 * declares): anyone; with the API key; with the monitoring key when one is set (the same header, another value).
 */
export const OPEN: [] = [];
export const WITH_API_KEY = [{ apiKey: [] }];
export const WITH_MONITORING_KEY = [{ monitoringKey: [] }];

export const ErrorBody = Type.Object(
  {
    detail: Type.String({ description: 'what went wrong, for people' }),
    code: Type.String({ description: 'stable error code from the catalogue, for programs' }),
  },
  { $id: 'ErrorBody', description: 'Every error except validation failures' },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const ValidationIssue = Type.Object({
  loc: Type.Array(Type.Union([Type.String(), Type.Integer()]), {
    description: 'where: ["query", "limit"], ["path", "match_id"], ["body", "stage"] …',
  }),
  msg: Type.String(),
  type: Type.String({ description: 'missing, extra_forbidden, int_type, less_than_equal …' }),
});
export type ValidationIssue = Static<typeof ValidationIssue>;

export const ValidationErrorBody = Type.Object(
  { detail: Type.Array(ValidationIssue), code: Type.Literal('VALIDATION_FAILED') },
  { $id: 'ValidationErrorBody', description: '422: the request does not match the schema' },
);

/**
 * A time as the API writes it (`Date#toISOString`). The format is stated so that every time field reads alike to a
 * client generator: one that maps `date-time` to a date type must not get a date on some routes and text on others.
 */
export const IsoTime = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });

/**
 * A match id as a request names it: any integer JavaScript holds exactly. As in the reference contract, a
 * well-formed id that names no match (a negative one included) is a 404, not a validation error.
 */
export const MatchId = Type.Integer({ minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });

export const MatchIdParams = Type.Object({ match_id: MatchId }, { additionalProperties: false });
export type MatchIdParams = Static<typeof MatchIdParams>;

/** The query of a route that takes no parameters: any given is refused, like every unknown one. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const StageQuery = Type.Object(
  { stage: Type.Optional(ModelAliasName) },
  { additionalProperties: false },
);
export type StageQuery = Static<typeof StageQuery>;

const DateText = (description: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$', description });

/** Optional filters of the bulk routes; with none given the answer is the whole, cached array. */
export const BulkFilterQuery = Type.Object(
  {
    is_future: Type.Optional(
      Type.Boolean({ description: 'only upcoming (true) or only past (false) matches' }),
    ),
    region_id: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    from: Type.Optional(
      DateText('kick-off at or after this date/time (ISO 8601, UTC unless an offset is given)'),
    ),
    to: Type.Optional(DateText('kick-off before this date/time; a bare date includes that whole day')),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
);
export type BulkFilterQuery = Static<typeof BulkFilterQuery>;
