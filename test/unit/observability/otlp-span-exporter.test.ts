/**
 * The lean span processor sends what the SDK's OTLP/HTTP JSON exporter would: the same spans, field for field,
 * parsed from both bodies. Also: a full batch goes at once, an unsampled span never leaves, ids are valid.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOtlpSpanProcessor } from '../../../src/observability/otlp-span-exporter.ts';
import { createRandomIdGenerator } from '../../../src/observability/random-id-generator.ts';

describe('createOtlpSpanProcessor', () => {
  const bodies: string[] = [];
  let receiver: Server;
  let url: string;

  beforeEach(async () => {
    bodies.length = 0;
    receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/traces`;
  });
  afterEach(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('sends the same OTLP/JSON as the SDK exporter', async () => {
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'matchcast-test' }),
      spanProcessors: [new SimpleSpanProcessor(memory), createOtlpSpanProcessor({ url })],
    });
    const tracer = provider.getTracer('matchcast');
    tracer.startActiveSpan('GET /predict/{match_id}', { kind: SpanKind.SERVER }, (parent) => {
      const child = tracer.startSpan('queue.enqueue', {
        kind: SpanKind.PRODUCER,
        attributes: { task: 'predict_match', 'inference.duration_ms': 1.25, 'model.version': 3, ok: true },
      });
      child.setAttribute('tags', ['a', 'b "quoted"']);
      child.recordException(new Error('went "wrong"\n'));
      child.setStatus({ code: SpanStatusCode.ERROR, message: 'went wrong' });
      child.end();
      parent.setAttribute('http.response.status_code', 200);
      parent.end();
    });
    await provider.forceFlush();
    const sdk = JSON.parse(
      new TextDecoder().decode(JsonTraceSerializer.serializeRequest(memory.getFinishedSpans())),
    );
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0] as string)).toEqual(sdk);
    await provider.shutdown();
  });

  it('sends a full batch at once and never an unsampled span', async () => {
    const sampled = new BasicTracerProvider({
      spanProcessors: [createOtlpSpanProcessor({ url, maxBatchSize: 3, scheduledDelayMs: 60_000 })],
    });
    for (let i = 0; i < 3; i++) sampled.getTracer('t').startSpan(`s${i}`).end();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bodies).toHaveLength(1);
    await sampled.shutdown();

    const dropped = new BasicTracerProvider({
      sampler: new AlwaysOffSampler(),
      spanProcessors: [createOtlpSpanProcessor({ url })],
    });
    const span = dropped.getTracer('t').startSpan('never');
    span.end();
    expect(span.spanContext().traceFlags & TraceFlags.SAMPLED).toBe(0);
    await dropped.forceFlush();
    expect(bodies).toHaveLength(1);
    await dropped.shutdown();
  });
});

describe('createRandomIdGenerator', () => {
  it('makes distinct, valid W3C ids across block refills', () => {
    const ids = createRandomIdGenerator();
    const traces = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const traceId = ids.generateTraceId();
      const spanId = ids.generateSpanId();
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(traceId).not.toBe('0'.repeat(32));
      traces.add(traceId);
    }
    expect(traces.size).toBe(1000);
  });
});
