/**
 * The fault suite, CI form (issue #16 item 5): API, two workers, the scheduler, a private PostgreSQL and a
 * private Redis (AOF on) as six hosts, each in a network namespace of its own on one bridge, under a steady load
 * of four clients; each fault is injected, healed, and judged. The partition takes worker-a's link down and up.
 * Where namespaces cannot be created (not root, no iproute2) the same suite runs on loopback, says so loudly,
 * and the partition freezes the worker with SIGSTOP instead. `node --import tsx bench/faults.ts` runs the
 * longer form and prints the table docs/reliability.md shows.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canCreateNamespaces,
  createPrivateNetwork,
  type PrivateNetwork,
} from '../../support/network-namespaces.ts';
import { postgresBinDir } from '../../support/postgres-server.ts';
import { CI_TIMING, type FaultReport, faultTable, runFaults } from './scenarios.ts';
import { HOSTS, startTopology, type Topology } from './topology.ts';

const hasServers = postgresBinDir() !== null && spawnSync('redis-server', ['--version']).status === 0;
// Not an error in CI: a CI whose PostgreSQL is a service container has no server binaries to start one.
if (!hasServers)
  console.warn(
    '\n!!!!!!!!!! SKIPPING the fault suite: PostgreSQL server binaries or redis-server missing !!!!!!!!!!\n',
  );

// FAULTS_NETWORK=loopback runs the fallback form on purpose (to compare the two).
const loopbackAsked = process.env.FAULTS_NETWORK === 'loopback';
const multiHost = hasServers && !loopbackAsked && canCreateNamespaces();
if (hasServers && !multiHost)
  console.warn(
    `\n!!!!!!!!!! fault suite on LOOPBACK: ${loopbackAsked ? 'FAULTS_NETWORK=loopback' : 'network namespaces cannot be created here (needs root and iproute2)'}; ` +
      'every process shares 127.0.0.1 and the partition is a SIGSTOP, not a cut link !!!!!!!!!!\n',
  );

describe.skipIf(!hasServers)(`fault suite (${multiHost ? 'network namespaces' : 'loopback'})`, () => {
  let network: PrivateNetwork | undefined;
  let topology: Topology;
  let reports: FaultReport[];
  const row = (name: RegExp) => {
    const found = reports.find((r) => name.test(r.fault));
    if (!found) throw new Error(`no report for ${name}`);
    return found;
  };

  beforeAll(async () => {
    const log = (line: string) => process.stderr.write(`${line}\n`);
    network = multiHost ? createPrivateNetwork(HOSTS) : undefined;
    topology = await startTopology(network);
    log(`${new Date().toISOString()} topology up: ${topology.isolation}`);
    reports = await runFaults(topology, CI_TIMING, { log });
    console.log(`\nfault suite on ${topology.isolation}\n${faultTable(reports)}\n`);
  }, 600_000);
  afterAll(async () => {
    await topology?.close();
    // Also when the topology never came up.
    network?.close();
  });

  it('loses no task, runs none twice with different answers, and recovers within 10 s of every fault', () => {
    for (const r of reports) {
      const where = `${r.fault}: ${JSON.stringify(r)}`;
      expect(r.sent, where).toBeGreaterThan(0);
      expect(r.asyncCompleted, where).toBe(r.asyncSubmitted);
      expect(r.inconsistent, where).toBe(0);
      expect(r.recoverySeconds, where).toBeLessThanOrEqual(10);
      expect(r.byStatus['500'], where).toBeUndefined();
      expect(r.withoutRetryAfter, where).toBe(0);
    }
  });

  it('answers a missing worker or broker with 503 at once, never after the prediction timeout', () => {
    const bothWorkers = row(/both workers/);
    expect(bothWorkers.clientSaw).toMatch(/503 NO_WORKER_ALIVE/);
    expect(bothWorkers.byStatus['504'], bothWorkers.fault).toBeUndefined();
    expect(bothWorkers.slowestErrorMs, bothWorkers.fault).toBeLessThan(5000);
    // A short Redis outage may be ridden out by the client's reconnect (slow 2xx) or answered 503. A task that
    // was running when Redis died goes back to a worker only when its 10 s lock expires, so the one client
    // waiting on it may see 504 (docs/reliability.md); nothing sent after Redis is back may.
    const redis = row(/Redis crash/);
    expect(redis.clientSaw).toMatch(
      /^(only 2xx|((503 \w+ \(Retry-After\)|504 INFERENCE_TIMEOUT) ×\d+(, )?)+)$/,
    );
    expect(redis.byStatus['504'] ?? 0, redis.fault).toBeLessThanOrEqual(3);
    expect(redis.timeoutsAfterHeal, redis.fault).toBe(0);
  });

  it('brings a partitioned worker back within 10 s of the heal, with only 2xx for clients meanwhile', () => {
    const partition = row(/partitioned/);
    expect(partition.restartSeconds, JSON.stringify(partition)).toBeLessThanOrEqual(10);
    expect(Object.keys(partition.byStatus).sort()).toEqual(['200', '202']);
  });

  it('keeps live predictions answering through a PostgreSQL restart and a corrupt champion', () => {
    for (const r of [row(/PostgreSQL/), row(/corrupt/)]) {
      expect(Object.keys(r.byStatus).sort(), r.fault).toEqual(['200', '202']);
    }
    expect(row(/corrupt/).versions).toEqual(['1']);
    expect(row(/alias moved/).versions).toEqual(expect.arrayContaining(['1', '2']));
  });
});
