/**
 * The fuzz suite's longer run. Hostile requests generated from the served OpenAPI document
 * (test/support/openapi-fuzz.ts) through the real app (inject), printing requests/s, the status histogram, 5xx
 * and malformed-error counts (and the first few such requests, to reproduce them), RSS growth, and the growth of
 * the live heap after full collections from the end of the first chunk (RSS keeps what the heap grew to:
 * docs/reliability.md).
 *
 *   node --expose-gc --import tsx bench/fuzz.ts [--requests 100000] [--seed 20160416] [--services] [--protections]
 *
 * By default the app runs as the CI suite's does: PGlite, inline inference with a champion. `--services` wires it
 * as in production instead: PostgreSQL (TEST_DATABASE_URL), the BullMQ queue and the queue view on Redis
 * (TEST_REDIS_URL), no worker (live predictions then answer 503 at once). `--protections` turns every protection
 * on (rate limits, CORS for one origin, a trusted proxy: FUZZED_PROTECTIONS), as the CI suite's second run does.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { buildApp } from '../src/api/app.ts';
import { liveHeapMb } from '../test/support/heap.ts';
import {
  answerProblem,
  FUZZED_PROTECTIONS,
  type OpenApiDocument,
  requestsFrom,
} from '../test/support/openapi-fuzz.ts';
import { API_KEY, createApiFixture, registerModel } from '../test/unit/api/fixture.ts';
import { openProductionServices } from './support/production-services.ts';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20160416' },
    services: { type: 'boolean', default: false },
    protections: { type: 'boolean', default: false },
  },
});
const total = Number(args.requests);
const seed = Number(args.seed);
const CHUNK = 5000;
const CONCURRENCY = 64;
/** Offending requests printed in full; the rest are only counted. */
const SHOWN = 10;

async function servicesFixture() {
  const services = await openProductionServices('fuzz');
  const fixture = await createApiFixture(services.wiring);
  return {
    fixture,
    async close() {
      await fixture.close();
      await services.close();
    },
  };
}

const wired = args.services
  ? await servicesFixture()
  : await createApiFixture({ inferenceMode: 'inline' }).then((fixture) => ({
      fixture,
      close: fixture.close,
    }));
const f = wired.fixture;
await registerModel(f.registry);
const app = args.protections ? await buildApp({ ...f.services, security: FUZZED_PROTECTIONS }) : f.app;
const doc = (await app.inject({ url: '/docs/json' })).json<OpenApiDocument>();
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
    const answers = await Promise.all(batch.map((request) => app.inject(request)));
    answers.forEach((res, j) => {
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (answerProblem(batch[j], res) === null) return;
      if (res.statusCode >= 500) serverErrors++;
      else badShapes++;
      if (serverErrors + badShapes <= SHOWN)
        console.log(
          `${JSON.stringify(batch[j]).slice(0, 500)}\n  → ${res.statusCode} ${res.body.slice(0, 200)}`,
        );
    });
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
if (app !== f.app) await app.close();
await wired.close();
process.exit(serverErrors + badShapes === 0 ? 0 : 1);
