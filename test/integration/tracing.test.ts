/**
 * Traces across API → queue → worker: with tracing on, one live prediction yields an HTTP server span, a queue
 * enqueue span and a worker span (carrying the model run as attributes) sharing one trace id, exported over
 * OTLP/HTTP to a receiver this test runs (node:http). The trace context travels in the queue message itself.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  currentTraceContext,
  inSpan,
  pauseTracing,
  startRequestSpan,
  startTracing,
  type Tracing,
  traceLogFields,
  withTraceContext,
} from '../../src/observability/tracing.ts';
import { type RunningWorker, startWorker } from '../../src/queue/start-worker.ts';
import {
  API_KEY,
  type ApiFixture,
  createApiFixture,
  isInProcess,
  MODEL_NAME,
  registerModel,
} from '../unit/api/fixture.ts';

interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly attributes?: readonly { key: string; value: Record<string, unknown> }[];
}

describe('tracing', () => {
  const spans: OtlpSpan[] = [];
  let receiver: Server;
  let tracing: Tracing;
  let f: ApiFixture;
  let worker: RunningWorker;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        const payload = JSON.parse(body) as {
          resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        for (const r of payload.resourceSpans) for (const s of r.scopeSpans) spans.push(...s.spans);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    tracing = await startTracing({
      serviceName: 'test',
      endpoint: `http://127.0.0.1:${port}`,
      sampler: { name: 'parentbased_always_on', ratio: 1 },
    });
    f = await createApiFixture();
    await registerModel(f.registry, 'champion');
    if (!isInProcess(f.queue)) throw new Error('expected the in-process queue');
    worker = await startWorker({ queue: f.queue, registry: f.registry, modelName: MODEL_NAME });
  });
  afterAll(async () => {
    await worker?.close();
    await f?.close();
    await tracing?.shutdown();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('follows one live prediction from the API into the worker under one trace id', async () => {
    const res = await f.app.inject({ url: '/predict/1003', headers: { 'x-api-key': API_KEY } });
    expect(res.statusCode, res.body).toBe(200);
    await tracing.flush();
    const http = spans.find((s) => s.name === 'GET /predict/{match_id}');
    expect(http, JSON.stringify(spans.map((s) => s.name))).toBeDefined();
    const trace = spans.filter((s) => s.traceId === http?.traceId);
    const byName = (name: string) => trace.find((s) => s.name === name);
    const enqueue = byName('queue.enqueue');
    const processed = byName('worker.process');
    expect(enqueue?.parentSpanId).toBe(http?.spanId);
    // The worker's span continues the context the message carried: a child of the enqueue.
    expect(processed?.parentSpanId).toBe(enqueue?.spanId);
    // The model run is told on the job's span, not in a span of its own.
    const keys = processed?.attributes?.map((a) => a.key) ?? [];
    expect(keys).toEqual(expect.arrayContaining(['model.name', 'model.version', 'inference.duration_ms']));
  });

  it("continues a caller's trace (W3C traceparent), and records nothing of one the caller did not sample", async () => {
    await tracing.flush();
    const before = spans.length;
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const predict = (traceparent: string) =>
      f.app.inject({ url: '/predict/1003', headers: { 'x-api-key': API_KEY, traceparent } });
    expect((await predict(`00-${traceId}-${callerSpan}-01`)).statusCode).toBe(200);
    await tracing.flush();
    const continued = spans.slice(before);
    expect(continued.find((s) => s.name === 'GET /predict/{match_id}')).toMatchObject({
      traceId,
      parentSpanId: callerSpan,
    });
    expect(continued.find((s) => s.name === 'worker.process')?.traceId).toBe(traceId);
    expect((await predict(`00-${'a'.repeat(32)}-${callerSpan}-00`)).statusCode).toBe(200);
    await tracing.flush();
    expect(spans.length).toBe(continued.length + before);
    // A header that is no trace context starts a trace of its own.
    expect((await predict('not a traceparent')).statusCode).toBe(200);
    await tracing.flush();
    const own = spans.slice(before + continued.length).find((s) => s.name === 'GET /predict/{match_id}');
    expect(own?.parentSpanId ?? '').toBe('');
    expect(own?.traceId).not.toBe(traceId);
  });

  it('makes no span while paused (the paired bench), and spans again once resumed', async () => {
    await tracing.flush();
    const before = spans.length;
    pauseTracing(true);
    try {
      const res = await f.app.inject({ url: '/predict/1003', headers: { 'x-api-key': API_KEY } });
      expect(res.statusCode, res.body).toBe(200);
      await tracing.flush();
      expect(spans.length).toBe(before);
    } finally {
      pauseTracing(false);
    }
    const res = await f.app.inject({ url: '/predict/1003', headers: { 'x-api-key': API_KEY } });
    expect(res.statusCode, res.body).toBe(200);
    await tracing.flush();
    expect(spans.slice(before).map((s) => s.name)).toEqual(
      expect.arrayContaining(['GET /predict/{match_id}', 'queue.enqueue', 'worker.process']),
    );
  });

  it('continues in a worker only the traces its producer sampled, and starts one for a message with none', async () => {
    await tracing.flush();
    const before = spans.length;
    const job = (name: string) =>
      inSpan(name, {}, async () => ({ log: traceLogFields(), carried: currentTraceContext() }));
    const unsampledParent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00';
    // The producer decided not to sample: an empty carrier, or an unsampled traceparent.
    const empty = await withTraceContext({}, () => job('job.empty'));
    const unsampled = await withTraceContext({ traceparent: unsampledParent }, () => job('job.unsampled'));
    // A message from a producer that traced nothing: the worker's own sampler decides (here: always on).
    const none = await withTraceContext(undefined, () => job('job.none'));
    await tracing.flush();
    const names = spans.slice(before).map((s) => s.name);
    expect(names).toEqual(['job.none']);
    // Unsampled work logs no trace ids (there is no trace to look them up in) and passes the decision on.
    expect(empty).toEqual({ log: {}, carried: {} });
    expect(unsampled).toEqual({ log: {}, carried: {} });
    // pino merges each line's own fields into the object the mixin returns.
    expect(Object.isExtensible(empty.log)).toBe(true);
    const root = spans.find((s) => s.name === 'job.none');
    expect(none.log).toEqual({ trace_id: root?.traceId, span_id: root?.spanId });
    expect(none.carried?.traceparent).toBe(`00-${root?.traceId}-${root?.spanId}-01`);
  });
});

describe('tracing with head sampling that drops every trace', () => {
  let exportedRequests = 0;
  let receiver: Server;
  let tracing: Tracing;
  let f: ApiFixture;
  let worker: RunningWorker;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      exportedRequests += 1;
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    tracing = await startTracing({
      serviceName: 'test',
      endpoint: `http://127.0.0.1:${port}`,
      sampler: { name: 'parentbased_traceidratio', ratio: 0 },
    });
    f = await createApiFixture();
    await registerModel(f.registry, 'champion');
    if (!isInProcess(f.queue)) throw new Error('expected the in-process queue');
    worker = await startWorker({ queue: f.queue, registry: f.registry, modelName: MODEL_NAME });
  });
  afterAll(async () => {
    await worker?.close();
    await f?.close();
    await tracing?.shutdown();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('serves the prediction and exports nothing', async () => {
    const res = await f.app.inject({ url: '/predict/1003', headers: { 'x-api-key': API_KEY } });
    expect(res.statusCode, res.body).toBe(200);
    await tracing.flush();
    expect(exportedRequests).toBe(0);
  });

  it('keeps a trace its caller sampled, although the ratio keeps none (parent-based sampling)', async () => {
    const res = await f.app.inject({
      url: '/predict/1003',
      headers: {
        'x-api-key': API_KEY,
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    await tracing.flush();
    expect(exportedRequests).toBeGreaterThan(0);
  });

  it('runs a dropped request in the unsampled context, so the job it enqueues tells the worker not to sample', () => {
    const request = startRequestSpan(() => {
      throw new Error('the name and attributes are built only for a sampled request');
    });
    expect(request.recording).toBe(false);
    let seen: unknown;
    request.run(() => {
      seen = { carried: currentTraceContext(), log: traceLogFields() };
    });
    expect(seen).toEqual({ carried: {}, log: {} });
  });
});
