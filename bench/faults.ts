/**
 * The fault suite's long form: the same topology and faults as test/integration/faults/faults.test.ts (API,
 * two workers and the scheduler as separate processes over a private PostgreSQL and a private Redis with AOF),
 * each fault held for longer under a steady load, then the table docs/reliability.md shows.
 *
 *   node --import tsx bench/faults.ts [--fault-seconds 8] [--clients 4]
 *
 * Needs PostgreSQL server binaries (/usr/lib/postgresql/N/bin; as root the cluster runs as `postgres`) and
 * redis-server. Everything runs on loopback: the partition is a worker frozen with SIGSTOP.
 */
import { parseArgs } from 'node:util';
import { faultTable, LONG_TIMING, runFaults } from '../test/integration/faults/scenarios.ts';
import { startTopology } from '../test/integration/faults/topology.ts';

const { values } = parseArgs({
  options: {
    'fault-seconds': { type: 'string', default: String(LONG_TIMING.faultMs / 1000) },
    clients: { type: 'string', default: '4' },
  },
});
const faultMs = Number(values['fault-seconds']) * 1000;
const clients = Number(values.clients);

const log = (line: string) => process.stderr.write(`${line}\n`);
const started = Date.now();
const topology = await startTopology();
log(`topology up in ${((Date.now() - started) / 1000).toFixed(1)} s (loopback, no network namespaces)`);
try {
  const reports = await runFaults(topology, { ...LONG_TIMING, faultMs }, { clients, log });
  process.stdout.write(
    `\nfault suite, long form: ${clients} clients, each fault held ${faultMs / 1000} s, on loopback\n\n${faultTable(reports)}\n`,
  );
  process.stdout.write(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
} finally {
  await topology.close();
}
