/**
 * What tracing costs a queued prediction when it is off (no OTEL_EXPORTER_OTLP_ENDPOINT): the calls one
 * `predict_match` makes into src/observability/tracing.ts — enqueue span and trace context, the worker's context
 * extraction, its span and the model run's attributes — replayed with the real functions, against the same work without them.
 * Divide the difference by a queued prediction's cost (`bench/queue.ts --mode inprocess`) for the share.
 *
 *   node --import tsx bench/tracing-off.ts [--calls 2000000] [--rounds 5]
 */
import { parseArgs } from 'node:util';
import {
  annotateSpan,
  carryTraceContext,
  inSpan,
  SpanKind,
  traceContextOf,
  tracingEnabled,
  withTraceContext,
} from '../src/observability/tracing.ts';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '2000000' }, rounds: { type: 'string', default: '5' } },
});
const calls = Number(values.calls);
const rounds = Number(values.rounds);
if (tracingEnabled()) throw new Error('tracing must be off for this bench');

const message = { match_id: 1, stage: 'champion' as const, features: [0.1, 0.2], feature_names: ['a', 'b'] };
let sink = 0;
const work = async (data: { match_id: number }) => {
  sink += data.match_id;
  return sink;
};

/** One prediction's tracing calls, tracing off. */
async function traced(i: number): Promise<number> {
  const sent = await inSpan(
    'queue.enqueue',
    { 'messaging.system': 'bullmq', 'messaging.destination.name': 'ml', task: 'predict_match' },
    async () => carryTraceContext({ ...message, match_id: i }),
    SpanKind.PRODUCER,
  );
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
async function plain(i: number): Promise<number> {
  const sent = await (async () => ({ ...message, match_id: i }))();
  return work(sent);
}

async function nsPerCall(fn: (i: number) => Promise<number>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await fn(i);
  return Number(process.hrtime.bigint() - started) / calls;
}

for (let i = 0; i < 200_000; i++) {
  await traced(i);
  await plain(i);
}
const diffs: number[] = [];
for (let r = 0; r < rounds; r++) {
  // Alternating which goes first, so a load spike from the other processes does not always hit the same side.
  const first = r % 2 === 0 ? await nsPerCall(traced) : await nsPerCall(plain);
  const second = r % 2 === 0 ? await nsPerCall(plain) : await nsPerCall(traced);
  const [withTracing, without] = r % 2 === 0 ? [first, second] : [second, first];
  diffs.push(withTracing - without);
  console.log(
    `round ${r + 1}: ${withTracing.toFixed(0)} ns with the tracing calls, ${without.toFixed(0)} ns without`,
  );
}
diffs.sort((a, b) => a - b);
console.log(
  `tracing off adds ${diffs[Math.floor(diffs.length / 2)]?.toFixed(0)} ns per queued prediction (median of ${rounds}; sink ${sink > 0})`,
);
