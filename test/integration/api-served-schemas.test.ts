/**
 * The bytes each route serves match the TypeBox schema that documents it. Bulk answers are serialised once per
 * artifact version, outside Fastify's response serialiser, so nothing else checks them against their schema.
 */
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Health } from '../../src/api/schemas/health.ts';
import { LivescoreList } from '../../src/api/schemas/livescores.ts';
import { Drift, QueuesInfo, SourcesInfo, WorkersInfo } from '../../src/api/schemas/monitoring.ts';
import {
  CardList,
  OddsList,
  Precomputed,
  PredictionList,
  RegionRoiList,
} from '../../src/api/schemas/predict.ts';
import { API_KEY, type ApiFixture, createApiFixture } from '../unit/api/fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => {
  await f?.close();
});

function firstErrors(schema: TSchema, body: unknown): string[] {
  return [...Value.Errors(schema, body)].slice(0, 5).map((e) => `${e.instancePath}: ${e.message}`);
}

describe('served JSON against its schema', () => {
  const routes: [string, TSchema][] = [
    ['/predict/predictions/', PredictionList],
    ['/predict/predictions/?is_future=true', PredictionList],
    ['/predict/cards/', CardList],
    ['/predict/cards/?limit=5', CardList],
    ['/predict/odds/', OddsList],
    ['/predict/region-roi/', RegionRoiList],
    ['/healthcheck/', Health],
    ['/livescores/', LivescoreList],
    ['/monitoring/drift', Drift],
    ['/monitoring/celery/queues', QueuesInfo],
    ['/monitoring/celery/workers', WorkersInfo],
    ['/monitoring/sources', SourcesInfo],
  ];

  it.each(routes)('%s', async (url, schema) => {
    const res = await f.app.inject({ method: 'GET', url, headers: { 'x-api-key': API_KEY } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(firstErrors(schema, body)).toEqual([]);
    // The fixture's artifacts hold matches; an empty list would prove nothing about their shape.
    if (/predictions|cards|odds/.test(url)) expect(body.length).toBeGreaterThan(0);
  });

  it('/predict/precomputed/{id} for every match of the predictions list', async () => {
    const list = (
      await f.app.inject({ method: 'GET', url: '/predict/predictions/', headers: { 'x-api-key': API_KEY } })
    ).json() as { match_id: number }[];
    for (const { match_id } of list.slice(0, 10)) {
      const res = await f.app.inject({
        method: 'GET',
        url: `/predict/precomputed/${match_id}`,
        headers: { 'x-api-key': API_KEY },
      });
      expect(res.statusCode).toBe(200);
      expect(firstErrors(Precomputed, res.json())).toEqual([]);
    }
  });
});
