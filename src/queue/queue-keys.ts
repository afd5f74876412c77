/** Every Redis key and channel Matchcast adds beside BullMQ's own, built in one place from prefix + queue. */
export interface QueueKeys {
  /** Pub/sub channel carrying each finished task's outcome (the fast path for waitFor). */
  readonly results: string;
  /** Set of worker names that have sent a heartbeat (entries are pruned when their key expires). */
  readonly workers: string;
  /** Key holding one worker's heartbeat JSON, with a TTL. */
  worker(name: string): string;
}

export const DEFAULT_PREFIX = 'matchcast';

export function queueKeys(prefix: string, queue: string): QueueKeys {
  const base = `${prefix}:${queue}:mc`;
  return {
    results: `${base}:results`,
    workers: `${base}:workers`,
    worker: (name) => `${base}:worker:${name}`,
  };
}
