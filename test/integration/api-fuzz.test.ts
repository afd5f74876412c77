/**
 * The API under 10,000 hostile requests generated (seeded) from the OpenAPI document it serves, through the real
 * app: no 5xx, no crash, every 4xx in the documented error shape, no prototype pollution, memory steady.
 * A longer run: `node --expose-gc --import tsx bench/fuzz.ts --requests 200000` (`--services` on PostgreSQL and BullMQ).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveHeapMb } from '../support/heap.ts';
import { errorShapeProblem, type OpenApiDocument, requestsFrom } from '../support/openapi-fuzz.ts';
import { API_KEY, type ApiFixture, createApiFixture, registerModel } from '../unit/api/fixture.ts';

const SEED = 20_160_416;
const REQUESTS = 10_000;
const CONCURRENCY = 64;

let f: ApiFixture;
beforeAll(async () => {
  // Inline inference with a champion: live predictions run for real instead of stopping at "no worker".
  f = await createApiFixture({ inferenceMode: 'inline' });
  await registerModel(f.registry);
}, 180_000);
afterAll(async () => {
  await f?.close();
});

describe('fuzzing from the served OpenAPI document', () => {
  it(`answers ${REQUESTS.toLocaleString('en-US')} hostile requests without a 5xx`, async () => {
    const doc = (await f.app.inject({ url: '/docs/json' })).json<OpenApiDocument>();
    expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(10);
    const requests = fc.sample(requestsFrom(doc, API_KEY), { seed: SEED, numRuns: REQUESTS });

    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let rssBefore = 0;
    let rssHalf = 0;
    let heapBefore = 0;
    for (let start = 0; start < requests.length; start += CONCURRENCY) {
      // Memory is compared from after the first thousand: caches and JIT have warmed up by then.
      if (start >= 1000 && rssBefore === 0) {
        heapBefore = liveHeapMb();
        rssBefore = process.memoryUsage().rss;
      }
      if (start >= REQUESTS / 2 && rssHalf === 0) rssHalf = process.memoryUsage().rss;
      const batch = requests.slice(start, start + CONCURRENCY);
      const answers = await Promise.all(batch.map((request) => f.app.inject(request)));
      answers.forEach((res, i) => {
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const request = batch[i];
        const what = `${request?.method} ${String(request?.url).slice(0, 120)} → ${res.statusCode}`;
        if (res.statusCode >= 500) failures.push(`${what}: ${res.body.slice(0, 200)}`);
        else if (res.statusCode >= 400) {
          const problem = errorShapeProblem(res.statusCode, res.body);
          if (problem) failures.push(`${what}: ${problem}`);
        }
      });
    }
    const rssEnd = process.memoryUsage().rss;
    const growthMb = (rssEnd - rssBefore) / 1e6;
    const heapGrowthMb = liveHeapMb() - heapBefore;
    const secondHalfMb = (rssEnd - rssHalf) / 1e6;
    const histogram = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
    console.log(
      `fuzz: ${REQUESTS} requests, statuses ${JSON.stringify(histogram)}, RSS growth ${growthMb.toFixed(1)} MB (${secondHalfMb.toFixed(1)} MB in the second half), live heap after GC ${heapGrowthMb.toFixed(1)} MB`,
    );

    expect(failures.slice(0, 20)).toEqual([]);
    // The run reached past the gate: successes, validation failures and refused keys all occur.
    expect(histogram[200]).toBeGreaterThan(100);
    expect(histogram[422]).toBeGreaterThan(100);
    expect(histogram[401]).toBeGreaterThan(100);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // What the app holds after 9,000 more hostile requests, after full collections: a leak of even 2 kB per
    // request would pass this bound. RSS is only a coarse guard: it keeps whatever the heap grew to between
    // collections (docs/reliability.md, "Fuzzing").
    expect(heapGrowthMb).toBeLessThan(20);
    expect(growthMb).toBeLessThan(300);
    // Still serving normally afterwards.
    const after = await f.app.inject({ url: '/predict/precomputed/1000', headers: { 'x-api-key': API_KEY } });
    expect(after.statusCode).toBe(200);
  }, 120_000);
});
