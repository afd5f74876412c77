/**
 * The fuzz suite's longer run: `node --import tsx bench/fuzz.ts [requests=100000] [seed=20160416]`. Hostile requests generated
 * from the served OpenAPI document (test/support/openapi-fuzz.ts) through the real app (inject), printing
 * requests/s, the status histogram, 5xx and malformed-error counts, RSS growth, and the growth of the live heap
 * after full collections from the end of the first chunk (RSS keeps what the heap grew to: docs/reliability.md).
 */
import fc from 'fast-check';
import { liveHeapMb } from '../test/support/heap.ts';
import { errorShapeProblem, type OpenApiDocument, requestsFrom } from '../test/support/openapi-fuzz.ts';
import { API_KEY, createApiFixture, registerModel } from '../test/unit/api/fixture.ts';

const total = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 20_160_416);
const CHUNK = 5000;
const CONCURRENCY = 64;

const f = await createApiFixture({ inferenceMode: 'inline' });
await registerModel(f.registry);
const doc = (await f.app.inject({ url: '/docs/json' })).json<OpenApiDocument>();
const arbitrary = requestsFrom(doc, API_KEY);
const statuses = new Map<number, number>();
let serverErrors = 0;
let badShapes = 0;
const rssStart = process.memoryUsage().rss;
let heapAfterFirstChunk = 0;
const started = performance.now();
for (let done = 0, chunk = 0; done < total; chunk++) {
  // Generated chunk by chunk (each with its own seed), so memory holds one chunk at a time.
  const requests = fc.sample(arbitrary, { seed: seed + chunk, numRuns: Math.min(CHUNK, total - done) });
  for (let i = 0; i < requests.length; i += CONCURRENCY) {
    const batch = requests.slice(i, i + CONCURRENCY);
    const answers = await Promise.all(batch.map((request) => f.app.inject(request)));
    for (const res of answers) {
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) serverErrors++;
      else if (res.statusCode >= 400 && errorShapeProblem(res.statusCode, res.body)) badShapes++;
    }
  }
  done += requests.length;
  if (chunk === 0) heapAfterFirstChunk = liveHeapMb();
}
const seconds = (performance.now() - started) / 1000;
const histogram = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
console.log(`requests      ${total} (seed ${seed})`);
console.log(`requests/s    ${Math.round(total / seconds)}`);
console.log(`statuses      ${JSON.stringify(histogram)}`);
console.log(`5xx           ${serverErrors}`);
console.log(`bad 4xx shape ${badShapes}`);
console.log(`RSS growth    ${((process.memoryUsage().rss - rssStart) / 1e6).toFixed(1)} MB`);
console.log(
  `live heap     ${(liveHeapMb() - heapAfterFirstChunk).toFixed(1)} MB after the first chunk (full GC)`,
);
await f.close();
process.exit(serverErrors + badShapes === 0 ? 0 : 1);
