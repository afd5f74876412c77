/**
 * The `matchcast api` process: refuses production mode without API_KEY; in embedded mode makes and prints a
 * key kept under DATA_DIR, serves on PORT, and exits 0 on SIGTERM after closing its queue and database. Started
 * while Redis is down, it serves degraded and becomes ready once Redis answers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open-db.ts';
import { eventually, spawnNode, waitForHttp, waitForOutput } from '../support/child-process.ts';
import { freePort, startPrivateRedis } from '../support/redis-server.ts';
import { POSTGRES_URL, postgresAvailable, uniqueName } from '../support/services.ts';

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
    });
    try {
      await waitForOutput(api, /listening on http/, 120_000);
      const key = readFileSync(join(dataDir, 'api-key'), 'utf8').trim();
      // Its output goes to a log collector (not a terminal): every line is a JSON event, and none holds the key.
      const events = api
        .output()
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { msg: string; api_key_in?: string });
      expect(events).toContainEqual(
        expect.objectContaining({ msg: 'generated an API key', api_key_in: join(dataDir, 'api-key') }),
      );
      expect(events.map((e) => e.msg)).toContainEqual(
        expect.stringMatching(/^matchcast api listening on http/),
      );
      expect(api.output()).not.toContain(key);
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

describe('matchcast api started while Redis is down', () => {
  it('serves precomputed reads degraded, says why, and is ready once Redis answers', async () => {
    const redis = await startPrivateRedis();
    await redis.stop();
    const port = await freePort();
    const api = spawnNode(['bin/matchcast.js', 'api'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(dir, 'redis-down'),
      API_KEY: 'redis-down-key-123456',
      DATABASE_URL: '',
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
    });
    const base = `http://127.0.0.1:${port}`;
    const readiness = async () => (await (await fetch(`${base}/readyz`)).json()) as { status: string };
    try {
      await waitForHttp(api, `${base}/healthcheck`, 120_000);
      expect(api.output()).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ .*starting degraded/);
      expect(await readiness()).toMatchObject({ status: 'degraded', degraded: ['queue'] });
      const read = await fetch(`${base}/v1/predict/predictions`, {
        headers: { 'x-api-key': 'redis-down-key-123456' },
      });
      expect(read.status).toBe(200);
      await redis.start();
      await eventually(
        async () => ((await readiness()).status === 'ready' ? true : undefined),
        30_000,
        '/readyz ready once Redis answers',
      );
    } finally {
      api.child.kill('SIGTERM');
      await redis.stop();
    }
    expect(await api.exited).toBe(0);
  }, 180_000);
});

describe.skipIf(!postgresAvailable)('matchcast api --workers 2', () => {
  const schema = uniqueName('t');
  afterAll(async () => {
    const db = await openDb({ databaseUrl: POSTGRES_URL, schema });
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  });

  it('shares the port between two processes and reports their metrics together', async () => {
    const db = await openDb({ databaseUrl: POSTGRES_URL, schema });
    await migrate(db);
    await db.close();
    const port = await freePort();
    const api = spawnNode(['bin/matchcast.js', 'api', '--workers', '2'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(dir, 'cluster'),
      API_KEY: 'cluster-key-123456',
      DATABASE_URL: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      REDIS_URL: '',
    });
    try {
      // Each process says so in a log event of its own (the default level, info).
      await waitForOutput(api, /listening on http[^\n]*\n[\s\S]*listening on http/, 150_000);
      const base = `http://127.0.0.1:${port}`;
      const pids = new Set<number>();
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${base}/healthcheck/`, { headers: { connection: 'close' } });
        pids.add(((await res.json()) as { worker_pid: number }).worker_pid);
      }
      expect(pids.size).toBe(2);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toMatch(
        /^matchcast_http_requests_total\{method="GET",path="\/healthcheck\/",status_code="200"\} 20$/m,
      );
    } finally {
      api.child.kill('SIGTERM');
    }
    expect(await api.exited).toBe(0);
  }, 240_000);
});
