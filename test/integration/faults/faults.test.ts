/**
 * The fault suite, CI form (issue #16 item 5): API, two workers and the scheduler as separate processes over a
 * private PostgreSQL and a private Redis (AOF on), under a steady load of four clients; each fault is injected,
 * healed, and judged. All processes share one loopback interface: the network partition is a worker frozen
 * with SIGSTOP (its Redis connection goes silent) rather than a cut veth link. `npx tsx bench/faults.ts` runs
 * the longer form and prints the table docs/reliability.md shows.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBinDir } from '../../support/postgres-server.ts';
import { CI_TIMING, type FaultReport, faultTable, runFaults } from './scenarios.ts';
import { startTopology, type Topology } from './topology.ts';

const hasServers = postgresBinDir() !== null && spawnSync('redis-server', ['--version']).status === 0;
// Not an error in CI: a CI whose PostgreSQL is a service container has no server binaries to start one.
if (!hasServers)
  console.warn(
    '\n!!!!!!!!!! SKIPPING the fault suite: PostgreSQL server binaries or redis-server missing !!!!!!!!!!\n',
  );

describe.skipIf(!hasServers)('fault suite (loopback)', () => {
  let topology: Topology;
  let reports: FaultReport[];
  const row = (name: RegExp) => {
    const found = reports.find((r) => name.test(r.fault));
    if (!found) throw new Error(`no report for ${name}`);
    return found;
  };

  beforeAll(async () => {
    const log = (line: string) => process.stderr.write(`${line}\n`);
    topology = await startTopology();
    log(`${new Date().toISOString()} topology up`);
    reports = await runFaults(topology, CI_TIMING, { log });
    console.log(`\nfault suite on loopback (no network namespaces)\n${faultTable(reports)}\n`);
  }, 600_000);
  afterAll(async () => {
    await topology?.close();
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
    expect(row(/both workers/).clientSaw).toMatch(/503 NO_WORKER_ALIVE/);
    // A short Redis outage may be ridden out by the client's reconnect (slow 2xx) or answered 503.
    expect(row(/Redis crash/).clientSaw).toMatch(/^(only 2xx|(503 \w+ \(Retry-After\) ×\d+(, )?)+)$/);
    for (const r of [row(/both workers/), row(/Redis crash/)]) {
      expect(r.byStatus['504'], r.fault).toBeUndefined();
      expect(r.slowestErrorMs, r.fault).toBeLessThan(5000);
    }
  });

  it('keeps live predictions answering through a PostgreSQL restart and a corrupt champion', () => {
    for (const r of [row(/PostgreSQL/), row(/corrupt/)]) {
      expect(Object.keys(r.byStatus).sort(), r.fault).toEqual(['200', '202']);
    }
    expect(row(/corrupt/).versions).toEqual(['1']);
    expect(row(/alias moved/).versions).toEqual(expect.arrayContaining(['1', '2']));
  });
});
