/**
 * Live and async predictions through the real app, registry, ONNX model and in-process queue with a real
 * worker attached; plus the failure answers (503 no worker, 504 timeout, 500 task failed) with workers that
 * misbehave on purpose, and the inline mode giving the same answer without the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessTaskQueue } from '../../src/queue/in-process-task-queue.ts';
import { UnrecoverableTaskError } from '../../src/queue/queue-errors.ts';
import { type RunningWorker, startWorker } from '../../src/queue/start-worker.ts';
import {
  API_KEY,
  type ApiFixture,
  createApiFixture,
  FEATURE_NAMES,
  isInProcess,
  MODEL_NAME,
  registerModel,
} from '../unit/api/fixture.ts';

let f: ApiFixture;
let worker: RunningWorker;
const auth = { 'x-api-key': API_KEY };

beforeAll(async () => {
  f = await createApiFixture();
  await registerModel(f.registry, 'champion');
  if (!isInProcess(f.queue)) throw new Error('expected the in-process queue');
  worker = await startWorker({ queue: f.queue, registry: f.registry, modelName: MODEL_NAME, concurrency: 2 });
});
afterAll(async () => {
  await worker?.close();
  await f?.close();
});

const get = (app: ApiFixture, url: string) => app.app.inject({ url, headers: auth });

async function pollTask(taskId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const body = (await get(f, `/monitoring/task_status/${taskId}`)).json() as Record<string, unknown>;
    if (body.status === 'success' || body.status === 'failure') return body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`task ${taskId} did not finish`);
}

describe('GET /predict/{match_id}', () => {
  it('runs the champion through the queue and answers the contract shape', async () => {
    const res = await get(f, '/predict/1004');
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      match_id: number;
      task_id: string;
      prediction: { probabilities: Record<'0' | '1' | '2', number>; predicted_class: number };
    };
    expect(body).toEqual({
      match_id: 1004,
      task_id: expect.any(String),
      // The fixture's matches kicked off in 2026's spring: an answer now is hindsight, and says so.
      hindsight: true,
      prediction: {
        predicted_class: expect.any(Number),
        predicted_label: expect.stringMatching(/^(home_win|draw|away_win)$/),
        probabilities: { '0': expect.any(Number), '1': expect.any(Number), '2': expect.any(Number) },
        model_name: MODEL_NAME,
        model_version: '1',
        model_stage: 'champion',
        model_run_id: null,
      },
    });
    const p = body.prediction.probabilities;
    expect(p['0'] + p['1'] + p['2']).toBeCloseTo(1, 5);
    const status = await pollTask(body.task_id);
    expect(status).toMatchObject({
      task_id: body.task_id,
      status: 'success',
      result: { match_id: 1004, hindsight: true },
    });
  });

  it('answers 404 for a match not in the feature file', async () => {
    const res = await get(f, '/predict/424242');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'MATCH_NOT_FOUND' });
  });

  it('answers 400 for a stage no version holds, and for a stage that does not exist (as the reference)', async () => {
    const res = await get(f, '/predict/1004?stage=challenger');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      detail: 'no model version is challenger; stages held now: champion',
      code: 'STAGE_NOT_SERVED',
    });
    const info = await get(f, '/predict/model/info?stage=challenger');
    expect([info.statusCode, info.json().detail]).toEqual([400, res.json().detail]);
    const bad = await get(f, '/predict/1004?stage=production');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      detail: 'unknown stage "production": expected one of champion, challenger, candidate',
      code: 'STAGE_NOT_SERVED',
    });
  });

  it('counts and times predictions in /metrics', async () => {
    const text = (await f.app.inject({ url: '/metrics' })).body;
    expect(text).toMatch(/^matchcast_prediction_requests_total\{source="sync"\} [1-9]/m);
    expect(text).toMatch(/^matchcast_prediction_duration_seconds_count\{source="sync"\} [1-9]/m);
    expect(text).toMatch(/^matchcast_inference_duration_seconds_count [1-9]/m);
    expect(text).toMatch(
      /^matchcast_prediction_confidence_count\{outcome="(home_win|draw|away_win)"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^matchcast_model_info\{model_name="soccer-match-outcome",version="1",stage="champion"\} 1$/m,
    );
    expect(text).toMatch(/^matchcast_model_registered_at_seconds\{model_name="soccer-match-outcome"\} \d/m);
  });
});

describe('POST /predict/async/', () => {
  const post = (payload: unknown) =>
    f.app.inject({ method: 'POST', url: '/predict/async/', payload: payload as object, headers: auth });

  it('answers 202 with a task id that task_status resolves', async () => {
    const res = await post({ match_id: 1005 });
    expect(res.statusCode).toBe(202);
    const body = res.json() as { task_id: string; status: string };
    expect(body).toEqual({ task_id: expect.any(String), status: 'queued' });
    expect(await pollTask(body.task_id)).toMatchObject({ status: 'success', result: { match_id: 1005 } });
    expect((await f.app.inject({ url: '/metrics' })).body).toMatch(
      /^matchcast_prediction_requests_total\{source="async"\} 1$/m,
    );
  });

  it('answers 404 and 400 like the sync route', async () => {
    expect((await post({ match_id: 424242 })).statusCode).toBe(404);
    expect((await post({ match_id: 1005, stage: 'challenger' })).statusCode).toBe(400);
  });
});

describe('GET /predict/model/info', () => {
  it('describes the champion by default', async () => {
    const res = await get(f, '/predict/model/info');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      model_name: MODEL_NAME,
      stage: 'champion',
      version: '1',
      run_id: null,
      // MLflow's shapes: the metric recorded as a text is a param, the table is left to `matchcast models show`.
      metrics: { log_loss: 1.01 },
      params: { l2: '1', converged: 'true', family: 'logreg', test_from: '2024-07-01' },
      feature_names: [...FEATURE_NAMES],
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('answers 400 for a stage no version holds', async () => {
    expect((await get(f, '/predict/model/info?stage=candidate')).statusCode).toBe(400);
  });
});

describe('GET /predict/model/history', () => {
  it('lists every alias move, newest first, behind the API key', async () => {
    const res = await get(f, '/predict/model/history');
    expect(res.statusCode).toBe(200);
    const entries = res.json() as Record<string, unknown>[];
    expect(entries.at(-1)).toEqual({
      alias: 'champion',
      from_version: null,
      to_version: '1',
      actor: 'registry',
      reason: 'registered version 1',
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      rollback: false,
    });
    expect((await f.app.inject({ method: 'GET', url: '/predict/model/history' })).statusCode).toBe(401);
  });
});

describe('GET /monitoring/celery/workers', () => {
  it('lists the live worker with the models it loaded', async () => {
    const body = (await get(f, '/monitoring/celery/workers')).json() as {
      workers: Record<string, unknown>[];
    };
    expect(body.workers).toHaveLength(1);
    expect(body.workers[0]).toEqual({
      name: worker.name,
      queues: ['ml'],
      ping: true,
      pid: process.pid,
      hostname: expect.any(String),
      last_heartbeat: expect.any(String),
      models_loaded: ['soccer-match-outcome@champion:1'],
    });
  });
});

describe('queue failures', () => {
  it('answers 503 at once when no worker is alive', async () => {
    const idle = await createApiFixture({ db: f.db, store: f.store });
    try {
      const res = await get(idle, '/predict/1004');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'NO_WORKER_ALIVE' });
    } finally {
      await idle.close();
    }
  });

  it('answers 504 when the worker does not answer within PREDICT_TIMEOUT_MS', async () => {
    const queue = createInProcessTaskQueue();
    const stuck: (() => void)[] = [];
    const attached = queue.attachWorker({
      name: 'stuck',
      concurrency: 4,
      run: () => new Promise((resolve) => stuck.push(() => resolve(null))),
      modelsLoaded: () => [],
    });
    const slow = await createApiFixture({ db: f.db, store: f.store, queue, predictTimeoutMs: 150 });
    try {
      const res = await get(slow, '/predict/1004');
      expect(res.statusCode).toBe(504);
      expect(res.json()).toMatchObject({ code: 'INFERENCE_TIMEOUT' });
    } finally {
      for (const release of stuck) release();
      await attached.close();
      await slow.close();
      await queue.close();
    }
  });

  it('answers 500 when the task failed on the worker', async () => {
    const queue = createInProcessTaskQueue();
    const attached = queue.attachWorker({
      name: 'broken',
      concurrency: 1,
      run: async () => {
        throw new UnrecoverableTaskError('model exploded');
      },
      modelsLoaded: () => [],
    });
    const broken = await createApiFixture({ db: f.db, store: f.store, queue });
    try {
      const res = await get(broken, '/predict/1004');
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({
        code: 'TASK_FAILED',
        detail: expect.stringContaining('model exploded'),
      });
    } finally {
      await attached.close();
      await broken.close();
      await queue.close();
    }
  });
});

describe('INFERENCE_MODE=inline', () => {
  it('gives the queue’s answer without a task, and the same 404/400', async () => {
    const viaQueue = (await get(f, '/predict/1007')).json() as { prediction: unknown };
    const inline = await createApiFixture({ db: f.db, store: f.store, inferenceMode: 'inline' });
    try {
      const res = await get(inline, '/predict/1007');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        match_id: 1007,
        task_id: null,
        hindsight: true,
        prediction: viaQueue.prediction,
      });
      expect((await get(inline, '/predict/424242')).statusCode).toBe(404);
      expect((await get(inline, '/predict/1007?stage=challenger')).statusCode).toBe(400);
    } finally {
      await inline.close();
    }
  });
});
