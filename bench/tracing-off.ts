/**
 * What tracing costs a queued prediction when it is off (no OTEL_EXPORTER_OTLP_ENDPOINT): the calls one
 * `predict_match` makes into src/observability/tracing.ts — enqueue span and trace context, the worker's context
 * extraction, its span and the model run's attributes — replayed with the real functions, against the same work without them.
 * Divide the difference by a queued prediction's cost (`bench/queue.ts --mode inprocess`) for the share.
 *
 *   node --import tsx bench/tracing-off.ts [--calls 2000000] [--rounds 5]
 */
import { parseArgs } from 'node:util';
import { tracingEnabled } from '../src/observability/tracing.ts';
import { enqueueTraced, processPlain, processTraced, workDone } from './support/traced-prediction.ts';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '2000000' }, rounds: { type: 'string', default: '5' } },
});
const calls = Number(values.calls);
const rounds = Number(values.rounds);
if (tracingEnabled()) throw new Error('tracing must be off for this bench');

/** One prediction's tracing calls, tracing off. */
async function traced(i: number): Promise<number> {
  return processTraced(await enqueueTraced(i));
}

const plain = processPlain;

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
  `tracing off adds ${diffs[Math.floor(diffs.length / 2)]?.toFixed(0)} ns per queued prediction (median of ${rounds}; work ${workDone() > 0})`,
);
