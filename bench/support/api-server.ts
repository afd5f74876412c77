/**
 * `matchcast api` for bench/api.ts, with switches no configuration variable has: BENCH_SECURITY_HEADERS=off
 * serves without security headers, the bare baseline their cost is measured against;
 * BENCH_RATE_LIMIT_COUNTERS=memory keeps the rate-limit counters in memory although REDIS_URL is set, so every
 * variant of the limits scenario runs in the same (queue) mode; BENCH_BARE_PORT=N also serves, from the same
 * process and services, an app with no protections on port N. Every other setting comes from the environment
 * as for `matchcast api`; SIGTERM stops it gracefully.
 *
 *   node --import tsx bench/support/api-server.ts [prefix]
 */
import { runApiProcess } from '../../src/cli/processes/api.ts';
import { loadConfig } from '../../src/config/config.ts';

const config = loadConfig(process.env);
if (config.apiKey === undefined) throw new Error('the bench server needs API_KEY');
const running = await runApiProcess({
  config,
  apiKey: config.apiKey,
  prefix: process.argv[2] ?? 'matchcast',
  ...(process.env.BENCH_BARE_PORT === undefined ? {} : { barePort: Number(process.env.BENCH_BARE_PORT) }),
  security: {
    ...(process.env.BENCH_SECURITY_HEADERS === 'off' ? { headers: false } : {}),
    ...(process.env.BENCH_RATE_LIMIT_COUNTERS === 'memory' ? { redisUrl: undefined } : {}),
  },
});
process.once('SIGTERM', () => {
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
