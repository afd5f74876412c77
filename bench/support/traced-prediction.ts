/**
 * The tracing calls one queued `predict_match` makes into src/observability/tracing.ts, replayed with the real
 * functions around a trivial piece of work, and the same work without them: what bench/tracing-off.ts and
 * bench/tracing-on.ts compare.
 */
import {
  annotateSpan,
  carryTraceContext,
  inSpan,
  SpanKind,
  traceContextOf,
  withTraceContext,
} from '../../src/observability/tracing.ts';

const message = { match_id: 1, stage: 'champion' as const, features: [0.1, 0.2], feature_names: ['a', 'b'] };
let total = 0;
const work = async (data: { match_id: number }) => {
  total += data.match_id;
  return total;
};

/** The sum the work has built, for a bench to print so that nothing is optimised away. */
export const workDone = (): number => total;

/** The API's side: the enqueue span and the trace context carried in the message. */
export function enqueueTraced(i: number): Promise<typeof message> {
  return inSpan(
    'queue.enqueue',
    { 'messaging.system': 'bullmq', 'messaging.destination.name': 'ml', task: 'predict_match' },
    async () => carryTraceContext({ ...message, match_id: i }),
    SpanKind.PRODUCER,
  );
}

/** The worker's side: the context taken from the message, its span and the model run's attributes. */
export function processTraced(sent: typeof message): Promise<number> {
  return withTraceContext(traceContextOf(sent), () =>
    inSpan(
      'worker.process',
      { task: 'predict_match', 'worker.name': 'w' },
      async () => {
        annotateSpan({ 'model.name': 'm', 'model.version': 1, 'inference.duration_ms': 0.02 });
        return work(sent);
      },
      SpanKind.CONSUMER,
    ),
  );
}

/** The same work without the tracing calls (the enqueue step stays an awaited async call, as in the queue). */
export async function processPlain(i: number): Promise<number> {
  const sent = await (async () => ({ ...message, match_id: i }))();
  return work(sent);
}
