/**
 * CPU each protection adds to a precomputed answer, measured inside one process so that the machine's load and
 * the event loop's batching (which change CPU per request over sockets) stay out of it:
 * `node --import tsx bench/security-cost.ts [requests per run=20000] [rounds=7]`. Four apps over the same services
 * (bare: no headers, no limits; security headers; headers + both /predict/* limits, counters in memory; the same
 * in Redis, TEST_REDIS_URL) answer GET /predict/precomputed/{id} through inject, 32 at a time, in interleaved
 * rounds. Prints CPU µs per request (process.cpuUsage, median over rounds) and what each adds to bare. inject
 * itself costs more than a socket, so the added µs, not the ratio, is the figure to carry over: compare it with
 * the server's CPU per request over sockets (bench/api.ts, server_req_per_cpu_s).
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/api/app.ts';
import type { SecuritySettings } from '../src/api/plugins/security.ts';
import { API_KEY, createApiFixture } from '../test/unit/api/fixture.ts';

const perRun = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 7);
const CONCURRENCY = 32;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const limits = { rateLimitPerMinute: 10_000_000, rateLimitPerIpPerMinute: 10_000_000 };
const variants: readonly (readonly [string, SecuritySettings])[] = [
  ['bare (no headers, no limits)', { headers: false }],
  ['headers, no limits', {}],
  ['headers + limits in memory', limits],
  ['headers + limits in Redis', { ...limits, redisUrl: REDIS_URL, redisPrefix: `mcbench-${process.pid}:` }],
];

const f = await createApiFixture();
const apps: FastifyInstance[] = [];
for (const [, security] of variants) {
  const app = await buildApp({ ...f.services, security });
  await app.ready();
  apps.push(app);
}
const request = { url: '/predict/precomputed/1000', headers: { 'x-api-key': API_KEY } };

async function run(app: FastifyInstance, n: number): Promise<number> {
  const start = process.cpuUsage();
  for (let done = 0; done < n; done += CONCURRENCY) {
    const answers = await Promise.all(Array.from({ length: CONCURRENCY }, () => app.inject(request)));
    if (answers.some((res) => res.statusCode !== 200)) throw new Error(`status ${answers[0]?.statusCode}`);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}

for (const app of apps) await run(app, 2000); // warm-up: JIT and caches
const micros = variants.map(() => [] as number[]);
for (let round = 0; round < rounds; round++)
  for (let i = 0; i < apps.length; i++) {
    const v = (i + round) % apps.length;
    micros[v]?.push(await run(apps[v] as FastifyInstance, perRun));
  }
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
// Added µs against bare within each round, then the median (rounds minutes apart see different loads).
const bare = micros[0] as number[];
variants.forEach(([name], v) => {
  const xs = micros[v] as number[];
  const added = median(xs.map((x, round) => x - (bare[round] as number)));
  console.log(
    JSON.stringify({
      variant: name,
      cpu_us_per_request: Math.round(median(xs) * 10) / 10,
      ...(v === 0 ? {} : { added_cpu_us_per_request: Math.round(added * 10) / 10 }),
      rounds: xs.map((x) => Math.round(x * 10) / 10),
    }),
  );
});
await Promise.all(apps.map((app) => app.close()));
await f.close();
