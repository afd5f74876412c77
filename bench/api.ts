/**
 * API speed on loopback: a real `matchcast api` process (spawned, logging one line per request at info level to
 * /dev/null) against PostgreSQL, with artifacts of synthetic matches. Load comes from wrk (Debian package
 * `wrk`: a C client on one thread, so the server keeps most of a core) when it is installed, else from
 * autocannon in this process. Single-connection latencies are timed per request with a keep-alive Node client,
 * and by wrk -c1 too when present. *
 *   node --import tsx bench/api.ts [--scenario all|precomputed|limits|limits-in-process|cluster|queue|inline|cards|memory|tracing|tracing-paired]
 *   (scenarios may be joined with +: `--scenario precomputed+limits` runs both against the same data)
 *                                  [--matches 200000] [--card-matches 100000] [--duration 10] [--rounds 3] [--rate 0]
 *                                  [--cpu-prof DIR] (V8 CPU profiles: limits servers in DIR, with windows.json;
 *                                  tracing's queue deployments in DIR/<prefix>/)
 *                                  [--processes 1] (limits: processes per variant and round; limits-in-process:
 *                                  processes per variant, each loaded every round; its interval resamples
 *                                  whole processes, so give it five or more)
 *                                  [--no-one-connection] (tracing: skip the single-connection latencies)
 *                                  [--paired-control] (tracing-paired: tracing never started, the noise floor)
 *                                  [--pin] (every server on CPU 0, this script and wrk on the others: the server
 *                                  no longer shares its core with the client, which spread saturated runs)
 *                                  [--variants control,headers,memory,redis] (limits-in-process: which to run)
 *
 * Needs PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and Redis
 * (TEST_REDIS_URL): the memory, precomputed and queue servers run in production mode. `tracing` (not in `all`)
 * starts the queue deployment four times side by side (tracing off; on with every trace exported to an OTLP sink
 * this script runs; on with an always_off sampler; on with the default 10% head sampling) and loads them in turn
 * for `--rounds` rounds (default 3), reporting each round and the medians, with the cost against the off run of
 * the same round; `--rate` gives every variant the same offered load, so CPU per request compares like with like.
 * Queue figures include `all_req_per_cpu_s` (requests per CPU-second of the API and both workers together) and
 * the CPU µs per request of the API and of the workers. `tracing-paired` (not in `all`) holds the deployment
 * constant: one API and two workers with tracing on, paused and resumed between loads (see tracingPaired below).
 * Each run owns a schema, Redis prefixes and a temporary folder.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { migrate } from '../src/db/migrate.ts';
import { openDb } from '../src/db/open-db.ts';
import { ARTIFACT_KEYS, type OddsRow, type PredictionRow } from '../src/domain/artifacts.ts';
import { bootstrapInterval } from '../src/domain/staking.ts';
import { INPUT_NAME, OUTPUT_NAME, softmaxRegressionToOnnx } from '../src/models/onnx/softmax-regression.ts';
import { createModelRegistry } from '../src/registry/model-registry.ts';
import type { ArtifactStore } from '../src/storage/artifact-store.ts';
import { oddsColumns, predictionColumns } from '../src/storage/artifacts/artifact-tables.ts';
import { createFileArtifactStore } from '../src/storage/file-artifact-store.ts';
import { encodeParquet } from '../src/storage/parquet/parquet-file.ts';
import { startOtlpSink } from './support/otlp-sink.ts';
import { alternatingOrder, median, pct, quantile, roundCosts } from './support/paired-rounds.ts';
import type { ProfileWindow } from './support/profile-window.ts';
import { hasWrk, wrk } from './support/wrk.ts';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  pipelining?: number;
  overallRate?: number;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'all' },
    matches: { type: 'string', default: '200000' },
    'card-matches': { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    rate: { type: 'string', default: '0' },
    'cpu-prof': { type: 'string' },
    'one-connection': { type: 'boolean', default: true },
    processes: { type: 'string', default: '1' },
    'paired-control': { type: 'boolean', default: false },
    pin: { type: 'boolean', default: false },
    variants: { type: 'string', default: 'control,headers,memory,redis' },
  },
  allowNegative: true,
});
const MATCHES = Number(args.matches);
const CARD_MATCHES = Number(args['card-matches']);
const DURATION = Number(args.duration);
const ROUNDS = Number(args.rounds);
/** The limits and tracing scenarios' load: requests per second, or 0 for as fast as the server answers. */
const RATE = Number(args.rate);
/** Processes per variant: per round in the limits scenario, for the whole run in limits-in-process. */
const PROCESSES = Number(args.processes);
const PIN = args.pin;
/** limits-in-process: which variants to run (control, headers, memory, redis), so a long run can spend its rounds on few. */
const VARIANTS = new Set(args.variants.split(','));
// --pin: this script and the wrk it starts keep off CPU 0, where the servers run (pinToServerCore).
if (PIN && availableParallelism() < 2) throw new Error('--pin needs at least two CPUs');
if (PIN) execFileSync('taskset', ['-a', '-p', '-c', `1-${availableParallelism() - 1}`, String(process.pid)]);
/**
 * Where servers write V8 CPU profiles (undefined: not profiled): the limits scenario's servers in it, the tracing
 * scenario's queue deployments (API and workers) in one subfolder per prefix.
 */
const CPU_PROF = args['cpu-prof'];
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const API_KEY = 'bench-api-key-0123456789';
const MODEL_NAME = 'soccer-match-outcome';
const FEATURES = Array.from({ length: 31 }, (_, j) => `f${j}`);
const suffix = Math.random().toString(16).slice(2, 10);
const SCHEMA = `bench_${suffix}`;
const PREFIX = `mcbench_${suffix}`;
const root = mkdtempSync(join(tmpdir(), 'matchcast-bench-api-'));
const children = new Set<ChildProcess>();

let seed = 7;
const uniform = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

function predictions(n: number): PredictionRow[] {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => {
    const future = i >= n * 0.9;
    const start = new Date(now + (i - n * 0.9) * 3_600_000).toISOString();
    const a = uniform() + 0.2;
    const b = uniform() * 0.5 + 0.2;
    const c = uniform() + 0.2;
    const t = a + b + c;
    const p = [a / t, b / t, c / t];
    return {
      match_id: 1_000_000 + i,
      home_team_name: `Team ${i % 997}`,
      away_team_name: `Team ${(i * 7) % 997}`,
      start_time_utc: start,
      region_id: 1 + (i % 40),
      region_name: `Region ${1 + (i % 40)}`,
      sex: i % 10 === 0 ? 1 : 0,
      status: future ? 'scheduled' : 'finished',
      home_score: future ? null : i % 4,
      away_score: future ? null : i % 3,
      proba_home: p[0] as number,
      proba_draw: p[1] as number,
      proba_away: p[2] as number,
      predicted_class: p.indexOf(Math.max(...p)),
      is_future: future,
      model_name: MODEL_NAME,
      model_version: 1,
      model_stage: future ? 'champion' : 'backtest',
      model_run_id: 'bench-run',
      computed_at: new Date(Date.parse(start) - 86_400_000).toISOString(),
      trained_until: new Date(Date.parse(start) - 2 * 86_400_000).toISOString(),
    };
  });
}

async function writeArtifacts(store: ArtifactStore, n: number): Promise<void> {
  const rows = predictions(n);
  await store.put(ARTIFACT_KEYS.predictions, await encodeParquet(predictionColumns(rows)));
  const odds: OddsRow[] = rows.map((r) => ({
    match_id: r.match_id,
    odd_home: 1 / r.proba_home + 0.1,
    odd_draw: 3.4,
    odd_away: 1 / r.proba_away + 0.2,
    bookmaker: 'Pinnacle',
    odds_url: `https://odds.example/m/${r.match_id}`,
    collected_at: r.computed_at,
  }));
  await store.put(ARTIFACT_KEYS.odds, await encodeParquet(oddsColumns(odds)));
  await store.put(
    ARTIFACT_KEYS.features,
    await encodeParquet([
      { name: 'match_id', kind: 'bigint', values: rows.map((r) => r.match_id) },
      { name: 'start_time_utc', kind: 'varchar', values: rows.map((r) => r.start_time_utc) },
      { name: 'region_id', kind: 'bigint', values: rows.map((r) => r.region_id) },
      { name: 'is_future', kind: 'boolean', values: rows.map((r) => r.is_future) },
      { name: 'outcome', kind: 'bigint', values: rows.map(() => null) },
      ...FEATURES.map((name) => ({
        name,
        kind: 'double' as const,
        values: rows.map(() => uniform() * 4 - 2),
      })),
    ]),
  );
}

const WRK = await hasWrk();

function http(
  port: number,
  path: string,
  headers: Record<string, string>,
  agent?: Agent,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Sequential requests on one keep-alive connection, timed two ways: a Node keep-alive client timing each
 * request (exact sub-millisecond percentiles), and wrk -c1 when installed.
 */
async function oneConnection(port: number, paths: readonly string[], n: number) {
  const node = await nodeClientOneConnection(port, paths, n);
  if (!WRK) return node;
  const r = await wrk({
    url: `http://127.0.0.1:${port}`,
    paths,
    connections: 1,
    durationSeconds: Math.min(DURATION, 5),
    headers: { 'x-api-key': API_KEY },
  });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { ...node, wrk_p50_ms: r.p50_ms, wrk_p99_ms: r.p99_ms, wrk_req_per_s: r.req_per_s };
}

async function nodeClientOneConnection(port: number, paths: readonly string[], n: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const res = await http(port, paths[i % paths.length] as string, { 'x-api-key': API_KEY }, agent);
    const t1 = process.hrtime.bigint();
    if (res.status !== 200) throw new Error(`status ${res.status}: ${res.body}`);
    if (i >= n / 10) times.push(Number(t1 - t0) / 1e6); // the first tenth warms up
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Number((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(3));
  return {
    p50_ms: at(0.5),
    p99_ms: at(0.99),
    req_per_s: Math.round(1000 / (times.reduce((s, t) => s + t, 0) / times.length)),
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc: contention-proof cost per request. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Load at `connections` for DURATION seconds, rotating through `paths`: wrk when installed, else autocannon. */
async function load(
  port: number,
  paths: readonly string[],
  connections: number,
  headers: Record<string, string> = {},
  pid?: number,
  thinkMs?: number,
  /** Requests per second across all connections (autocannon only); undefined = as fast as answered. */
  rate?: number,
  /** Further processes (queue workers) whose CPU counts in `all_req_per_cpu_s`. */
  otherPids: readonly (number | undefined)[] = [],
) {
  const cpu0 = cpuSeconds(pid);
  const otherCpu0 = otherPids.map(cpuSeconds);
  const allHeaders = { 'x-api-key': API_KEY, ...headers };
  const url = `http://127.0.0.1:${port}`;
  const result =
    WRK && rate === undefined
      ? await wrk({
          url,
          paths,
          connections,
          durationSeconds: DURATION,
          headers: allHeaders,
          ...(thinkMs ? { thinkMs } : {}),
        })
      : await autocannon({
          url: `${url}${paths[0]}`,
          connections,
          duration: DURATION,
          headers: allHeaders,
          ...(rate === undefined ? {} : { overallRate: rate }),
        }).then((r) => ({
          requests: r.requests.average * DURATION,
          req_per_s: Math.round(r.requests.average),
          p50_ms: r.latency.p50,
          p99_ms: r.latency.p99,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
        }));
  const cpu = cpuSeconds(pid) - cpu0;
  const allCpu = otherPids.reduce<number>(
    (sum, other, i) => sum + cpuSeconds(other) - (otherCpu0[i] ?? 0),
    cpu,
  );
  return {
    client: WRK && rate === undefined ? 'wrk' : 'autocannon',
    connections,
    requests: result.requests,
    req_per_s: result.req_per_s,
    // What one uncontended core would serve: requests per CPU-second the server process used.
    ...(Number.isFinite(cpu) && cpu > 0 ? { server_req_per_cpu_s: Math.round(result.requests / cpu) } : {}),
    // The same over the API and its workers: what a prediction costs the whole deployment.
    ...(otherPids.length > 0 && Number.isFinite(allCpu) && allCpu > 0
      ? {
          all_req_per_cpu_s: Math.round(result.requests / allCpu),
          // Where a request's CPU goes, at a fixed --rate comparable across variants: the API, then the workers.
          api_cpu_us: Math.round((1e6 * cpu) / result.requests),
          workers_cpu_us: Math.round((1e6 * (allCpu - cpu)) / result.requests),
        }
      : {}),
    p50_ms: result.p50_ms,
    p99_ms: result.p99_ms,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

let nextPort = 18_400 + Math.floor(Math.random() * 500);

interface Server {
  readonly port: number;
  readonly pid: number | undefined;
  readonly startedMs: number;
  readonly listeningMs: number;
  readonly readyMs: number;
  /** Until the bulk bodies were built. */
  readonly warmMs: number;
  stop(): Promise<void>;
}

/** The V8 flag `npm start` and the image run the server with (docs/performance.md, "Node 24"). */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];

function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawnNode(['bin/matchcast.js', ...args], env);
}

function spawnNode(
  args: string[],
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): ChildProcess {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeFlags, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (PIN && child.pid !== undefined) pinToServerCore(child.pid);
  return child;
}

/** --pin: a server, all its threads, on CPU 0. Linux only (util-linux's taskset). */
function pinToServerCore(pid: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', '0', String(pid)], { stdio: 'ignore' });
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

function serverEnv(artifactDir: string, extra: Record<string, string>): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    DATA_DIR: join(root, 'var'),
    ARTIFACT_STORE: artifactDir,
    DATABASE_URL: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`,
    API_KEY,
    MODEL_NAME,
    LOG_LEVEL: 'info',
    REDIS_URL: '',
    ...extra,
  };
}

/**
 * `matchcast api`, or with `bench` the bench's own launcher (bench/support/api-server.ts: the same process, plus
 * BENCH_SECURITY_HEADERS=off for the bare baseline).
 */
async function startServer(
  artifactDir: string,
  env: Record<string, string>,
  workers: number | 'bench' = 1,
  prefix = PREFIX,
  /** Further flags for node (the bench launcher only), e.g. --cpu-prof. */
  nodeFlags: readonly string[] = [],
): Promise<Server> {
  const port = nextPort++;
  const started = performance.now();
  const serverEnvironment = serverEnv(artifactDir, { PORT: String(port), ...env });
  const child =
    workers === 'bench'
      ? spawnNode(['--import', 'tsx', 'bench/support/api-server.ts', prefix], serverEnvironment, nodeFlags)
      : spawnCli(['api', '--workers', String(workers), '--prefix', prefix], serverEnvironment);
  let listeningMs = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}`);
    const res = await http(port, '/readyz', {}).catch(() => null);
    if (res && listeningMs === 0) listeningMs = performance.now() - started;
    if (res?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const readyMs = Math.round(performance.now() - started);
  // The bulk bodies are prepared in the background after ready; wait for them so they do not share the CPU
  // with the measurement.
  for (const path of ['/predict/predictions/', '/predict/cards/', '/predict/odds/'])
    await http(port, path, { 'x-api-key': API_KEY, 'accept-encoding': 'gzip' });
  return {
    port,
    pid: child.pid,
    startedMs: started,
    listeningMs: Math.round(listeningMs),
    readyMs,
    warmMs: Math.round(performance.now() - started),
    stop: () => stopChild(child),
  };
}

/** Peak RSS, and today's RSS split into anonymous memory (heap, buffers) and mapped files (code), from /proc. */
function procMemory(pid: number | undefined): Record<string, number> {
  if (pid === undefined) return {};
  const kb = (name: string, text: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]);
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    rss_mb_peak: Math.round(kb('VmHWM', text) / 1024),
    rss_mb_anon: Math.round(kb('RssAnon', text) / 1024),
    rss_mb_file: Math.round(kb('RssFile', text) / 1024),
  };
}

async function rss(port: number): Promise<number> {
  return (JSON.parse((await http(port, '/healthcheck/', {})).body) as { memory_usage_mb: number })
    .memory_usage_mb;
}

function report(name: string, figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ scenario: name, ...figures })}\n`);
}

const ids = (n: number, count = 1000) =>
  Array.from({ length: count }, (_, i) => 1_000_000 + ((i * 7919) % n));

/**
 * Seconds (two by default) of the measured load, unmeasured: the JIT has compiled the request path before a process's
 * figures count, whichever round or position it runs in.
 */
async function warmUp(port: number, paths: readonly string[], seconds = 2): Promise<void> {
  const url = `http://127.0.0.1:${port}`;
  const headers = { 'x-api-key': API_KEY };
  if (WRK) await wrk({ url, paths, connections: 32, durationSeconds: seconds, headers });
  else await autocannon({ url: `${url}${paths[0]}`, connections: 32, duration: seconds, headers });
}

/** CLOCK_MONOTONIC in µs: the clock V8 stamps CPU profile samples with, in every process. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * What security headers and rate limits cost on the precomputed load. Five variants: bare (no headers, no
 * limits), bare again (the control: the same code, so its "cost" is what the bench cannot tell from zero),
 * headers only, headers and both /predict/* limits with counters in memory, the same with counters synced
 * through Redis. The limits are set far above the load (never reached): their bookkeeping is what is measured.
 * All get REDIS_URL (queue mode; precomputed reads never touch the queue), so they differ only in headers and
 * limits: the memory variant keeps its counters in memory through the bench server's switch.
 *
 * Two processes of the same code differ by several percent (code layout, JIT decisions, which core), more
 * than the protections cost, so one process per variant measured its process as much as its variant. Every
 * round therefore starts new processes (--processes per variant, in a rotating order), warms each up
 * unmeasured, loads each in turn (rotating), and stops them: the per-round cost against bare is taken on the
 * median over a variant's processes, and the figure is the median over rounds, with the control's beside it.
 * With --rate N every variant gets the same N requests per second (autocannon): a saturated server answers more
 * requests per wake-up the busier it is, which changes its CPU per request as much as the protections do, and a
 * fixed rate compares like with like (and makes profiles comparable). With --cpu-prof DIR every
 * server writes a V8 CPU profile there, and DIR/windows.json says when each was loaded
 * (bench/cpu-profile-summary.ts reads them).
 */
async function limitsScenario(artifactDir: string, paths: readonly string[]): Promise<void> {
  const limits = { RATE_LIMIT_PER_MINUTE: '10000000', RATE_LIMIT_PER_IP_PER_MINUTE: '10000000' };
  const bare = { REDIS_URL, BENCH_SECURITY_HEADERS: 'off' };
  const variants = [
    ['bare (no headers, no limits)', bare],
    ['bare again (control: the noise floor)', bare],
    ['headers, no limits', { REDIS_URL }],
    ['headers + limits in memory', { ...limits, REDIS_URL, BENCH_RATE_LIMIT_COUNTERS: 'memory' }],
    ['headers + limits in Redis', { ...limits, REDIS_URL }],
  ] as const;
  const slots = Array.from({ length: PROCESSES }, () => variants.map((_, v) => v)).flat();
  // figures[variant][round] holds one value per process.
  const reqPerS = variants.map(() => [] as number[][]);
  const reqPerCpuS = variants.map(() => [] as number[][]);
  const windows: ProfileWindow[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = slots.map((_, k) => slots[(k + round) % slots.length] as number);
    const profiles = order.map((v, k) => `${v}-round${round + 1}-process${k + 1}.cpuprofile`);
    const servers = await Promise.all(
      order.map((v, k) =>
        startServer(
          artifactDir,
          (variants[v] as (typeof variants)[number])[1],
          'bench',
          PREFIX,
          CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`, `--cpu-prof-name=${profiles[k]}`] : [],
        ),
      ),
    );
    try {
      for (const server of servers) await warmUp(server.port, paths);
      for (const v of variants.keys()) {
        reqPerS[v]?.push([]);
        reqPerCpuS[v]?.push([]);
      }
      for (const [k, v] of order.entries()) {
        const server = servers[k] as Server;
        const startUs = monotonicUs();
        const result = await load(server.port, paths, 32, {}, server.pid, undefined, RATE || undefined);
        windows.push({
          profile: profiles[k] as string,
          variant: (variants[v] as (typeof variants)[number])[0],
          startUs,
          endUs: monotonicUs(),
          requests: result.requests,
        });
        report(`precomputed, ${(variants[v] as (typeof variants)[number])[0]}, round ${round + 1}`, result);
        reqPerS[v]?.[round]?.push(result.req_per_s);
        if (result.server_req_per_cpu_s !== undefined)
          reqPerCpuS[v]?.[round]?.push(result.server_req_per_cpu_s);
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  }
  if (CPU_PROF) writeFileSync(join(CPU_PROF, 'windows.json'), `${JSON.stringify(windows, null, 1)}\n`);
  const costs = (figures: number[][][], v: number) => roundCosts(figures[v] ?? [], figures[0] ?? []);
  const control = costs(reqPerCpuS, 1);
  for (const [v, [name]] of variants.entries())
    report(`precomputed, ${name}, ${ROUNDS} rounds × ${PROCESSES} processes`, {
      req_per_s: median((reqPerS[v] ?? []).flat()),
      server_req_per_cpu_s: median((reqPerCpuS[v] ?? []).flat()),
      ...(v === 0
        ? {}
        : {
            cost_vs_bare_pct_req_per_s: pct(median(costs(reqPerS, v))),
            cost_vs_bare_pct_req_per_cpu_s: pct(median(costs(reqPerCpuS, v))),
            // The middle half of the per-round costs: how far one round's pair can be off.
            per_round_pct_req_per_cpu_s_p25_p75: [
              pct(quantile(costs(reqPerCpuS, v), 0.25)),
              pct(quantile(costs(reqPerCpuS, v), 0.75)),
            ],
            noise_floor_pct_req_per_cpu_s: pct(median(control)),
          }),
    });
}

/**
 * The protections' cost with the process held constant (`--scenario limits-in-process`): each variant's process
 * also serves, on a second port and from the same services, an app with no protections (BENCH_BARE_PORT), and in
 * every round the two apps are loaded in turn, variant, bare, bare, variant (bare, variant, variant, bare in
 * every other round, after a second of unmeasured load on each), so a drift in the machine's load falls on both
 * alike and neither app gains from its place in the round. CPU per request is the one process's CPU over each load. The two apps share the
 * process's code layout, core and services, which moved the process-per-variant runs above by ±10 %; what
 * differs is the protections alone. The control serves bare apps on both ports: its "cost" is the noise floor.
 */
async function limitsInProcessScenario(artifactDir: string, paths: readonly string[]): Promise<void> {
  const limits = { RATE_LIMIT_PER_MINUTE: '10000000', RATE_LIMIT_PER_IP_PER_MINUTE: '10000000' };
  const variants = (
    [
      [
        'control',
        'bare on both ports (control: the noise floor)',
        { REDIS_URL, BENCH_SECURITY_HEADERS: 'off' },
      ],
      ['headers', 'headers, no limits', { REDIS_URL }],
      ['memory', 'headers + limits in memory', { ...limits, REDIS_URL, BENCH_RATE_LIMIT_COUNTERS: 'memory' }],
      ['redis', 'headers + limits in Redis', { ...limits, REDIS_URL }],
    ] as const
  ).filter(([key]) => VARIANTS.has(key));
  // --processes N starts N processes of each variant: what sticks to one process (its code layout) shows as a
  // spread between its processes' medians instead of passing for the variant's cost.
  const servers = await Promise.all(
    variants.flatMap(([, , env], v) =>
      Array.from({ length: PROCESSES }, () => {
        const barePort = nextPort++;
        return startServer(artifactDir, { ...env, BENCH_BARE_PORT: String(barePort) }, 'bench').then(
          (server) => ({ v, server, barePort, costs: [] as number[] }),
        );
      }),
    ),
  );
  try {
    for (const { server, barePort } of servers) {
      await warmUp(server.port, paths);
      await warmUp(barePort, paths);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < servers.length; k++) {
        const one = servers[(k + round) % servers.length] as (typeof servers)[number];
        const { server, barePort } = one;
        const totals = { variant: { requests: 0, cpu: 0 }, bare: { requests: 0, cpu: 0 } };
        // The process was idle while the others were loaded: a short unmeasured load wakes it first, and the
        // order flips every round (V B B V, then B V V B), so a load's place in the round favours neither app.
        await warmUp(server.port, paths, 1);
        await warmUp(barePort, paths, 1);
        const variant = ['variant', server.port] as const;
        const bare = ['bare', barePort] as const;
        for (const [which, port] of alternatingOrder<readonly ['variant' | 'bare', number]>(
          round,
          variant,
          bare,
        )) {
          const cpu0 = cpuSeconds(server.pid);
          const result = await load(port, paths, 32);
          totals[which].requests += result.requests;
          totals[which].cpu += cpuSeconds(server.pid) - cpu0;
        }
        // 1 − (variant's requests per CPU-second) / (its bare twin's).
        const perCpu = (t: { requests: number; cpu: number }) => t.requests / t.cpu;
        one.costs.push(1 - perCpu(totals.variant) / perCpu(totals.bare));
        report(
          `precomputed in one process, ${(variants[one.v] as (typeof variants)[number])[1]}, process ${server.pid}, round ${round + 1}`,
          {
            variant_req_per_cpu_s: Math.round(perCpu(totals.variant)),
            bare_req_per_cpu_s: Math.round(perCpu(totals.bare)),
          },
        );
      }
    }
  } finally {
    await Promise.all(servers.map(({ server }) => server.stop()));
  }
  const costsOf = (v: number) => servers.filter((one) => one.v === v).map((one) => one.costs);
  const control = variants.findIndex(([key]) => key === 'control');
  for (const [v, [, name]] of variants.entries()) {
    const all = costsOf(v).flat();
    // How far the median could be from the one a longer run would find, resampling whole processes: what sticks to
    // one process (its code layout, its JIT's choices) moves a median more than the ±10 % its rounds swing by.
    // One process has no spread between processes to resample: no interval rather than a zero-width one.
    const interval =
      PROCESSES > 1
        ? bootstrapInterval(costsOf(v), (processes) => median(processes.flat()), {
            resamples: 10_000,
            seed: 7,
          })
        : null;
    report(`precomputed in one process, ${name}, ${ROUNDS} rounds × ${PROCESSES} process(es)`, {
      cost_vs_bare_pct_req_per_cpu_s: pct(median(all)),
      median_interval_95_pct: interval?.map(pct) ?? null,
      per_round_pct_req_per_cpu_s_p25_p75: [pct(quantile(all, 0.25)), pct(quantile(all, 0.75))],
      per_process_median_pct: costsOf(v).map((costs) => pct(median(costs))),
      ...(control === -1 ? {} : { noise_floor_pct_req_per_cpu_s: pct(median(costsOf(control).flat())) }),
    });
  }
}

async function main(): Promise<void> {
  const wanted = new Set(
    args.scenario === 'all'
      ? ['memory', 'precomputed', 'limits', 'cluster', 'inline', 'queue', 'cards']
      : args.scenario.split('+'),
  );
  const db = await openDb({ databaseUrl: POSTGRES_URL, schema: SCHEMA });
  await migrate(db);
  const bigDir = join(root, 'artifacts');
  const bigStore = createFileArtifactStore(bigDir);
  const t0 = performance.now();
  await writeArtifacts(bigStore, MATCHES);
  process.stderr.write(
    `wrote artifacts for ${MATCHES} matches in ${Math.round(performance.now() - t0)} ms\n`,
  );
  await createModelRegistry({ db, store: bigStore }).register({
    name: MODEL_NAME,
    onnx: softmaxRegressionToOnnx({
      featureNames: FEATURES,
      mean: FEATURES.map(() => 0),
      scale: FEATURES.map(() => 1),
      weights: FEATURES.map(() => [uniform() - 0.5, uniform() - 0.5, uniform() - 0.5]),
      bias: [0.2, -0.1, 0],
    }),
    signature: {
      inputName: INPUT_NAME,
      outputName: OUTPUT_NAME,
      featureNames: FEATURES,
      classes: [0, 1, 2],
      featureSetVersion: 'bench',
    },
    featureSet: {
      version: 'bench',
      featureNames: FEATURES,
      rows: MATCHES,
      createdAt: new Date().toISOString(),
    },
    alias: 'champion',
  });
  const precomputedPaths = ids(MATCHES).map((id) => `/predict/precomputed/${id}`);
  const livePaths = ids(MATCHES).map((id) => `/predict/${id}`);

  if (wanted.has('memory') || wanted.has('precomputed')) {
    // Production mode (PostgreSQL and Redis): the API holds no in-process worker.
    const server = await startServer(bigDir, { REDIS_URL });
    try {
      if (wanted.has('memory'))
        report('memory', {
          matches: MATCHES,
          listening_ms: server.listeningMs,
          ready_ms: server.readyMs,
          bodies_built_ms: server.warmMs,
          rss_mb_ready: await rss(server.port),
          ...procMemory(server.pid),
        });
      if (wanted.has('precomputed')) {
        report('precomputed 1 process', await load(server.port, precomputedPaths, 32, {}, server.pid));
        if (WRK)
          // The same 32 connections, each pausing 1 ms between answer and next request: p99 at about half
          // the saturated rate, still above the 15,000 req/s floor.
          report(
            'precomputed 1 process, 1 ms think time',
            await load(server.port, precomputedPaths, 32, {}, server.pid, 1),
          );
        report(
          'precomputed 1 process, 1 connection',
          await oneConnection(server.port, precomputedPaths, 5000),
        );
        if (wanted.has('memory')) report('memory after load', { rss_mb: await rss(server.port) });
      }
    } finally {
      await server.stop();
    }
  }

  if (wanted.has('limits')) await limitsScenario(bigDir, precomputedPaths);
  if (wanted.has('limits-in-process')) await limitsInProcessScenario(bigDir, precomputedPaths);

  if (wanted.has('cluster')) {
    const server = await startServer(bigDir, {}, 2);
    try {
      report('precomputed --workers 2', await load(server.port, precomputedPaths, 32));
    } finally {
      await server.stop();
    }
  }

  if (wanted.has('inline')) {
    const server = await startServer(bigDir, { INFERENCE_MODE: 'inline' });
    try {
      report('predict inline, 1 connection', await oneConnection(server.port, livePaths, 5000));
      report('predict inline', await load(server.port, livePaths, 32, {}, server.pid));
    } finally {
      await server.stop();
    }
  }

  /** An API and two workers on their own queue prefix, warmed up: both workers live, the model loaded in each. */
  const startQueueSet = async (prefix: string, variantEnv: Record<string, string>) => {
    // Sampled every 250 µs rather than every 1 ms: a prediction's tracing work is a few hundred µs at most.
    const extra =
      CPU_PROF === undefined
        ? variantEnv
        : {
            ...variantEnv,
            NODE_OPTIONS: [
              variantEnv.NODE_OPTIONS,
              `--cpu-prof --cpu-prof-interval=250 --cpu-prof-dir=${join(CPU_PROF, prefix)}`,
            ]
              .filter((part) => part !== undefined)
              .join(' '),
          };
    const workerEnv = serverEnv(bigDir, { REDIS_URL, LOG_LEVEL: 'warn', ...extra });
    const workers = [1, 2].map((i) =>
      spawnCli(['worker', '--prefix', prefix, '--concurrency', '16', '--name', `bench-${i}`], {
        ...workerEnv,
        METRICS_PORT: '0',
      }),
    );
    const server = await startServer(bigDir, { REDIS_URL, ...extra }, 1, prefix);
    for (let i = 0; i < 600; i++) {
      const res = await http(server.port, '/monitoring/celery/workers', {});
      if ((JSON.parse(res.body) as { workers: unknown[] }).workers.length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (let i = 0; i < 50; i++) await http(server.port, livePaths[i] as string, { 'x-api-key': API_KEY });
    return {
      server,
      workerPids: workers.map((w) => w.pid),
      stop: async () => {
        await server.stop();
        await Promise.all(workers.map(stopChild));
      },
    };
  };

  const queueScenario = async (label: string, extra: Record<string, string>) => {
    const set = await startQueueSet(PREFIX, extra);
    try {
      report(
        `predict via BullMQ, 2 workers, 1 connection${label}`,
        await oneConnection(set.server.port, livePaths, 2000),
      );
      report(
        `predict via BullMQ, 2 workers${label}`,
        await load(set.server.port, livePaths, 32, {}, set.server.pid, undefined, undefined, set.workerPids),
      );
    } finally {
      await set.stop();
    }
  };

  if (wanted.has('queue')) await queueScenario('', {});

  if (wanted.has('tracing')) {
    const sink = await startOtlpSink();
    const endpoint = sink.endpoint;
    const variants: readonly (readonly [string, Record<string, string>])[] = [
      ['tracing off', {}],
      [
        'tracing on, every trace',
        { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_SAMPLER: 'always_on' },
      ],
      [
        'tracing on, nothing sampled',
        { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_SAMPLER: 'always_off' },
      ],
      ['tracing on, sampled at 10% (the default)', { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }],
    ];
    // Every variant runs at once (each on its own queue prefix) and the load alternates between them, round
    // after round in a rotating order: on a shared machine a before/after pair then sees the same background.
    const sets: Awaited<ReturnType<typeof startQueueSet>>[] = [];
    try {
      for (const [i, [, env]] of variants.entries()) sets.push(await startQueueSet(`${PREFIX}_${i}`, env));
      for (const [i, [name]] of variants.entries()) {
        if (!args['one-connection']) break;
        const set = sets[i] as (typeof sets)[number];
        report(
          `predict via BullMQ, 2 workers, 1 connection, ${name}`,
          await oneConnection(set.server.port, livePaths, 2000),
        );
      }
      const runs = variants.map(() => [] as Awaited<ReturnType<typeof load>>[]);
      const loadSet = (i: number) => {
        const set = sets[i] as (typeof sets)[number];
        return load(
          set.server.port,
          livePaths,
          32,
          {},
          set.server.pid,
          undefined,
          RATE || undefined,
          set.workerPids,
        );
      };
      for (let round = 0; round < ROUNDS; round++) {
        // With --rate every variant is loaded at once, each at that rate: the machine's background load then
        // falls on all of them in the same seconds. Without, in turn, in a rotating order.
        const order = variants.map((_, k) => (round + k) % variants.length);
        const results: Awaited<ReturnType<typeof load>>[] = [];
        if (RATE > 0) results.push(...(await Promise.all(order.map(loadSet))));
        else for (const i of order) results.push(await loadSet(i));
        for (const [k, i] of order.entries()) {
          const run = results[k] as Awaited<ReturnType<typeof load>>;
          (runs[i] as (typeof runs)[number]).push(run);
          report(
            `predict via BullMQ, 2 workers, ${(variants[i] as (typeof variants)[number])[0]}, round ${round + 1}`,
            run,
          );
        }
      }
      const median = (xs: readonly number[]) =>
        [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
      const figure = (
        i: number,
        key: 'req_per_s' | 'server_req_per_cpu_s' | 'all_req_per_cpu_s' | 'api_cpu_us' | 'workers_cpu_us',
      ) => (runs[i] ?? []).map((r) => r[key] ?? NaN);
      // Overhead per round against the off run of the same round, then the median over rounds.
      const cost = (i: number, key: 'req_per_s' | 'server_req_per_cpu_s' | 'all_req_per_cpu_s') =>
        Math.round(1000 * median(figure(i, key).map((x, r) => 1 - x / (figure(0, key)[r] ?? NaN)))) / 10;
      for (const [i, [name]] of variants.entries())
        report(`predict via BullMQ, 2 workers, ${name}, median of ${ROUNDS}`, {
          req_per_s: median(figure(i, 'req_per_s')),
          server_req_per_cpu_s: median(figure(i, 'server_req_per_cpu_s')),
          all_req_per_cpu_s: median(figure(i, 'all_req_per_cpu_s')),
          api_cpu_us: median(figure(i, 'api_cpu_us')),
          workers_cpu_us: median(figure(i, 'workers_cpu_us')),
          p50_ms: median((runs[i] ?? []).map((r) => r.p50_ms)),
          p99_ms: median((runs[i] ?? []).map((r) => r.p99_ms)),
          ...(i === 0
            ? {}
            : {
                cost_pct_req_per_s: cost(i, 'req_per_s'),
                cost_pct_server_cpu: cost(i, 'server_req_per_cpu_s'),
                cost_pct_all_cpu: cost(i, 'all_req_per_cpu_s'),
                // CPU µs per request added, median of the per-round differences with the off run.
                added_api_cpu_us: median(
                  figure(i, 'api_cpu_us').map((x, r) => x - (figure(0, 'api_cpu_us')[r] ?? NaN)),
                ),
                added_workers_cpu_us: median(
                  figure(i, 'workers_cpu_us').map((x, r) => x - (figure(0, 'workers_cpu_us')[r] ?? NaN)),
                ),
              }),
        });
    } finally {
      await Promise.all(sets.map((set) => set.stop()));
      sink.stop();
    }
  }

  /**
   * Tracing's cost with the deployment held constant (`--scenario tracing-paired`): one API and two workers with
   * tracing on (spans to the OTLP sink), each preloading bench/support/tracing-pause.ts, so a SIGUSR2 to the
   * three pauses or resumes tracing in all of them. Every round loads the deployment on, paused, paused, on (the
   * order flipped every other round), with a second of unmeasured load after each switch; the cost is CPU per
   * request of the API and workers together, on against paused in the same round, median over rounds.
   * Deployments of separate processes differ by several percent (`tracing` above); here only tracing does.
   * Paused, the SDK stays loaded and makes nothing: what a process that never started tracing saves beyond that
   * is the always_off variant's business in `tracing`.
   */
  if (wanted.has('tracing-paired')) {
    const sink = await startOtlpSink();
    const pause = join(process.cwd(), 'bench', 'support', 'tracing-pause.ts');
    // The control never starts tracing, so the switch changes nothing: its "cost" is the noise floor.
    const set = await startQueueSet(`${PREFIX}_paired`, {
      ...(args['paired-control'] ? {} : { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint }),
      NODE_OPTIONS: `--import tsx --import ${pause}`,
    });
    const pids = [set.server.pid, ...set.workerPids];
    let paused = false;
    const switchTo = async (pause: boolean) => {
      if (pause === paused) return;
      for (const pid of pids) if (pid !== undefined) process.kill(pid, 'SIGUSR2');
      paused = pause;
      await warmUp(set.server.port, livePaths, 1);
    };
    const costs: number[] = [];
    const added = { api: [] as number[], workers: [] as number[] };
    try {
      await warmUp(set.server.port, livePaths);
      for (let round = 0; round < ROUNDS; round++) {
        const totals = {
          on: { requests: 0, api: 0, workers: 0 },
          paused: { requests: 0, api: 0, workers: 0 },
        };
        for (const state of alternatingOrder<'on' | 'paused'>(round, 'on', 'paused')) {
          await switchTo(state === 'paused');
          const run = await load(
            set.server.port,
            livePaths,
            32,
            {},
            set.server.pid,
            undefined,
            undefined,
            set.workerPids,
          );
          const total = totals[state];
          total.requests += run.requests;
          total.api += ((run.api_cpu_us ?? Number.NaN) * run.requests) / 1e6;
          total.workers += ((run.workers_cpu_us ?? Number.NaN) * run.requests) / 1e6;
        }
        const perCpu = (t: { requests: number; api: number; workers: number }) =>
          t.requests / (t.api + t.workers);
        const usOf = (t: { requests: number }, cpu: number) => (1e6 * cpu) / t.requests;
        costs.push(1 - perCpu(totals.on) / perCpu(totals.paused));
        added.api.push(usOf(totals.on, totals.on.api) - usOf(totals.paused, totals.paused.api));
        added.workers.push(usOf(totals.on, totals.on.workers) - usOf(totals.paused, totals.paused.workers));
        report(`predict via BullMQ, 2 workers, tracing on against paused, round ${round + 1}`, {
          on_all_req_per_cpu_s: Math.round(perCpu(totals.on)),
          paused_all_req_per_cpu_s: Math.round(perCpu(totals.paused)),
          on_req_per_s: Math.round(totals.on.requests / (2 * DURATION)),
          paused_req_per_s: Math.round(totals.paused.requests / (2 * DURATION)),
        });
      }
    } finally {
      await set.stop();
      sink.stop();
    }
    report(
      `predict via BullMQ, 2 workers, tracing on against paused${args['paired-control'] ? ' (control: never started)' : ''}, ${ROUNDS} rounds`,
      {
        cost_pct_all_cpu: pct(median(costs)),
        per_round_pct_p25_p75: [pct(quantile(costs, 0.25)), pct(quantile(costs, 0.75))],
        added_api_cpu_us: Math.round(median(added.api)),
        added_workers_cpu_us: Math.round(median(added.workers)),
      },
    );
  }

  if (wanted.has('cards')) {
    const cardsDir = join(root, 'cards-artifacts');
    await writeArtifacts(createFileArtifactStore(cardsDir), CARD_MATCHES);
    const server = await startServer(cardsDir, {});
    try {
      const gz = await load(server.port, ['/predict/cards/'], 8, { 'accept-encoding': 'gzip' }, server.pid);
      report(`cards ${CARD_MATCHES} matches, gzip`, gz);
      const filtered = await load(server.port, ['/predict/cards/?is_future=true&limit=500'], 8, {
        'accept-encoding': 'gzip',
      });
      report(`cards ${CARD_MATCHES} matches, filtered (is_future, limit 500), gzip`, filtered);
      report('cards ready', {
        ready_ms: server.readyMs,
        bodies_built_ms: server.warmMs,
        rss_mb: await rss(server.port),
      });
    } finally {
      await server.stop();
    }
  }

  await db.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await db.close();
}

try {
  await main();
} finally {
  await Promise.all([...children].map(stopChild));
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // Redis absent: nothing to clean.
  } finally {
    redis.disconnect();
  }
  rmSync(root, { recursive: true, force: true });
}
