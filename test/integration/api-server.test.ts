/**
 * The `matchcast api` process: refuses production mode without API_KEY; in embedded mode makes and prints a
 * key kept under DATA_DIR, serves on PORT, and exits 0 on SIGTERM after closing its queue and database.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnNode, waitForOutput } from '../support/child-process.ts';
import { freePort } from '../support/redis-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'matchcast-api-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('matchcast api', () => {
  it('refuses to start in production mode without API_KEY', async () => {
    const api = spawnNode(['bin/matchcast.js', 'api'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      API_KEY: '',
      DATA_DIR: join(dir, 'prod'),
    });
    expect(await api.exited).toBe(2);
    expect(api.output()).toContain('API_KEY must be set in production mode');
  });

  it('serves the embedded demo with a kept key and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const dataDir = join(dir, 'demo');
    const api = spawnNode(['bin/matchcast.js', 'api'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      API_KEY: '',
      DATABASE_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
    });
    try {
      await waitForOutput(api, /listening on http/, 120_000);
      const key = readFileSync(join(dataDir, 'api-key'), 'utf8').trim();
      expect(api.output()).toContain(`API key (X-API-Key): ${key}`);
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/healthcheck/`);
      expect(health.status).toBe(200);
      expect(health.headers.get('x-request-id')).toBeTruthy();
      expect(((await health.json()) as { database: boolean }).database).toBe(true);
      expect((await fetch(`${base}/predict/predictions/`)).status).toBe(401);
      const predictions = await fetch(`${base}/v1/predict/predictions`, { headers: { 'x-api-key': key } });
      expect(predictions.status).toBe(200);
      expect(await predictions.json()).toEqual([]);
      expect((await fetch(`${base}/`)).headers.get('content-type')).toContain('text/html');
    } finally {
      api.child.kill('SIGTERM');
    }
    expect(await api.exited).toBe(0);
  }, 180_000);
});
