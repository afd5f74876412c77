/**
 * Callers waiting for task outcomes, by task id, each with its own timeout. Outcomes that arrive before anyone
 * waits (a fast worker can finish before `waitFor` is called) are kept for KEEP_UNCLAIMED_MS.
 */
import { TaskFailedError, TaskTimeoutError } from './task-queue.ts';

/** How long an outcome nobody waits for yet is kept (ms). */
const KEEP_UNCLAIMED_MS = 5000;

export type TaskOutcome =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: string };

interface Waiter {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
  readonly since: number;
}

export class ResultWaiters {
  readonly #waiters = new Map<string, Waiter[]>();
  readonly #unclaimed = new Map<string, { outcome: TaskOutcome; at: number }>();

  get size(): number {
    return this.#waiters.size;
  }

  /** Ids waited on for at least `minAgeMs` (candidates for a state check when a message may have been lost). */
  stale(minAgeMs: number): string[] {
    const now = performance.now();
    const ids: string[] = [];
    for (const [id, list] of this.#waiters) if (list.some((w) => now - w.since >= minAgeMs)) ids.push(id);
    return ids;
  }

  wait(taskId: string, timeoutMs: number): Promise<unknown> {
    const early = this.#unclaimed.get(taskId);
    if (early) {
      this.#unclaimed.delete(taskId);
      return settle(taskId, early.outcome);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#remove(taskId, waiter);
        reject(new TaskTimeoutError(`task ${taskId} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = { resolve, reject, timer, since: performance.now() };
      const list = this.#waiters.get(taskId);
      if (list) list.push(waiter);
      else this.#waiters.set(taskId, [waiter]);
    });
  }

  /** Delivers an outcome to everyone waiting for the task; kept briefly when nobody is (yet). */
  deliver(taskId: string, outcome: TaskOutcome, keepIfUnclaimed = true): void {
    const list = this.#waiters.get(taskId);
    if (!list) {
      if (keepIfUnclaimed) this.#keep(taskId, outcome);
      return;
    }
    this.#waiters.delete(taskId);
    for (const waiter of list) {
      clearTimeout(waiter.timer);
      settle(taskId, outcome).then(waiter.resolve, waiter.reject);
    }
  }

  /** Rejects every waiter (the queue is closing). */
  rejectAll(error: Error): void {
    for (const list of this.#waiters.values()) {
      for (const waiter of list) {
        clearTimeout(waiter.timer);
        waiter.reject(error);
      }
    }
    this.#waiters.clear();
    this.#unclaimed.clear();
  }

  #keep(taskId: string, outcome: TaskOutcome): void {
    const now = performance.now();
    this.#unclaimed.set(taskId, { outcome, at: now });
    // Insertion order is age order: drop from the front until the oldest is young enough.
    for (const [id, entry] of this.#unclaimed) {
      if (now - entry.at <= KEEP_UNCLAIMED_MS) break;
      this.#unclaimed.delete(id);
    }
  }

  #remove(taskId: string, waiter: Waiter): void {
    const list = this.#waiters.get(taskId);
    if (!list) return;
    const rest = list.filter((w) => w !== waiter);
    if (rest.length === 0) this.#waiters.delete(taskId);
    else this.#waiters.set(taskId, rest);
  }
}

function settle(taskId: string, outcome: TaskOutcome): Promise<unknown> {
  return outcome.ok
    ? Promise.resolve(outcome.result)
    : Promise.reject(new TaskFailedError(`task ${taskId} failed: ${outcome.error}`));
}
