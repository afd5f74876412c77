/**
 * The fault suite's long form: the same topology and faults as test/integration/faults/faults.test.ts (API,
 * two workers, the scheduler, a private PostgreSQL and a private Redis with AOF, each on a host of its own in a
 * network namespace), each fault held longer under more load, repeated, then the table docs/reliability.md
 * shows (one per round) and the worst figures across rounds.
 *
 *   node --import tsx bench/faults.ts [--fault-seconds 8] [--clients 8] [--rounds 2] [--loopback]
 *
 * Needs PostgreSQL server binaries (/usr/lib/postgresql/N/bin; as root the cluster runs as `postgres`) and
 * redis-server; network namespaces need root and iproute2 (without them, or with --loopback, everything shares
 * 127.0.0.1 and the partition is a SIGSTOP). Namespaces and processes are removed on exit.
 */
import { parseArgs } from 'node:util';
import {
  type FaultReport,
  faultTable,
  LONG_TIMING,
  runFaults,
} from '../test/integration/faults/scenarios.ts';
import { HOSTS, startTopology } from '../test/integration/faults/topology.ts';
import {
  canCreateNamespaces,
  createPrivateNetwork,
  type PrivateNetwork,
} from '../test/support/network-namespaces.ts';

const { values } = parseArgs({
  options: {
    'fault-seconds': { type: 'string', default: String(LONG_TIMING.faultMs / 1000) },
    clients: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
    loopback: { type: 'boolean', default: false },
  },
});
const faultMs = Number(values['fault-seconds']) * 1000;
const clients = Number(values.clients);
const rounds = Number(values.rounds);

const log = (line: string) => process.stderr.write(`${line}\n`);
const started = Date.now();
const multiHost = !values.loopback && canCreateNamespaces();
if (!multiHost) log('!!! on LOOPBACK: no network namespaces (the partition is a SIGSTOP) !!!');
const network: PrivateNetwork | undefined = multiHost ? createPrivateNetwork(HOSTS) : undefined;
// Ctrl-C: the exit handler removes the namespaces; processes inside them are killed with them.
process.once('SIGINT', () => process.exit(130));
const topology = await startTopology(network);
log(`topology up in ${((Date.now() - started) / 1000).toFixed(1)} s on ${topology.isolation}`);
const all: FaultReport[] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    const reports = await runFaults(topology, { ...LONG_TIMING, faultMs }, { clients, log });
    all.push(...reports);
    process.stdout.write(
      `\nround ${round} of ${rounds}: ${clients} clients, each fault held ${faultMs / 1000} s, on ${topology.isolation}\n\n${faultTable(reports)}\n`,
    );
  }
  const lost = all.reduce((n, r) => n + r.asyncSubmitted - r.asyncCompleted, 0);
  const disagreeing = all.reduce((n, r) => n + r.inconsistent, 0);
  const worstRecovery = Math.max(...all.map((r) => r.recoverySeconds));
  process.stdout.write(
    `\nacross ${rounds} rounds: ${all.reduce((n, r) => n + r.sent, 0)} requests, ` +
      `${all.reduce((n, r) => n + r.asyncSubmitted, 0)} async tasks, ${lost} lost, ${disagreeing} disagreeing, ` +
      `slowest recovery ${worstRecovery.toFixed(1)} s\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
} finally {
  await topology.close();
  network?.close();
}
// A replacement left booting by the last fault may still hold timers: the run is over.
process.exit(0);
