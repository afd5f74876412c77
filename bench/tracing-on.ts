/**
 * What tracing costs a queued prediction when it is on, in CPU time: every call one `predict_match` makes into
 * src/observability/tracing.ts — the API's request span, the enqueue span and trace context, the worker's
 * context extraction, its span and the model run's attributes — replayed with the real functions and the real
 * SDK set-up (`startTracing`: batch processor, OTLP/HTTP JSON exporter to a sink in a child process, whose CPU
 * is not counted), against the same work without them. Both run in this process in alternation, so load from
 * other processes hits both alike; CPU time (process.cpuUsage), export included (each round ends with a flush).
 * Divide by what a queued prediction costs the API and workers (`bench/api.ts --scenario queue`,
 * all_req_per_cpu_s) for the share.
 *
 *   node --import tsx bench/tracing-on.ts [--calls 20000] [--rounds 5] [--ratio 1]
 *   (--ratio below 1: parentbased_traceidratio head sampling at that ratio)
 */
import { parseArgs } from 'node:util';
import { startRequestSpan, startTracing } from '../src/observability/tracing.ts';
import { startOtlpSink } from './support/otlp-sink.ts';
import { enqueueTraced, processPlain, processTraced, workDone } from './support/traced-prediction.ts';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '5' },
    ratio: { type: 'string', default: '1' },
  },
});

{
  const calls = Number(values.calls);
  const rounds = Number(values.rounds);
  const ratio = Number(values.ratio);
  const sink = await startOtlpSink();
  const tracing = await startTracing({
    serviceName: 'bench',
    endpoint: sink.endpoint,
    sampler:
      ratio < 1 ? { name: 'parentbased_traceidratio', ratio } : { name: 'parentbased_always_on', ratio: 1 },
  });

  /** One prediction's tracing calls: the API's side inside its request span, then the worker's. */
  const traced = async (i: number): Promise<number> => {
    const request = startRequestSpan(() => ({
      name: 'GET /predict/{match_id}',
      attributes: {
        'http.request.method': 'GET',
        'http.route': '/predict/{match_id}',
        'url.path': `/predict/${i}`,
      },
    }));
    const sent = await new Promise<Awaited<ReturnType<typeof enqueueTraced>>>((resolve) =>
      request.run(() => resolve(enqueueTraced(i))),
    );
    const answer = await processTraced(sent);
    request.end(200);
    return answer;
  };

  const plain = processPlain;

  const cpuMicrosPerCall = async (fn: (i: number) => Promise<number>): Promise<number> => {
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) {
      await fn(i);
      // Lets the batch processor's timer and the exporter's sockets run, as between requests in a server.
      if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
    }
    await tracing.flush();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / calls;
  };

  for (let i = 0; i < 3000; i++) await traced(i);
  await tracing.flush();
  const diffs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [traced, plain] : [plain, traced];
    const [a, b] = [await cpuMicrosPerCall(order[0] ?? traced), await cpuMicrosPerCall(order[1] ?? plain)];
    const [withTracing, without] = r % 2 === 0 ? [a, b] : [b, a];
    diffs.push(withTracing - without);
    console.log(
      `round ${r + 1}: ${withTracing.toFixed(1)} µs CPU with the tracing calls, ${without.toFixed(1)} µs without`,
    );
  }
  diffs.sort((x, y) => x - y);
  console.log(
    `tracing on (ratio ${ratio}) adds ${diffs[Math.floor(diffs.length / 2)]?.toFixed(1)} µs of CPU per queued prediction (median of ${rounds}; total ${workDone() > 0})`,
  );
  await tracing.shutdown();
  sink.stop();
}
