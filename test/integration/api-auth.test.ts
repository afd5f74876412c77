/** Every /predict/* route refuses a missing or wrong key; /monitoring/* has its own key when one is set. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, type ApiFixture, createApiFixture } from '../unit/api/fixture.ts';

let f: ApiFixture;
const auth = { 'x-api-key': API_KEY };
const get = (url: string, headers: Record<string, string> = auth) =>
  f.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  f = await createApiFixture({ monitoringApiKey: 'monitor-key-123' });
});
afterAll(async () => {
  await f?.close();
});

describe('auth', () => {
  it.each([
    '/predict/predictions/',
    '/predict/precomputed/1000',
    '/predict/cards/',
    '/predict/region-roi/',
    '/predict/odds/',
    '/predict/history/1000',
    '/predict/1000',
    '/predict/model/info',
  ])('GET %s without or with a wrong X-API-Key is 401', async (url) => {
    const attempts: Record<string, string>[] = [{}, { 'x-api-key': 'wrong' }, { 'x-api-key': `${API_KEY}x` }];
    for (const headers of attempts) {
      const res = await get(url, headers);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ detail: expect.any(String), code: 'UNAUTHORIZED' });
    }
  });

  it('POST /predict/async/ without a key is 401 before the body is looked at', async () => {
    const res = await f.app.inject({ method: 'POST', url: '/predict/async/', payload: { nonsense: true } });
    expect(res.statusCode).toBe(401);
  });

  it('guards /monitoring/* with MONITORING_API_KEY when set', async () => {
    expect((await get('/monitoring/drift', {})).statusCode).toBe(401);
    expect((await get('/monitoring/drift', auth)).statusCode).toBe(401);
    expect((await get('/monitoring/drift', { 'x-api-key': 'monitor-key-123' })).statusCode).toBe(200);
  });

  it('marks every answer given for a key private and to revalidate, 304 and 404 included', async () => {
    // X-API-Key is no Authorization header: without this a shared cache could hand the answer to anyone.
    const cards = await get('/predict/cards/');
    const notModified = await get('/v1/predict/cards/', {
      ...auth,
      'if-none-match': String(cards.headers.etag),
    });
    expect(notModified.statusCode).toBe(304);
    const answers = [
      cards,
      notModified,
      await get('/predict/precomputed/1000'),
      await get('/predict/precomputed/999999'),
      await get('/predict/track-record/method'),
      await get('/monitoring/drift', { 'x-api-key': 'monitor-key-123' }),
    ];
    for (const res of answers)
      expect(res.headers['cache-control'], String(res.statusCode)).toBe('private, no-cache');
    expect((await get('/predict/cards/', {})).headers['cache-control']).toBeUndefined();
    expect((await get('/livescores/', {})).headers['cache-control']).toBeUndefined();
  });

  it('leaves /healthcheck/, /livescores/, /metrics and /readyz open', async () => {
    for (const url of ['/healthcheck/', '/livescores/', '/metrics', '/readyz']) {
      expect((await get(url, {})).statusCode, url).toBe(200);
    }
  });
});
