/**
 * The reference contract's status codes at the edges: an unknown stage is 400 naming the allowed aliases,
 * non-finite numbers are 422 on every route, and errors keep the documented `{detail, code}` shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, type ApiFixture, createApiFixture } from '../unit/api/fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => {
  await f?.close();
});

const get = (url: string) => f.app.inject({ method: 'GET', url, headers: { 'x-api-key': API_KEY } });

describe('contract status codes', () => {
  it.each([
    '/predict/1000?stage=bogus',
    '/predict/model/info?stage=bogus',
    '/v1/predict/1000?stage=CHAMPION',
  ])('%s is 400 naming the allowed stages', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      detail: expect.stringMatching(/champion, challenger, candidate/),
      code: 'STAGE_NOT_SERVED',
    });
  });

  it('POST /predict/async/ with an unknown stage is 400 too', async () => {
    const res = await f.app.inject({
      method: 'POST',
      url: '/predict/async/',
      headers: { 'x-api-key': API_KEY },
      payload: { match_id: 1000, stage: 'bogus' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('STAGE_NOT_SERVED');
  });

  it.each([
    '/livescores/?month=Infinity',
    '/livescores/?year=-Infinity',
    '/livescores/?limit=1e400',
    '/livescores/?offset=1e308',
    '/livescores/?month=1e309',
    '/livescores/?month=NaN',
    '/predict/cards/?limit=Infinity',
    '/predict/predictions/?offset=Infinity',
    '/predict/predictions/?region_id=1e400',
  ])('%s is 422, never 500 or everything', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.any(Array) });
  });
});
