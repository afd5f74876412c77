/**
 * Whether one greedy client can starve the others: it writes `--requests` pipelined precomputed reads in one go
 * on a connection, and opens another whenever the server closes it, while a polite client times `GET /livez` on
 * a new connection every 50 ms. Both clients run in a worker thread, so the server's event loop (this thread)
 * is the API's alone. Prints the probe's latencies and what the greedy client got back.
 *
 *   node --import tsx bench/pipelined-flood.ts [--requests 200000] [--duration 8] [--path /predict/precomputed/1000]
 *   node --import tsx bench/pipelined-flood.ts --port 8000 --key-file var/api-key --path /predict/precomputed/41
 *
 * With `--port` it loads a server already running on 127.0.0.1 (e.g. `npm start`) instead of the API fixture.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { API_KEY, createApiFixture } from '../test/unit/api/fixture.ts';
import { quantile } from './support/paired-rounds.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '200000' },
    duration: { type: 'string', default: '8' },
    path: { type: 'string', default: '/predict/precomputed/1000' },
    port: { type: 'string' },
    'key-file': { type: 'string' },
  },
});

// Plain JavaScript for the worker: it only opens sockets and counts.
const CLIENTS = `
const { workerData, parentPort } = require('node:worker_threads');
const net = require('node:net');
const http = require('node:http');
const { port, key, path, requests, durationMs } = workerData;
const request = 'GET ' + path + ' HTTP/1.1\\r\\nHost: x\\r\\nX-API-Key: ' + key + '\\r\\n\\r\\n';
const burst = request.repeat(requests);
let stopped = false, connections = 0, answers = 0;
function greedy() {
  if (stopped) return;
  connections++;
  const socket = net.connect(port, '127.0.0.1');
  socket.on('data', (chunk) => { answers += chunk.toString('latin1').split('HTTP/1.1 ').length - 1; });
  socket.on('error', () => {});
  socket.on('close', () => setImmediate(greedy));
  socket.on('connect', () => socket.write(burst));
}
greedy();
const latencies = [];
const probe = setInterval(() => {
  const started = performance.now();
  http.get({ port, host: '127.0.0.1', path: '/livez', agent: false }, (res) => {
    res.resume();
    res.on('end', () => latencies.push(performance.now() - started));
  }).on('error', () => {});
}, 50);
setTimeout(() => {
  stopped = true;
  clearInterval(probe);
  parentPort.postMessage({ latencies, connections, answers });
}, durationMs);
`;

const f = values.port === undefined ? await createApiFixture() : undefined;
const port = f
  ? Number(new URL(await f.app.listen({ port: 0, host: '127.0.0.1' })).port)
  : Number(values.port);
const key = values['key-file'] ? readFileSync(values['key-file'], 'utf8').trim() : API_KEY;
const worker = new Worker(CLIENTS, {
  eval: true,
  workerData: {
    port,
    key,
    path: values.path,
    requests: Number(values.requests),
    durationMs: Number(values.duration) * 1000,
  },
});
const result = await new Promise<{ latencies: number[]; connections: number; answers: number }>((resolve) =>
  worker.once('message', resolve),
);
await worker.terminate();
await f?.close();
const sorted = result.latencies.sort((a, b) => a - b);
const ms = (q: number) => Number(quantile(sorted, q).toFixed(1));
console.log(
  JSON.stringify({
    server: f ? 'API fixture' : `127.0.0.1:${port}`,
    path: values.path,
    pipelined_per_write: Number(values.requests),
    seconds: Number(values.duration),
    probes_answered: sorted.length,
    probes_sent: Math.floor((Number(values.duration) * 1000) / 50),
    livez_ms: { p50: ms(0.5), p99: ms(0.99), max: Number((sorted.at(-1) ?? Number.NaN).toFixed(1)) },
    greedy_connections: result.connections,
    greedy_answers: result.answers,
  }),
);
process.exit(0);
