/**
 * How POST bodies are read and refused, through the real Fastify app: JSON as sent (no type coercion), the
 * FastAPI reference's 422s for a body that is not JSON, empty or of another type, and the 1 MiB limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, type ApiFixture, createApiFixture } from '../unit/api/fixture.ts';

let f: ApiFixture;
const auth = { 'x-api-key': API_KEY };

beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => {
  await f?.close();
});

describe('request bodies', () => {
  const post = (payload: string, headers: Record<string, string> = {}) =>
    f.app.inject({
      method: 'POST',
      url: '/predict/async/',
      payload,
      headers: { ...auth, 'content-type': 'application/json', ...headers },
    });

  it('answers malformed or empty JSON with 422 as the FastAPI reference does', async () => {
    for (const [payload, type] of [
      ['{"match_id": ', 'json_invalid'],
      ['', 'missing'],
    ]) {
      const res = await post(payload ?? '');
      expect(res.statusCode, payload).toBe(422);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: [{ loc: ['body'], type }] });
    }
  });

  it('names a prototype key as the reason a JSON body is refused', async () => {
    for (const payload of ['{"match_id": 1000, "__proto__": {"x": 1}}', '{"constructor": {"prototype": {}}}'])
      for (const type of ['application/json', 'application/vnd.api+json', undefined]) {
        const res = await f.app.inject({
          method: 'POST',
          url: '/predict/async/',
          payload,
          headers: { ...auth, ...(type ? { 'content-type': type } : {}) },
        });
        expect(res.statusCode, `${payload} ${type}`).toBe(422);
        expect(res.json()).toMatchObject({
          code: 'VALIDATION_FAILED',
          detail: [{ loc: ['body'], type: 'json_invalid', msg: expect.stringContaining('"__proto__"') }],
        });
      }
    const broken = await post('{"match_id": ');
    expect(broken.json()).toMatchObject({ detail: [{ msg: 'JSON decode error' }] });
  });

  it.each(['null', 'true', '" "', '[1000]', '"1000"'])(
    'answers a match_id of %s with 422: JSON bodies keep their types, nothing is coerced',
    async (value) => {
      const res = await post(`{"match_id":${value}}`);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({
        detail: [{ loc: ['body', 'match_id'], msg: 'Input should be a valid integer', type: 'int_type' }],
        code: 'VALIDATION_FAILED',
      });
    },
  );

  it('answers a body over 1 MiB with 413', async () => {
    const res = await post(JSON.stringify({ match_id: 1, pad: 'x'.repeat(1024 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('reads a body without Content-Type as JSON and refuses any other type as not an object, as FastAPI does', async () => {
    const noType = await f.app.inject({
      method: 'POST',
      url: '/predict/async/',
      payload: '{"match_id": 1000, "extra": 1}',
      headers: auth,
    });
    expect(noType.json()).toMatchObject({ detail: [{ loc: ['body', 'extra'], type: 'extra_forbidden' }] });
    // An empty header is none (read as JSON); one that is no media type at all is any other type.
    for (const type of ['', ' ']) {
      const res = await post('{"match_id": 1000, "extra": 1}', { 'content-type': type });
      expect(res.json(), JSON.stringify(type)).toMatchObject({
        detail: [{ loc: ['body', 'extra'], type: 'extra_forbidden' }],
      });
    }
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', ';', 'a/b/c']) {
      const res = await post('{"match_id": 1000}', { 'content-type': type });
      expect(res.statusCode, type).toBe(422);
      expect(res.json()).toMatchObject({ detail: [{ loc: ['body'], type: 'model_attributes_type' }] });
    }
    const vendor = await post('{"match_id": 1000, "extra": 1}', {
      'content-type': 'application/vnd.api+json; charset=utf-8',
    });
    expect(vendor.json()).toMatchObject({ detail: [{ loc: ['body', 'extra'], type: 'extra_forbidden' }] });
  });

  it('rejects unknown body fields and a missing match_id with 422', async () => {
    const res = await post(JSON.stringify({ match_id: 1000, extra: 1 }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ detail: [{ loc: ['body', 'extra'], type: 'extra_forbidden' }] });
    const missing = await post(JSON.stringify({ stage: 'champion' }));
    expect(missing.json()).toMatchObject({ detail: [{ loc: ['body', 'match_id'], type: 'missing' }] });
  });
});
