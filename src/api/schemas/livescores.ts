/** Schemas of GET /livescores/ (docs/api.md). */
import { type Static, Type } from '@fastify/type-provider-typebox';
import { IsoTime, Nullable } from './common.ts';

export const LivescoresQuery = Type.Object(
  {
    year: Type.Optional(
      Type.Integer({ minimum: 1900, maximum: 2100, description: 'default: the current year' }),
    ),
    month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: 'omit for the whole year' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'default: no limit' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 })),
  },
  { additionalProperties: false },
);
export type LivescoresQuery = Static<typeof LivescoresQuery>;

export const Livescore = Type.Object({
  match_id: Type.Integer(),
  startTimeUtc: IsoTime,
  homeTeamName: Type.String(),
  awayTeamName: Type.String(),
  homeScore: Nullable(Type.Integer()),
  awayScore: Nullable(Type.Integer()),
  status: Type.String(),
  region_id: Type.Integer(),
  region_name: Type.String(),
  sex: Type.Integer({ minimum: 0, maximum: 1 }),
});
export type Livescore = Static<typeof Livescore>;
export const LivescoreList = Type.Array(Livescore);
