/**
 * A worker whose new champion cannot load keeps serving the last good version and says so: the
 * `matchcast_worker_model_fallback` gauge is 1 for the alias while it does (0 once the new version loads), and
 * one log line names both versions. Real worker on the in-process queue, real registry (PGlite) and ONNX.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueueMetrics } from '../../src/queue/queue-metrics.ts';
import { type RunningWorker, startWorker } from '../../src/queue/start-worker.ts';
import { eventually } from '../support/child-process.ts';
import {
  API_KEY,
  type ApiFixture,
  createApiFixture,
  isInProcess,
  MODEL_NAME,
  registerModel,
} from '../unit/api/fixture.ts';

describe('worker model fallback', () => {
  let f: ApiFixture;
  let worker: RunningWorker;
  const metrics = new Registry();
  const lines: { msg?: string; wanted_version?: number; serving_version?: number }[] = [];

  beforeAll(async () => {
    f = await createApiFixture();
    await registerModel(f.registry, 'champion');
    if (!isInProcess(f.queue)) throw new Error('expected the in-process queue');
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
          done();
        },
      }),
    );
    worker = await startWorker({
      queue: f.queue,
      registry: f.registry,
      modelName: MODEL_NAME,
      aliasTtlMs: 50,
      logger,
      metrics: { registry: metrics, queue: createQueueMetrics(metrics, f.queue) },
    });
  });
  afterAll(async () => {
    await worker?.close();
    await f?.close();
  });

  const fallbackGauge = async () => {
    const text = await metrics.metrics();
    const line = text
      .split('\n')
      .find((l) =>
        l.startsWith(`matchcast_worker_model_fallback{model_name="${MODEL_NAME}",alias="champion"}`),
      );
    return line === undefined ? undefined : Number(line.split(' ').pop());
  };
  const predicted = async () => {
    const res = await f.app.inject({ url: '/predict/1003', headers: { 'x-api-key': API_KEY } });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { prediction: { model_version: string } }).prediction.model_version;
  };

  it('is 0 while the champion loads, 1 while a broken champion is replaced by the last good one', async () => {
    expect(await predicted()).toBe('1');
    expect(await fallbackGauge()).toBe(0);

    const broken = await registerModel(f.registry, 'candidate');
    writeFileSync(join(f.dir, 'artifacts', broken.artifactKey), new Uint8Array(0));
    await f.registry.promote({
      name: MODEL_NAME,
      version: broken.version,
      alias: 'champion',
      actor: 't',
      reason: 'r',
    });
    // The API pins the version it resolved (its answer is trusted 2 s): wait until the worker is asked for v2.
    await eventually(
      async () => ((await predicted()) === '1' && (await fallbackGauge()) === 1) || undefined,
      8000,
      'fallback',
    );
    expect(await predicted()).toBe('1');

    const said = lines.filter((l) => l.msg?.includes('still serving version 1'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ wanted_version: broken.version, serving_version: 1 });
    expect(said[0]?.msg).toBe(
      `cannot load ${MODEL_NAME} version ${broken.version} (champion); still serving version 1`,
    );

    await f.registry.promote({ name: MODEL_NAME, version: 1, alias: 'champion', actor: 't', reason: 'r' });
    await eventually(
      async () => ((await predicted()) === '1' && (await fallbackGauge()) === 0) || undefined,
      8000,
      'recovered',
    );
  });
});
