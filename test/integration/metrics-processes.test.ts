/**
 * Every series of src/config/metric-names.ts, scraped from the real /metrics of separate `matchcast api`,
 * `matchcast worker` and `matchcast scheduler` processes after one live prediction (real PostgreSQL in the
 * test's own schema, real Redis under the test's own prefix); workers and the scheduler serve theirs, with
 * /livez and /readyz, on METRICS_PORT. The scheduler serves its own `pipeline` queue beside `ml`, and the last
 * success of its stages as the runs table had it when it started. (The embedded `matchcast start` is checked in
 * start.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES, type MetricName } from '../../src/config/metric-names.ts';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open-db.ts';
import { createModelRegistry } from '../../src/registry/model-registry.ts';
import { createRunRepository } from '../../src/registry/run-repository.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { eventually, type Spawned, spawnNode, waitForHttp } from '../support/child-process.ts';
import { declaredType, seriesOf } from '../support/metrics-text.ts';
import { deleteRedisPrefix, freePort } from '../support/redis-server.ts';
import {
  POSTGRES_URL,
  postgresAvailable,
  REDIS_URL,
  redisAvailable,
  uniqueName,
} from '../support/services.ts';
import { API_KEY, MODEL_NAME, registerModel, writeAllArtifacts } from '../unit/api/fixture.ts';

/** Which process serves which series, and those that must have a sample after one prediction. */
const API: readonly MetricName[] = [
  'matchcast_http_requests_total',
  'matchcast_http_request_duration_seconds',
  'matchcast_prediction_requests_total',
  'matchcast_prediction_duration_seconds',
  'matchcast_inference_duration_seconds',
  'matchcast_prediction_confidence',
  'matchcast_model_info',
  'matchcast_model_registered_at_seconds',
  'matchcast_model_feature_drift_score',
  'matchcast_live_workers',
  'matchcast_provider_sources_stale',
  'matchcast_queue_jobs',
  'matchcast_queue_oldest_waiting_age_seconds',
  'matchcast_queue_reachable',
  'matchcast_artifact_load_failures_total',
];
const API_DECLARED: readonly MetricName[] = ['matchcast_model_rolling_log_loss'];
const WORKER: readonly MetricName[] = [
  'matchcast_queue_jobs',
  'matchcast_queue_oldest_waiting_age_seconds',
  'matchcast_queue_reachable',
  'matchcast_queue_job_duration_seconds',
  'matchcast_worker_inference_duration_seconds',
  'matchcast_worker_jobs_total',
  'matchcast_worker_model_info',
  'matchcast_worker_model_fallback',
  'matchcast_worker_model_load_failures_total',
];
const WORKER_DECLARED: readonly MetricName[] = [];
const SCHEDULER: readonly MetricName[] = [
  'matchcast_pipeline_schedule_interval_seconds',
  'matchcast_pipeline_stage_last_success_timestamp_seconds',
  'matchcast_queue_jobs',
  'matchcast_queue_oldest_waiting_age_seconds',
  'matchcast_queue_reachable',
  // From 0 for every stage before any run, so increase() sees the first failure.
  'matchcast_pipeline_stage_failures_total',
  'matchcast_pipeline_rows_written_total',
];
const SCHEDULER_DECLARED: readonly MetricName[] = ['matchcast_pipeline_stage_duration_seconds'];

describe.skipIf(!redisAvailable || !postgresAvailable)('/metrics of api, worker and scheduler', () => {
  const schema = uniqueName('t');
  const prefix = uniqueName('mcmet');
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-metrics-'));
  const artifactDir = join(dir, 'artifacts');
  const children: Spawned[] = [];
  let db: Db;
  let ports: { api: number; worker: number; scheduler: number };
  /** When monitor_drift last succeeded according to the runs table, before the scheduler started. */
  let driftSucceededAt: Date;
  const text: Record<'api' | 'worker' | 'scheduler', string> = { api: '', worker: '', scheduler: '' };

  const env = (extra: Record<string, string>) => ({
    REDIS_URL,
    DATABASE_URL: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    ARTIFACT_STORE: artifactDir,
    MODEL_NAME,
    DATA_DIR: join(dir, 'var'),
    HOST: '127.0.0.1',
    API_KEY,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    ...extra,
  });
  const spawnRole = (args: string[], extra: Record<string, string>) => {
    const spawned = spawnNode(['bin/matchcast.js', ...args, '--prefix', prefix], env(extra));
    children.push(spawned);
    return spawned;
  };
  const get = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`);

  beforeAll(async () => {
    db = await openDb({ databaseUrl: POSTGRES_URL, schema });
    await migrate(db);
    const store = createFileArtifactStore(artifactDir);
    await writeAllArtifacts(store);
    await registerModel(createModelRegistry({ db, store }), 'champion');
    // A success from before this scheduler's time, and a failure after it: the scheduler starts with the success.
    const runs = createRunRepository(db);
    const success = await runs.start({ experiment: 'pipeline', stage: 'monitor_drift' });
    driftSucceededAt = (await runs.finish(success.runId, { status: 'success' })).endedAt as Date;
    const failure = await runs.start({ experiment: 'pipeline', stage: 'monitor_drift' });
    await runs.finish(failure.runId, { status: 'failed', error: 'no report' });
    ports = { api: await freePort(), worker: await freePort(), scheduler: await freePort() };
    spawnRole(['worker', '--concurrency', '2', '--name', 'metrics-worker'], {
      METRICS_PORT: String(ports.worker),
    });
    spawnRole(['scheduler'], { METRICS_PORT: String(ports.scheduler) });
    const api = spawnRole(['api'], { PORT: String(ports.api), METRICS_PORT: '0' });
    await waitForHttp(api, `http://127.0.0.1:${ports.api}/healthcheck`, 120_000);
    for (const port of [ports.worker, ports.scheduler])
      await eventually(async () => ((await get(port, '/readyz')).ok ? true : undefined), 120_000, 'ready');
    const headers = { 'x-api-key': API_KEY };
    await eventually(
      async () => ((await get(ports.api, '/monitoring/celery/workers')).ok ? true : undefined),
      30_000,
      'api answers',
    );
    const live = await eventually(
      async () => {
        const res = await fetch(`http://127.0.0.1:${ports.api}/predict/1003`, { headers });
        return res.status === 200 ? res : undefined;
      },
      60_000,
      'one live prediction through the worker',
    );
    expect(live.status).toBe(200);
    text.api = await (await get(ports.api, '/metrics')).text();
    text.worker = await (await get(ports.worker, '/metrics')).text();
    text.scheduler = await (await get(ports.scheduler, '/metrics')).text();
  }, 300_000);

  afterAll(async () => {
    for (const spawned of children) spawned.child.kill('SIGTERM');
    await Promise.all(children.map((s) => s.exited));
    await deleteRedisPrefix(REDIS_URL, prefix);
    await db?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('names every series of the list exactly once across the three roles', () => {
    const all = new Set([
      ...API,
      ...API_DECLARED,
      ...WORKER,
      ...WORKER_DECLARED,
      ...SCHEDULER,
      ...SCHEDULER_DECLARED,
    ]);
    expect([...all].sort()).toEqual([...METRIC_NAMES].sort());
  });

  it.each([
    ['api', API, API_DECLARED],
    ['worker', WORKER, WORKER_DECLARED],
    ['scheduler', SCHEDULER, SCHEDULER_DECLARED],
  ] as const)('%s serves its series', (role, withSamples, declared) => {
    const body = text[role];
    for (const name of [...withSamples, ...declared]) expect(declaredType(body, name), name).toBeDefined();
    for (const name of withSamples)
      expect(seriesOf(body, name).length, `${name} on ${role}`).toBeGreaterThan(0);
    expect(body).toMatch(/^matchcast_process_resident_memory_bytes /m);
  });

  it('counts the job by state and outcome', () => {
    const completed = seriesOf(text.worker, 'matchcast_worker_jobs_total').find(
      (s) => s.labels.task === 'predict_match' && s.labels.outcome === 'completed',
    );
    expect(completed?.value).toBeGreaterThanOrEqual(1);
    // Failures count from 0, before the first one: increase() would not see a series born at 1.
    const failed = seriesOf(text.worker, 'matchcast_worker_jobs_total').find(
      (s) => s.labels.outcome === 'failed',
    );
    expect(failed?.value).toBe(0);
    const artifacts = seriesOf(text.api, 'matchcast_artifact_load_failures_total');
    expect(artifacts.map((s) => s.labels.artifact)).toContain('predictions/predictions.parquet');
    expect(artifacts.every((s) => s.value === 0)).toBe(true);
    expect(seriesOf(text.worker, 'matchcast_worker_model_load_failures_total')).toEqual([
      expect.objectContaining({ labels: { model_name: MODEL_NAME }, value: 0 }),
    ]);
    const states = seriesOf(text.api, 'matchcast_queue_jobs').map((s) => s.labels.state);
    expect(states.sort()).toEqual(['active', 'completed', 'delayed', 'failed', 'waiting']);
    expect(seriesOf(text.worker, 'matchcast_worker_model_info')[0]?.labels).toEqual({
      model_name: MODEL_NAME,
      version: '1',
    });
    expect(seriesOf(text.api, 'matchcast_live_workers')[0]?.value).toBe(1);
  });

  it('serves the pipeline queue from the scheduler, beside the ml queue every role serves', () => {
    const queues = (role: 'api' | 'worker' | 'scheduler') =>
      seriesOf(text[role], 'matchcast_queue_reachable')
        .filter((s) => s.value === 1)
        .map((s) => s.labels.queue)
        .sort();
    expect(queues('scheduler')).toEqual(['ml', 'pipeline']);
    expect(queues('api')).toEqual(['ml']);
    expect(queues('worker')).toEqual(['ml']);
    const pipeline = seriesOf(text.scheduler, 'matchcast_queue_jobs').filter(
      (s) => s.labels.queue === 'pipeline',
    );
    expect(pipeline.map((s) => s.labels.state).sort()).toEqual([
      'active',
      'completed',
      'delayed',
      'failed',
      'waiting',
    ]);
    // One delayed firing per job scheduler of params.yaml `schedule:` (nothing is due during the test).
    expect(pipeline.find((s) => s.labels.state === 'delayed')?.value).toBeGreaterThan(0);
    expect(
      seriesOf(text.scheduler, 'matchcast_queue_oldest_waiting_age_seconds').find(
        (s) => s.labels.queue === 'pipeline',
      )?.value,
    ).toBe(0);
  });

  it("starts the scheduler's last-success gauge from the runs table", () => {
    const seeded = seriesOf(text.scheduler, 'matchcast_pipeline_stage_last_success_timestamp_seconds');
    expect(seeded).toEqual([
      { labels: { stage: 'monitor_drift' }, value: driftSucceededAt.getTime() / 1000 },
    ]);
  });

  it('serves /livez and /readyz beside /metrics on METRICS_PORT', async () => {
    for (const port of [ports.worker, ports.scheduler]) {
      expect(await (await get(port, '/livez')).json()).toEqual({ status: 'alive' });
      expect(await (await get(port, '/readyz')).json()).toMatchObject({
        status: 'ready',
        checks: { database: true, queue: true },
      });
    }
    expect(await (await get(ports.api, '/livez')).json()).toEqual({ status: 'alive' });
  });
});
