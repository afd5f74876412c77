/**
 * `matchcast api` for bench/api.ts, with one switch no configuration variable has: BENCH_SECURITY_HEADERS=off
 * serves without security headers, the bare baseline their cost is measured against. Every other setting comes
 * from the environment as for `matchcast api`; SIGTERM stops it gracefully.
 *
 *   node --import tsx bench/support/api-server.ts [prefix]
 */
import { runApiProcess } from '../../src/cli/commands/api.ts';
import { loadConfig } from '../../src/config/config.ts';

const config = loadConfig(process.env);
if (config.apiKey === undefined) throw new Error('the bench server needs API_KEY');
const running = await runApiProcess({
  config,
  apiKey: config.apiKey,
  prefix: process.argv[2] ?? 'matchcast',
  securityHeaders: process.env.BENCH_SECURITY_HEADERS !== 'off',
});
process.once('SIGTERM', () => {
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
