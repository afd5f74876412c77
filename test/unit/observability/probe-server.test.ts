import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProbeServer, startProbeServer } from '../../../src/observability/probe-server.ts';

let probes: ProbeServer;
beforeAll(async () => {
  probes = await startProbeServer({
    port: 0,
    host: '127.0.0.1',
    registry: new Registry(),
    readiness: async () => ({ database: true, queue: false }),
  });
});
afterAll(async () => {
  await probes?.close();
});

const call = (path: string, method = 'GET') => fetch(`http://127.0.0.1:${probes.port}${path}`, { method });

describe('probe server', () => {
  it('answers liveness, and readiness naming what does not answer', async () => {
    expect(await (await call('/livez')).json()).toEqual({ status: 'alive' });
    const ready = await call('/readyz/');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'not_ready',
      checks: { database: true, queue: false },
      missing: ['queue'],
      degraded: [],
    });
  });

  it('stays ready with a check that is not required failing, naming it as degraded', async () => {
    const worker = await startProbeServer({
      port: 0,
      host: '127.0.0.1',
      registry: new Registry(),
      readiness: async () => ({ database: false, queue: true }),
      required: ['queue'],
    });
    try {
      const ready = await fetch(`http://127.0.0.1:${worker.port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'degraded',
        checks: { database: false, queue: true },
        missing: [],
        degraded: ['database'],
      });
    } finally {
      await worker.close();
    }
  });

  it('answers another method with 405 and Allow, and another path with 404', async () => {
    const wrong = await call('/metrics', 'POST');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
    expect((await call('/nope')).status).toBe(404);
  });
});
