/**
 * The faults of issue #16 item 5 and the runner that injects each under load and reports what happened:
 * requests sent and answered by status, async tasks submitted and completed, tasks run more than once, answers
 * that disagree, time to recover after the fault ended, and what a client saw.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { eventually } from '../../support/child-process.ts';
import { registerModel } from '../../unit/api/fixture.ts';
import { type Sample, startLoad } from './load.ts';
import { PREFIX, type Topology, WORKER_NAMES, type WorkerName } from './topology.ts';

export interface Fault {
  readonly name: string;
  /**
   * Workers that must serve before the fault starts. A fault that needs none runs while a replacement from the
   * fault before it boots, so that boot costs the suite no time.
   */
  readonly needs: readonly WorkerName[];
  inject(t: Topology): Promise<void>;
  heal(t: Topology): Promise<void>;
}

export interface Timing {
  /** load before the fault (ms) */
  readonly beforeMs: number;
  /** how long the fault lasts (ms) */
  readonly faultMs: number;
  /** load after recovery, to show it holds (ms) */
  readonly afterMs: number;
}

export const CI_TIMING: Timing = { beforeMs: 300, faultMs: 1200, afterMs: 300 };
export const LONG_TIMING: Timing = { beforeMs: 3000, faultMs: 8000, afterMs: 5000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signal(t: Topology, name: WorkerName, sig: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const worker = t.worker(name);
  worker.child.kill(sig);
  await worker.exited;
}

const promote = (t: Topology, version: number) =>
  t.registry.promote({
    name: t.modelName,
    version,
    alias: 'champion',
    actor: 'faults',
    reason: 'fault suite',
  });

export const FAULTS: readonly Fault[] = [
  {
    name: 'Redis crash and restart (SIGKILL, AOF on)',
    needs: WORKER_NAMES,
    inject: (t) => t.redis.stop('SIGKILL'),
    heal: (t) => t.redis.start(),
  },
  {
    name: 'PostgreSQL crash and restart (immediate stop)',
    needs: WORKER_NAMES,
    inject: (t) => t.postgres.stop('immediate'),
    heal: (t) => t.postgres.start(),
  },
  {
    // Network namespaces: worker-a's link goes down (a real partition); loopback: the worker is frozen (SIGSTOP).
    // Healed once its heartbeat reaches Redis again.
    name: 'worker partitioned from Redis, then healed',
    needs: WORKER_NAMES,
    inject: async (t) => t.partition('worker-a'),
    heal: (t) => t.reconnect('worker-a'),
  },
  {
    name: 'champion moved to a version with a corrupt artifact',
    needs: WORKER_NAMES,
    inject: async (t) => {
      const broken = await registerModel(t.registry, 'candidate');
      writeFileSync(join(t.artifactDir, broken.artifactKey), new Uint8Array(0));
      await promote(t, broken.version);
    },
    heal: async (t) => {
      await promote(t, 1);
    },
  },
  {
    name: 'SIGKILL both workers',
    needs: WORKER_NAMES,
    inject: async (t) => {
      await Promise.all(WORKER_NAMES.map((name) => signal(t, name, 'SIGKILL')));
    },
    heal: async (t) => {
      await Promise.all(WORKER_NAMES.map((name) => t.startWorker(name)));
    },
  },
  {
    // The other worker serves meanwhile; the replacement boots while the faults that need no worker-a run.
    name: 'SIGKILL one worker mid-job',
    needs: WORKER_NAMES,
    inject: (t) => signal(t, 'worker-a', 'SIGKILL'),
    heal: async (t) => {
      void t.startWorker('worker-a');
    },
  },
  {
    name: 'champion alias moved mid-traffic (v1 → v2 → v1)',
    needs: [],
    inject: async (t) => {
      await promote(t, 2);
      // The API trusts its alias answer for 2 s and workers theirs for 1 s: hold v2 long enough to be served.
      await sleep(3000);
    },
    heal: async (t) => {
      await promote(t, 1);
    },
  },
  {
    name: 'SIGTERM the API under load',
    needs: [],
    inject: async (t) => {
      t.api().child.kill('SIGTERM');
      await t.api().exited;
    },
    heal: (t) => t.startApi(),
  },
  {
    // Last: its replacement's boot overlaps the final settling of tasks, which worker-a serves.
    name: 'SIGTERM one worker under load',
    needs: WORKER_NAMES,
    inject: (t) => signal(t, 'worker-b', 'SIGTERM'),
    heal: async (t) => {
      void t.startWorker('worker-b');
    },
  },
];

export interface FaultReport {
  readonly fault: string;
  readonly sent: number;
  /** status (or network error) → count */
  readonly byStatus: Readonly<Record<string, number>>;
  readonly asyncSubmitted: number;
  readonly asyncCompleted: number;
  /** how the tasks that did not complete ended: outcome → count ('lost', 'pending', 'failed: …') */
  readonly unfinished: Readonly<Record<string, number>>;
  /** tasks BullMQ started more than once (a lost worker's task run again) */
  readonly rerun: number;
  /** live answers or task results that disagree with another answer for the same match and version */
  readonly inconsistent: number;
  /** how long the failed part took to come back (a process booting, a server starting) (s) */
  readonly restartSeconds: number;
  /** from the failed part being back to the first request after which every request succeeded (s) */
  readonly recoverySeconds: number;
  /** slowest 5xx answer (ms): a fault must be answered at once, not after a timeout */
  readonly slowestErrorMs: number;
  /** 504s for requests sent after the failed part was back: a timeout the fault itself cannot explain */
  readonly timeoutsAfterHeal: number;
  /** each non-2xx answer with its code and count, e.g. "503 NO_WORKER_ALIVE ×12 (Retry-After)" */
  readonly clientSaw: string;
  /** model versions live answers came from, in order of first appearance */
  readonly versions: readonly string[];
  /**
   * 503s of a fault the client should retry (broker or workers away) without Retry-After. A draining API's own
   * SHUTTING_DOWN is left out: its shape belongs to the HTTP contract, and the client's retry goes elsewhere.
   */
  readonly withoutRetryAfter: number;
}

const ok = (s: Sample) => typeof s.status === 'number' && s.status < 300;

function recoverySeconds(samples: readonly Sample[], healedAt: number): number {
  const failedAfter = samples.filter((s) => !ok(s) && s.startedAt >= healedAt);
  if (failedAfter.length === 0) return 0;
  const lastFailedStart = Math.max(...failedAfter.map((s) => s.startedAt));
  return (lastFailedStart - healedAt) / 1000;
}

function clientSaw(samples: readonly Sample[]): string {
  const counts = new Map<string, number>();
  for (const s of samples) {
    if (ok(s)) continue;
    const label = `${s.status}${s.code ? ` ${s.code}` : ''}${s.retryAfter ? ' (Retry-After)' : ''}`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts.size === 0
    ? 'only 2xx'
    : [...counts.entries()].map(([label, n]) => `${label} ×${n}`).join(', ');
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** Waits for every task to finish; returns task id → its result's "version|probabilities", or its outcome. */
async function settleTasks(t: Topology, ids: readonly string[]): Promise<Map<string, string>> {
  const outcomes = new Map<string, string>();
  await eventually(
    async () => {
      for (const id of ids) {
        if (outcomes.has(id)) continue;
        const status = await t.queue.status(id);
        if (status === null) outcomes.set(id, 'lost');
        else if (status.status === 'failure') outcomes.set(id, `failed: ${status.error ?? ''}`);
        else if (status.status === 'success' && status.result) {
          const p = status.result.prediction;
          outcomes.set(id, `${p.model_version}|${JSON.stringify(p.probabilities)}`);
        }
      }
      return outcomes.size === ids.length ? true : undefined;
    },
    // A task whose worker was killed waits for its 10 s lock to expire and for a live worker's stalled check
    // (two 5 s passes) before it runs again; replacement workers booting on a busy CI machine add to that.
    45_000,
    'every async task finished',
  ).catch(() => {});
  return outcomes;
}

/** Runs each fault under one continuous load and reports on each. */
export async function runFaults(
  t: Topology,
  timing: Timing,
  options: { faults?: readonly Fault[]; clients?: number; log?: (line: string) => void } = {},
): Promise<FaultReport[]> {
  const { faults = FAULTS, clients = 4, log = () => {} } = options;
  const load = startLoad(t.apiUrl, clients);
  /** Each fault's window (ms since the epoch): a request belongs to the window it was sent in. */
  const windows: { fault: Fault; from: number; to: number; healedAt: number; healMs: number }[] = [];
  try {
    await sleep(timing.beforeMs);
    for (const fault of faults) {
      await t.ready(fault.needs);
      // By send time, not by answer order: a request sent during one fault and answered during the next (a
      // client's reconnect riding out a Redis restart) counts for the fault it was sent in.
      const from = Date.now();
      await sleep(timing.beforeMs);
      log(`${new Date().toISOString()} inject: ${fault.name}`);
      await fault.inject(t);
      await sleep(timing.faultMs);
      const healStarted = Date.now();
      await fault.heal(t);
      // The fault ends when the failed part is back (server accepting, process serving): how long a process
      // takes to boot is the platform's; what follows is ours.
      const healedAt = Date.now();
      log(`${new Date().toISOString()} healed in ${healedAt - healStarted} ms`);
      // Recovered: 0.7 s of requests that all succeeded (or give up after 15 s and report it).
      await eventually(
        async () => {
          const recent = load.samples.filter((s) => s.startedAt >= Date.now() - 700);
          const since = Date.now() - healedAt;
          return since > 700 && recent.length > 0 && recent.every(ok) ? true : undefined;
        },
        15_000,
        `recovery after ${fault.name}`,
      ).catch(() => {});
      await sleep(timing.afterMs);
      windows.push({ fault, from, to: Date.now(), healedAt, healMs: healedAt - healStarted });
    }
  } finally {
    await load.stop();
  }

  const asyncIds = load.samples.flatMap((s) => (s.taskId ? [s.taskId] : []));
  const outcomes = await settleTasks(t, asyncIds);
  const jobs = new Queue('ml', { connection: { url: t.redis.url }, prefix: PREFIX });
  jobs.on('error', () => {});
  const started = new Map<string, number>();
  for (const id of asyncIds) {
    const job = await Job.fromId(jobs, id).catch(() => undefined);
    started.set(id, job?.attemptsStarted ?? 0);
  }
  await jobs.close();

  // One answer per (match, version) across the whole run: live answers and task results alike.
  const answerOf = new Map<string, Set<string>>();
  const note = (matchId: number, version: string, probabilities: string) => {
    const key = `${matchId}@${version}`;
    answerOf.set(key, (answerOf.get(key) ?? new Set()).add(probabilities));
  };
  for (const s of load.samples) {
    if (s.version && s.probabilities) note(s.matchId, s.version, s.probabilities);
    const outcome = s.taskId ? outcomes.get(s.taskId) : undefined;
    const [version, probabilities] = outcome?.split('|') ?? [];
    if (version && probabilities) note(s.matchId, version, probabilities);
  }
  const disagrees = (matchId: number, version: string | undefined) =>
    version !== undefined && (answerOf.get(`${matchId}@${version}`)?.size ?? 0) > 1;

  return windows.map(({ fault, from, to, healedAt, healMs }) => {
    const samples = load.samples.filter((s) => s.startedAt >= from && s.startedAt < to);
    const byStatus: Record<string, number> = {};
    for (const s of samples) byStatus[String(s.status)] = (byStatus[String(s.status)] ?? 0) + 1;
    const submitted = samples.flatMap((s) => (s.taskId ? [s] : []));
    const errors = samples.filter((s) => typeof s.status === 'number' && s.status >= 500);
    const versions = [...new Set(samples.flatMap((s) => (s.version ? [s.version] : [])))];
    return {
      fault: fault.name,
      sent: samples.length,
      byStatus,
      asyncSubmitted: submitted.length,
      asyncCompleted: submitted.filter((s) => outcomes.get(s.taskId ?? '')?.includes('|')).length,
      unfinished: countBy(
        submitted
          .map((s) => outcomes.get(s.taskId ?? '') ?? 'pending')
          .filter((outcome) => !outcome.includes('|')),
      ),
      rerun: submitted.filter((s) => (started.get(s.taskId ?? '') ?? 0) > 1).length,
      inconsistent: samples.filter((s) => {
        const outcome = s.taskId ? outcomes.get(s.taskId) : undefined;
        return disagrees(s.matchId, s.version) || disagrees(s.matchId, outcome?.split('|')[0]);
      }).length,
      restartSeconds: healMs / 1000,
      recoverySeconds: recoverySeconds(samples, healedAt),
      slowestErrorMs: Math.max(0, ...errors.map((s) => s.endedAt - s.startedAt)),
      timeoutsAfterHeal: errors.filter((s) => s.status === 504 && s.startedAt >= healedAt).length,
      clientSaw: clientSaw(samples),
      versions,
      withoutRetryAfter: errors.filter((s) => s.status === 503 && !s.retryAfter && s.code !== 'SHUTTING_DOWN')
        .length,
    };
  });
}

/** The report as a Markdown table (the form docs/reliability.md shows). */
export function faultTable(reports: readonly FaultReport[]): string {
  const header =
    '| fault | requests | by status | async submitted / completed | re-run | disagreeing | back after | recovery | slowest 5xx | client saw |';
  const rule = '|---|---|---|---|---|---|---|---|---|---|';
  const rows = reports.map((r) =>
    [
      r.fault,
      r.sent,
      Object.entries(r.byStatus)
        .map(([status, n]) => `${status}: ${n}`)
        .join(', '),
      `${r.asyncSubmitted} / ${r.asyncCompleted}`,
      r.rerun,
      r.inconsistent,
      `${r.restartSeconds.toFixed(1)} s`,
      `${r.recoverySeconds.toFixed(1)} s`,
      `${r.slowestErrorMs} ms`,
      `${r.clientSaw}; versions ${r.versions.join(' → ') || '-'}`,
    ].join(' | '),
  );
  return [header, rule, ...rows.map((r) => `| ${r} |`)].join('\n');
}
