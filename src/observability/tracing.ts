/**
 * OpenTelemetry traces across API → queue → worker. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: then the SDK
 * is loaded (never before), spans go out over OTLP/HTTP in batches, and the W3C trace context travels in each
 * queue message (`trace_context` in src/queue/tasks.ts). Off, every helper here is a no-op of the API package.
 *
 * @example
 *   const { otlpEndpoint: endpoint, traceSampler: sampler } = config;
 *   const tracing = await startTracing({ serviceName: 'worker', endpoint, sampler });
 *   await inSpan('worker.process', { task: 'predict_match' }, () => run(job));
 *
 * Cost (docs/performance.md, "Tracing cost"): one span per request, per queue hop and per worker job; facts
 * learnt inside a span go on it as attributes (`annotateSpan`) rather than into spans of their own.
 */

import {
  type Attributes,
  context,
  INVALID_SPAN_CONTEXT,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { Sampler } from '@opentelemetry/sdk-trace-base';

/** The tracer of the running provider (looked up once per start, not per span); a no-op until one starts. */
let tracer: Tracer = trace.getTracer('matchcast');

const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
/**
 * The one context every unsampled request and job runs in: its span is not sampled, so every helper below skips
 * its work under it, and nothing is allocated per request. Unsampled work is most of it under ratio sampling.
 */
const UNSAMPLED = trace.setSpan(ROOT_CONTEXT, NO_SPAN);
/** What a message enqueued under an unsampled trace carries: "the producer decided not to sample". */
const UNSAMPLED_CARRIER: Readonly<Record<string, string>> = Object.freeze({});
/** A tracer provider was started in this process. */
let started = false;
/** Spans are made: started and not paused. */
let enabled = false;

/** Whether spans are being made: a tracer provider was started in this process and tracing is not paused. */
export function tracingEnabled(): boolean {
  return enabled;
}

/**
 * Pauses (or resumes) tracing in a process that started it: paused, every helper here is the no-op it is with
 * tracing off, while the SDK stays loaded. Only benches call it (bench/support/tracing-pause.ts), to measure one
 * deployment with tracing on and paused in turn.
 */
export function pauseTracing(paused: boolean): void {
  enabled = started && !paused;
}

export interface Tracing {
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
  /** Sends the spans buffered so far (tests, benchmarks). */
  flush(): Promise<void>;
}

const OFF: Tracing = { shutdown: async () => {}, flush: async () => {} };

/** Head sampling, decided when a trace starts; an unsampled span records nothing and is never exported. */
export interface TraceSampler {
  /** An OTEL_TRACES_SAMPLER name, validated in src/config/config.ts. */
  readonly name: string;
  readonly ratio: number;
}

function samplerOf(sdk: typeof import('@opentelemetry/sdk-trace-base'), choice: TraceSampler): Sampler {
  const root = choice.name.endsWith('always_off')
    ? new sdk.AlwaysOffSampler()
    : choice.name.endsWith('traceidratio')
      ? new sdk.TraceIdRatioBasedSampler(choice.ratio)
      : new sdk.AlwaysOnSampler();
  return choice.name.startsWith('parentbased_') ? new sdk.ParentBasedSampler({ root }) : root;
}

export async function startTracing(options: {
  readonly serviceName: string;
  readonly endpoint: string | undefined;
  /** Which traces are kept; the processes' default (one in ten) is the configuration's (src/config/config.ts). */
  readonly sampler: TraceSampler;
}): Promise<Tracing> {
  if (options.endpoint === undefined || started) return OFF;
  const [sdk, { OTLPTraceExporter }, hooks, core, resources] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
  ]);
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/$/, '')}/v1/traces` });
  const provider = new sdk.BasicTracerProvider({
    sampler: samplerOf(sdk, options.sampler),
    resource: resources.resourceFromAttributes({ 'service.name': `matchcast-${options.serviceName}` }),
    // The batch processor's own defaults (OTEL_BSP_*: a batch every 5 s or every 512 spans): each export has a
    // fixed cost in the servers, so at low sampling fewer, larger batches are cheaper (docs/performance.md).
    spanProcessors: [new sdk.BatchSpanProcessor(exporter)],
  });
  context.setGlobalContextManager(new hooks.AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new core.W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  tracer = provider.getTracer('matchcast');
  started = true;
  enabled = true;
  return {
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      tracer = trace.getTracer('matchcast');
      started = false;
      enabled = false;
    },
  };
}

/** Runs `fn` in a new active span (child of the current one), recording a thrown error on it. */
export function inSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  if (!enabled) return fn(NO_SPAN);
  // Under an unsampled parent every child is unsampled too (parent-based sampling): skip the span work entirely.
  const parent = trace.getActiveSpan();
  if (parent !== undefined && !isSampled(parent)) return fn(parent);
  return tracer.startActiveSpan(name, { attributes, kind }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The flag, not isRecording(): a parent carried in a queue message is a sampled but non-recording span. */
function isSampled(span: Span): boolean {
  return (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;
}

/** A server span for one HTTP request. */
export interface RequestSpan {
  /** Whether the sampler kept the request: only then is there a span to close. */
  readonly recording: boolean;
  /** Continues the request's handling in the span's context, so spans below are its children. */
  run(next: () => void): void;
  /** Closes the span with the response's status code. */
  end(statusCode: number): void;
}

/**
 * An unsampled request runs in the one shared unsampled context: it costs a sampler decision and nothing else (no
 * span, no context of its own, no log fields), and the message it enqueues tells the worker not to sample.
 */
const UNSAMPLED_REQUEST: RequestSpan = {
  recording: false,
  run: (next) => context.with(UNSAMPLED, next),
  end: () => {},
};

/** A request's headers, as Node gives them: where a caller's W3C trace context (`traceparent`) comes from. */
export type IncomingHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Starts the server span of one HTTP request, or not, as the sampler decides: a child of the trace the request's
 * `traceparent` header carries (a gateway's or a client's; the parent-based samplers keep what it sampled and drop
 * what it did not), else the root of a new trace. `describe` (the name and attributes, which cost a route lookup)
 * is called only for a sampled request: the span starts under a generic name, which no sampler we offer reads
 * (OTEL_TRACES_SAMPLER in src/config/config.ts), and is renamed once kept.
 */
export function startRequestSpan(
  describe: () => { readonly name: string; readonly attributes: Attributes },
  headers: IncomingHeaders = {},
): RequestSpan {
  const parent =
    headers.traceparent === undefined ? ROOT_CONTEXT : propagation.extract(ROOT_CONTEXT, headers);
  const span = tracer.startSpan('HTTP request', { kind: SpanKind.SERVER }, parent);
  if (!span.isRecording()) return UNSAMPLED_REQUEST;
  const { name, attributes } = describe();
  span.updateName(name);
  span.setAttributes(attributes);
  return {
    recording: true,
    run: (next) => context.with(trace.setSpan(parent, span), next),
    end(statusCode) {
      span.setAttribute('http.response.status_code', statusCode);
      if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}

/**
 * The current trace context as W3C headers (`traceparent`…), to carry in a queue message: empty under an
 * unsampled trace (the worker then starts none), undefined when off or outside any trace.
 */
export function currentTraceContext(): Readonly<Record<string, string>> | undefined {
  if (!enabled) return undefined;
  const span = trace.getActiveSpan();
  if (span === undefined) return undefined;
  if (!isSampled(span)) return UNSAMPLED_CARRIER;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** A queue message with the current trace context added as `trace_context` (unchanged when tracing is off). */
export function carryTraceContext<T extends object>(message: T): T {
  const carrier = currentTraceContext();
  return carrier === undefined ? message : { ...message, trace_context: carrier };
}

/** The `trace_context` a queue message carries, if any. */
export function traceContextOf(message: unknown): Record<string, string> | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const carrier = (message as { trace_context?: unknown }).trace_context;
  return typeof carrier === 'object' && carrier !== null ? (carrier as Record<string, string>) : undefined;
}

/**
 * Runs `fn` as a child of the trace a message carried; in the unsampled context when the producer did not sample
 * it (an empty carrier, or an unsampled `traceparent`); outside any trace when the message carries none.
 */
export function withTraceContext<T>(carrier: Readonly<Record<string, string>> | undefined, fn: () => T): T {
  if (!enabled || carrier === undefined) return fn();
  if (carrier.traceparent === undefined) return context.with(UNSAMPLED, fn);
  const carried = propagation.extract(ROOT_CONTEXT, carrier);
  const parent = trace.getSpan(carried);
  return context.with(parent !== undefined && isSampled(parent) ? carried : UNSAMPLED, fn);
}

/** Adds attributes to the current span when it records (a sampled trace); nothing otherwise. */
export function annotateSpan(attributes: Attributes): void {
  if (!enabled) return;
  const span = trace.getActiveSpan();
  if (span?.isRecording()) span.setAttributes(attributes);
}

/** Fields for each log line written inside a sampled span: trace and span id, the trace one can look up. */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  // A fresh object each time: pino merges the line's own fields into it.
  if (span === undefined || !isSampled(span)) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/**
 * The same object with each named async method run in a span `<prefix>.<method>` (database and Redis adapters,
 * which auto-instrumentation cannot reach under ESM).
 */
export function traceMethods<T extends object>(target: T, prefix: string, methods: readonly (keyof T)[]): T {
  if (!enabled) return target;
  // One function per method, made on first use: the hot path reads `queue.enqueue` on every request.
  const made = new Map<PropertyKey, { readonly of: unknown; readonly fn: unknown }>();
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver);
      if (typeof value !== 'function') return value;
      const known = made.get(key);
      if (known?.of === value) return known.fn;
      const name = `${prefix}.${String(key)}`;
      // Bound to the target itself: class methods reach private fields, which a proxy does not have.
      const fn = methods.includes(key as keyof T)
        ? (...args: unknown[]) => inSpan(name, {}, () => value.apply(object, args), SpanKind.CLIENT)
        : value.bind(object);
      made.set(key, { of: value, fn });
      return fn;
    },
  });
}

export { SpanKind };
