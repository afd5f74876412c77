/**
 * A span processor that writes each ended span as OTLP/JSON at once and posts the batch over HTTP: the work the
 * SDK's BatchSpanProcessor, OTLPTraceExporter and otlp-transformer do, in one small step per span. Each span
 * becomes a string when it ends, so the span object dies young instead of waiting in a buffer for the export
 * (the SDK kept it until the next batch, so old-generation GC paid for every span), and a batch is one
 * `join` into a body written on a kept-alive connection (ADR 0017, docs/performance.md "Tracing cost").
 *
 * @example
 *   const processor = createOtlpSpanProcessor({ url: 'http://collector:4318/v1/traces' });
 *   new BasicTracerProvider({ spanProcessors: [processor] });
 */
import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { type Attributes, type AttributeValue, TraceFlags } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface OtlpSpanProcessorOptions {
  /** The collector's OTLP/HTTP traces URL, e.g. http://collector:4318/v1/traces. */
  readonly url: string;
  /** Longest a span waits before it is sent, in ms (default 1,000). */
  readonly scheduledDelayMs?: number;
  /** Spans per request; a full batch is sent at once (default 512, as the SDK). */
  readonly maxBatchSize?: number;
  /** Spans held while a collector is slow; further ones are dropped (default 2,048, as the SDK). */
  readonly maxQueueSize?: number;
  /** Longest one export may take, in ms (default 10,000). */
  readonly exportTimeoutMs?: number;
}

/** OTLP span flags: the W3C trace flags, plus whether the parent is known to be remote (the transformer's). */
const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;

export function createOtlpSpanProcessor(options: OtlpSpanProcessorOptions): SpanProcessor {
  const delayMs = options.scheduledDelayMs ?? 1000;
  const maxBatch = options.maxBatchSize ?? 512;
  const maxQueue = options.maxQueueSize ?? 2048;
  const timeoutMs = options.exportTimeoutMs ?? 10_000;
  const url = new URL(options.url);
  const secure = url.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new Agent({ keepAlive: true });
  const send = secure ? httpsRequest : request;

  /** Spans as OTLP/JSON, per resource and scope (one of each in practice: one provider, one tracer name). */
  const pending = new Map<string, { readonly head: string; spans: string[] }>();
  const heads = new WeakMap<object, Map<string, string>>();
  let queued = 0;
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  const headOf = (span: ReadableSpan): string => {
    let byScope = heads.get(span.resource);
    if (byScope === undefined) {
      byScope = new Map();
      heads.set(span.resource, byScope);
    }
    const { name, version } = span.instrumentationScope;
    const key = `${name}@${version ?? ''}`;
    let head = byScope.get(key);
    if (head === undefined) {
      head =
        `{"resource":{"attributes":${attributesJson(span.resource.attributes)},"droppedAttributesCount":0},` +
        `"scopeSpans":[{"scope":${JSON.stringify(version === undefined ? { name } : { name, version })},"spans":[`;
      byScope.set(key, head);
    }
    return head;
  };

  const post = (body: string): Promise<void> =>
    new Promise((resolve) => {
      // A failed export loses its spans, as the SDK's does after its retries: tracing never stops the service.
      const req = send(
        url,
        {
          method: 'POST',
          agent,
          timeout: timeoutMs,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
          res.on('error', () => resolve());
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve());
      req.end(body);
    });

  const exportPending = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (queued === 0) return Promise.resolve();
    const groups = [...pending.values()].filter((group) => group.spans.length > 0);
    const body = `{"resourceSpans":[${groups.map((g) => `${g.head}${g.spans.join(',')}]}]}`).join(',')}]}`;
    for (const group of groups) group.spans = [];
    queued = 0;
    const sent = post(body);
    inFlight.add(sent);
    void sent.then(() => inFlight.delete(sent));
    return sent;
  };

  return {
    onStart() {},
    onEnd(span) {
      if (stopped || (span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
      if (queued >= maxQueue) return;
      const head = headOf(span);
      let group = pending.get(head);
      if (group === undefined) {
        group = { head, spans: [] };
        pending.set(head, group);
      }
      group.spans.push(spanJson(span));
      queued += 1;
      if (queued >= maxBatch) void exportPending();
      else if (timer === undefined) {
        timer = setTimeout(exportPending, delayMs);
        timer.unref();
      }
    },
    async forceFlush() {
      await exportPending();
      await Promise.all(inFlight);
    },
    async shutdown() {
      await exportPending();
      await Promise.all(inFlight);
      stopped = true;
      agent.destroy();
    },
  };
}

/** One span as an OTLP/JSON object (the fields the SDK's JSON transformer writes). */
export function spanJson(span: ReadableSpan): string {
  const context = span.spanContext();
  const parent = span.parentSpanContext;
  const flags = (context.traceFlags & 0xff) | HAS_IS_REMOTE | (parent?.isRemote === true ? IS_REMOTE : 0);
  const status =
    span.status.message === undefined
      ? `{"code":${span.status.code}}`
      : `{"code":${span.status.code},"message":${JSON.stringify(span.status.message)}}`;
  const traceState = context.traceState?.serialize();
  return (
    `{"traceId":"${context.traceId}","spanId":"${context.spanId}"` +
    (parent?.spanId ? `,"parentSpanId":"${parent.spanId}"` : '') +
    (traceState ? `,"traceState":${JSON.stringify(traceState)}` : '') +
    `,"name":${JSON.stringify(span.name)},"kind":${span.kind + 1}` +
    `,"startTimeUnixNano":"${nanos(span.startTime)}","endTimeUnixNano":"${nanos(span.endTime)}"` +
    `,"attributes":${attributesJson(span.attributes)},"droppedAttributesCount":${span.droppedAttributesCount}` +
    `,"events":[${span.events
      .map(
        (event) =>
          `{"name":${JSON.stringify(event.name)},"timeUnixNano":"${nanos(event.time)}"` +
          `,"attributes":${attributesJson(event.attributes ?? {})},"droppedAttributesCount":${event.droppedAttributesCount ?? 0}}`,
      )
      .join(',')}],"droppedEventsCount":${span.droppedEventsCount}` +
    `,"status":${status}` +
    `,"links":[${span.links
      .map(
        (link) =>
          `{"traceId":"${link.context.traceId}","spanId":"${link.context.spanId}"` +
          `,"attributes":${attributesJson(link.attributes ?? {})},"droppedAttributesCount":${link.droppedAttributesCount ?? 0}` +
          `,"flags":${(link.context.traceFlags & 0xff) | HAS_IS_REMOTE | (link.context.isRemote === true ? IS_REMOTE : 0)}}`,
      )
      .join(',')}],"droppedLinksCount":${span.droppedLinksCount},"flags":${flags}}`
  );
}

/** An HrTime ([seconds, nanoseconds]) as the decimal nanoseconds string OTLP/JSON writes for a fixed64. */
function nanos([seconds, nanoseconds]: readonly [number, number]): string {
  const s = Math.trunc(seconds);
  const ns = Math.trunc(nanoseconds);
  return s === 0 ? String(ns) : `${s}${String(ns).padStart(9, '0')}`;
}

function attributesJson(attributes: Attributes): string {
  let out = '[';
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (value === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}{"key":${JSON.stringify(key)},"value":${anyValueJson(value)}}`;
  }
  return `${out}]`;
}

function anyValueJson(value: AttributeValue | null | undefined): string {
  switch (typeof value) {
    case 'string':
      return `{"stringValue":${JSON.stringify(value)}}`;
    case 'boolean':
      return `{"boolValue":${value}}`;
    case 'number':
      // Not finite (NaN, Infinity): JSON has no such number; the SDK's JSON.stringify writes null, and so do we.
      return Number.isInteger(value)
        ? `{"intValue":${value}}`
        : `{"doubleValue":${Number.isFinite(value) ? value : 'null'}}`;
    default:
      return Array.isArray(value)
        ? `{"arrayValue":{"values":[${(value as readonly unknown[]).map((v) => (v === null || v === undefined ? '{}' : anyValueJson(v as AttributeValue))).join(',')}]}}`
        : '{}';
  }
}
