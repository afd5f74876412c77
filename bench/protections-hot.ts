/**
 * What the protections' own code costs a request, with the process, the route and the client held constant:
 * five Fastify apps in this process, one route each answering a precomputed-sized JSON body, differing only in
 * what src/api/plugins/security.ts installs (nothing twice, the control; headers; headers and both /predict/*
 * limits counted in memory; the same synced through Redis). A raw-socket client in the same process keeps
 * `--depth` requests in flight on each of 8 keep-alive connections (HTTP pipelining), so nearly all CPU is the
 * server's and the client's share is the same for every app. Apps are loaded in turn, round after round in a
 * rotating order; a variant's cost is its CPU µs per request minus the control's, medians over rounds.
 *
 * It measures the protections' code hot, on a small app: `bench/api.ts --scenario limits-in-process` is the
 * end-to-end figure on the real app. The Redis counters' syncs are timer work (ten a second per limit), not
 * request work: at this bench's request rate they spread thin.
 *
 *   node --import tsx bench/protections-hot.ts [--requests 4000] [--depth 32] [--rounds 12]
 */
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { installSecurity, type SecuritySettings } from '../src/api/plugins/security.ts';
import { median, quantile } from './support/paired-rounds.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '4000' },
    depth: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '12' },
  },
});
const REQUESTS_PER_CONNECTION = Number(values.requests);
const DEPTH = Number(values.depth);
const ROUNDS = Number(values.rounds);
const CONNECTIONS = 8;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// About the size of a precomputed prediction's JSON.
const BODY = JSON.stringify({
  match_id: 1_000_123,
  probabilities: { home: 0.45, draw: 0.27, away: 0.28 },
  features: Array.from({ length: 12 }, (_, i) => ({ name: `feature_${i}`, value: i / 7 })),
});
const LIMITS = { rateLimitPerMinute: 1e9, rateLimitPerIpPerMinute: 1e9 };
const VARIANTS: readonly (readonly [string, Partial<SecuritySettings> | undefined])[] = [
  ['bare', undefined],
  ['bare again (control)', undefined],
  ['headers', {}],
  ['headers + limits in memory', LIMITS],
  [
    'headers + limits in Redis',
    { ...LIMITS, redisUrl: REDIS_URL, redisPrefix: `bench-protections-${process.pid}:` },
  ],
];

async function startApp(settings: Partial<SecuritySettings> | undefined): Promise<{
  app: FastifyInstance;
  port: number;
}> {
  const app = Fastify({ logger: false });
  if (settings !== undefined) await installSecurity(app, settings);
  app.get('/predict/precomputed/:id', async (_request, reply) => {
    void reply.type('application/json; charset=utf-8');
    return BODY;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { app, port: address.port };
}

/** One connection: REQUESTS_PER_CONNECTION requests, DEPTH in flight, counted by their status lines. */
function drive(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let sent = 0;
    let answered = 0;
    let tail = '';
    const send = (count: number) => {
      let text = '';
      for (let k = 0; k < count && sent < REQUESTS_PER_CONNECTION; k++, sent++)
        text += `GET /predict/precomputed/${sent % 100} HTTP/1.1\r\nHost: bench\r\nx-api-key: bench-key\r\n\r\n`;
      if (text !== '') socket.write(text);
    };
    socket.setEncoding('latin1');
    socket.on('connect', () => send(DEPTH));
    socket.on('data', (chunk: string) => {
      // A status line may be cut between two chunks: search the end of the last one too.
      const text = tail + chunk;
      let count = 0;
      for (let at = text.indexOf('HTTP/1.1 200'); at !== -1; at = text.indexOf('HTTP/1.1 200', at + 12))
        count++;
      const last = text.lastIndexOf('HTTP/1.1 200');
      tail = text.slice(Math.max(last === -1 ? 0 : last + 12, text.length - 11));
      answered += count;
      if (answered >= REQUESTS_PER_CONNECTION) {
        socket.end();
        resolve();
      } else send(count);
    });
    socket.on('error', reject);
  });
}

/** CPU µs per request of one load. */
async function load(port: number): Promise<number> {
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: CONNECTIONS }, () => drive(port)));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / (CONNECTIONS * REQUESTS_PER_CONNECTION);
}

const apps = [];
for (const [, settings] of VARIANTS) apps.push(await startApp(settings));
try {
  for (const { port } of apps) for (let i = 0; i < 2; i++) await load(port);
  const usPerRequest = VARIANTS.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++)
    for (let k = 0; k < apps.length; k++) {
      const v = (k + round) % apps.length;
      usPerRequest[v]?.push(await load((apps[v] as (typeof apps)[number]).port));
    }
  const base = usPerRequest[0] ?? [];
  for (const [v, [name]] of VARIANTS.entries()) {
    // Per round against the bare app of the same round, then the median over rounds.
    const added = (usPerRequest[v] ?? []).map((us, round) => us - (base[round] ?? Number.NaN));
    const round2 = (x: number) => Math.round(x * 100) / 100;
    process.stdout.write(
      `${JSON.stringify({
        scenario: `protections hot, ${name}, ${ROUNDS} rounds`,
        cpu_us_per_request: round2(median(usPerRequest[v] ?? [])),
        added_cpu_us_per_request: round2(median(added)),
        added_p25_p75: [round2(quantile(added, 0.25)), round2(quantile(added, 0.75))],
      })}\n`,
    );
  }
} finally {
  for (const { app } of apps) await app.close();
}
