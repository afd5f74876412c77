/**
 * GET /livescores/ and GET /healthcheck/ over both database drivers (PGlite and a real PostgreSQL): year and
 * month windows, kick-off descending, pagination, exact fields, and every 422.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { openDb } from '../../src/db/open-db.ts';
import { DRIVERS } from '../support/services.ts';
import { API_KEY, type ApiFixture, createApiFixture } from '../unit/api/fixture.ts';

const THIS_YEAR = new Date().getUTCFullYear();

/** Kick-offs (UTC) of the seeded matches, ids in insertion order. */
const KICKOFFS = [
  '2024-12-31T20:00:00Z',
  '2025-01-10T15:00:00Z',
  '2025-03-01T15:00:00Z',
  '2025-03-20T19:45:00Z',
  '2025-03-20T19:45:00Z',
  '2025-12-31T23:30:00Z',
  `${THIS_YEAR}-02-01T12:00:00Z`,
  `${THIS_YEAR}-06-15T18:00:00Z`,
];

async function seed(db: Db): Promise<number[]> {
  const [england] = await db.query<{ id: number }>(
    `INSERT INTO regions (code, name, country) VALUES ('ENG', 'England', 'England') RETURNING id`,
  );
  const [spain] = await db.query<{ id: number }>(
    `INSERT INTO regions (code, name, country) VALUES ('ESP-W', 'Spain Women', 'Spain') RETURNING id`,
  );
  const team = async (name: string, regionId: number, sex: number) =>
    (
      await db.query<{ id: number }>(
        'INSERT INTO teams (name, region_id, sex) VALUES ($1, $2, $3) RETURNING id',
        [name, regionId, sex],
      )
    )[0]?.id;
  const arsenal = await team('Arsenal', england?.id ?? 0, 0);
  const chelsea = await team('Chelsea', england?.id ?? 0, 0);
  const barca = await team('Barcelona W', spain?.id ?? 0, 1);
  const madrid = await team('Madrid W', spain?.id ?? 0, 1);
  const ids: number[] = [];
  for (const [i, kickoff] of KICKOFFS.entries()) {
    const women = i % 2 === 1;
    const finished = Date.parse(kickoff) < Date.now();
    const [row] = await db.query<{ match_id: number }>(
      `INSERT INTO matches (source, source_key, region_id, competition, season, sex, start_time_utc,
                            home_team_id, away_team_id, home_score, away_score, status)
       VALUES ('test', $1, $2, 'League', '2025', $3, $4, $5, $6, $7, $8, $9) RETURNING match_id`,
      [
        `k${i}`,
        women ? spain?.id : england?.id,
        women ? 1 : 0,
        kickoff,
        women ? barca : arsenal,
        women ? madrid : chelsea,
        finished ? 2 : null,
        finished ? i % 3 : null,
        finished ? 'finished' : 'scheduled',
      ],
    );
    ids.push(Number(row?.match_id));
  }
  return ids;
}

describe.each(DRIVERS)('livescores on $driver', (driver) => {
  let f: ApiFixture;
  let dispose: () => Promise<void>;
  let ids: number[];

  beforeAll(async () => {
    if (!driver.available) return;
    const opened = await driver.open();
    dispose = opened.dispose;
    ids = await seed(opened.db);
    f = await createApiFixture({ db: opened.db, artifacts: false });
  });
  afterAll(async () => {
    await f?.close();
    await dispose?.();
  });

  const list = async (query: string) => {
    const res = await f.app.inject({ url: `/livescores/${query}` });
    expect(res.statusCode, query).toBe(200);
    return res.json() as Record<string, unknown>[];
  };

  it.skipIf(!driver.available)('defaults to the current year, newest kick-off first', async () => {
    const rows = await list('');
    expect(rows.map((r) => r.match_id)).toEqual([ids[7], ids[6]]);
  });

  it.skipIf(!driver.available)('answers exactly the contract fields', async () => {
    const [row] = await list('?year=2025&month=1');
    expect(row).toEqual({
      match_id: ids[1],
      startTimeUtc: '2025-01-10T15:00:00.000Z',
      homeTeamName: 'Barcelona W',
      awayTeamName: 'Madrid W',
      homeScore: 2,
      awayScore: 1,
      status: 'finished',
      region_id: expect.any(Number),
      region_name: 'Spain Women',
      sex: 1,
    });
  });

  it.skipIf(!driver.available)('limits to one month in UTC, ties broken by match id', async () => {
    expect((await list('?year=2025&month=3')).map((r) => r.match_id)).toEqual([ids[4], ids[3], ids[2]]);
    expect((await list('?year=2025&month=12')).map((r) => r.match_id)).toEqual([ids[5]]);
    expect(await list('?year=2025&month=2')).toEqual([]);
  });

  it.skipIf(!driver.available)('pages with limit and offset', async () => {
    const all = (await list('?year=2025')).map((r) => r.match_id);
    expect(all).toEqual([ids[5], ids[4], ids[3], ids[2], ids[1]]);
    expect((await list('?year=2025&limit=2')).map((r) => r.match_id)).toEqual(all.slice(0, 2));
    expect((await list('?year=2025&limit=2&offset=2')).map((r) => r.match_id)).toEqual(all.slice(2, 4));
    expect(await list('?year=2025&offset=10')).toEqual([]);
    expect((await list('?year=2025&offset=4')).map((r) => r.match_id)).toEqual(all.slice(4));
  });

  it.skipIf(!driver.available)('answers under /v1 and without the trailing slash', async () => {
    expect((await f.app.inject({ url: '/v1/livescores?year=2025' })).statusCode).toBe(200);
    expect((await f.app.inject({ url: '/livescores?year=2025' })).statusCode).toBe(200);
  });

  it.skipIf(!driver.available).each([
    ['year=abc', 'year', 'int_parsing'],
    ['year=1800', 'year', 'greater_than_equal'],
    ['year=2025.5', 'year', 'int_parsing'],
    ['month=0', 'month', 'greater_than_equal'],
    ['month=13', 'month', 'less_than_equal'],
    ['limit=0', 'limit', 'greater_than_equal'],
    ['limit=10001', 'limit', 'less_than_equal'],
    ['offset=-1', 'offset', 'greater_than_equal'],
    ['page=2', 'page', 'extra_forbidden'],
  ])('422 for %s', async (query, field, type) => {
    const res = await f.app.inject({ url: `/livescores/?${query}` });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      detail: [{ loc: ['query', field], msg: expect.any(String), type }],
      code: 'VALIDATION_FAILED',
    });
  });

  it.skipIf(!driver.available)('reports the database as up in /healthcheck/', async () => {
    expect((await f.app.inject({ url: '/healthcheck/' })).json()).toMatchObject({
      status: 'healthy',
      database: true,
    });
  });
});

describe('with the database down', () => {
  let f: ApiFixture;
  let db: Db;
  beforeAll(async () => {
    // Nothing listens on port 1: every query fails fast with ECONNREFUSED.
    db = await openDb({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' });
    f = await createApiFixture({ db, artifacts: false });
  });
  afterAll(async () => {
    await f?.close();
    await db?.close();
  });

  it('keeps /healthcheck/ at 200 but degraded', async () => {
    const res = await f.app.inject({ url: '/healthcheck/' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'degraded', database: false });
  });

  it('stays ready, naming the database as degraded: the pod still answers predictions', async () => {
    const res = await f.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'degraded',
      checks: { database: false, caches: true },
      missing: [],
      degraded: ['database'],
    });
  });

  it('answers the routes that read it 503 with Retry-After, in the error shape, without internals', async () => {
    for (const url of ['/livescores/', '/predict/track-record', '/predict/odds/1', '/predict/history/1']) {
      const res = await f.app.inject({ url, headers: { 'x-api-key': API_KEY } });
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['retry-after'], url).toBe('5');
      expect(res.json(), url).toEqual({
        detail: 'the database does not answer; retry shortly',
        code: 'DATABASE_UNAVAILABLE',
      });
    }
  });
});
