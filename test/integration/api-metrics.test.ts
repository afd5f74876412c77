/**
 * /metrics: the API's series (docs/api.md, GET /metrics: under the matchcast_ prefix) with exactly their names
 * and labels, `path` as the route template (never the raw URL), the default process metrics, and an exposition
 * Prometheus's own promtool accepts.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../../src/queue/start-worker.ts';
import { IN_CI } from '../support/services.ts';
import {
  API_KEY,
  type ApiFixture,
  createApiFixture,
  isInProcess,
  MODEL_NAME,
  registerModel,
} from '../unit/api/fixture.ts';

/** name → label names (sorted), as docs/api.md lists them; histograms are checked on their _count series. */
const METRICS: Record<string, { type: string; labels: string[] }> = {
  matchcast_http_requests_total: { type: 'counter', labels: ['method', 'path', 'status_code'] },
  matchcast_http_request_duration_seconds: { type: 'histogram', labels: ['method', 'path'] },
  matchcast_prediction_requests_total: { type: 'counter', labels: ['source'] },
  matchcast_prediction_duration_seconds: { type: 'histogram', labels: ['source'] },
  matchcast_inference_duration_seconds: { type: 'histogram', labels: [] },
  matchcast_prediction_confidence: { type: 'histogram', labels: ['outcome'] },
  matchcast_model_info: { type: 'gauge', labels: ['model_name', 'stage', 'version'] },
  matchcast_model_registered_at_seconds: { type: 'gauge', labels: ['model_name'] },
  matchcast_model_feature_drift_score: { type: 'gauge', labels: [] },
  matchcast_live_workers: { type: 'gauge', labels: [] },
};

let f: ApiFixture;
let worker: RunningWorker;
let text: string;

function promtoolAvailable(): boolean {
  const probe = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return true;
  if (IN_CI) throw new Error('promtool (Debian package prometheus) is required in CI');
  console.warn(
    '\n!!!!!!!!!! SKIPPING promtool CHECK: promtool is not installed (apt-get install prometheus) !!!!!!!!!!\n',
  );
  return false;
}

beforeAll(async () => {
  f = await createApiFixture();
  await registerModel(f.registry, 'champion');
  if (!isInProcess(f.queue)) throw new Error('expected the in-process queue');
  worker = await startWorker({ queue: f.queue, registry: f.registry, modelName: MODEL_NAME });
  const headers = { 'x-api-key': API_KEY };
  await f.app.inject({ url: '/predict/1003', headers });
  await f.app.inject({ url: '/predict/1004', headers });
  await f.app.inject({ method: 'POST', url: '/predict/async/', payload: { match_id: 1003 }, headers });
  await f.app.inject({ url: '/predict/precomputed/1001', headers });
  await f.app.inject({ url: '/predict/precomputed/77777', headers });
  await f.app.inject({ url: '/v1/predict/precomputed/1002', headers });
  await f.app.inject({ url: '/no/such/route' });
  await f.app.inject({ url: '/monitoring/drift' });
  text = (await f.app.inject({ url: '/metrics' })).body;
});
afterAll(async () => {
  await worker?.close();
  await f?.close();
});

function series(name: string): { labels: Record<string, string>; value: number }[] {
  const out: { labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g))
      labels[pair[1] as string] = pair[2] as string;
    out.push({ labels, value: Number(match[4]) });
  }
  return out;
}

describe('/metrics', () => {
  it.each(Object.entries(METRICS))('exposes %s with its labels', (name, { type, labels }) => {
    expect(text).toContain(`# TYPE ${name} ${type}`);
    const sample = series(type === 'histogram' ? `${name}_count` : name);
    expect(sample.length, `${name} has a series`).toBeGreaterThan(0);
    for (const s of sample) expect(Object.keys(s.labels).sort()).toEqual(labels);
  });

  it('labels requests by route template, never the raw URL', () => {
    const paths = new Set(series('matchcast_http_requests_total').map((s) => s.labels.path));
    expect(paths).toContain('/predict/precomputed/{match_id}');
    expect(paths).toContain('/v1/predict/precomputed/{match_id}');
    expect(paths).toContain('/predict/{match_id}');
    expect(paths).toContain('<unmatched>');
    for (const path of paths) expect(path).not.toMatch(/\d{3,}|no\/such/);
    const notFound = series('matchcast_http_requests_total').find(
      (s) => s.labels.path === '/predict/precomputed/{match_id}' && s.labels.status_code === '404',
    );
    expect(notFound?.value).toBe(1);
  });

  it('counts sync and async predictions apart', () => {
    const bySource = Object.fromEntries(
      series('matchcast_prediction_requests_total').map((s) => [s.labels.source, s.value]),
    );
    expect(bySource).toEqual({ sync: 2, async: 1 });
  });

  it('carries the default process metrics', () => {
    expect(text).toMatch(/^matchcast_process_resident_memory_bytes /m);
    expect(text).toMatch(/^matchcast_nodejs_eventloop_lag_seconds /m);
    expect(text).not.toMatch(/^(process|nodejs)_/m);
  });

  it('passes promtool check metrics', () => {
    if (!promtoolAvailable()) return;
    const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});
