/**
 * The one source of "now". Production code takes a `Clock` (defaulting to `systemClock`) instead of calling
 * `Date.now()` or `new Date()`, so a replay on a virtual clock and the tests run the same code as production.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock that reads what the caller last set: the replay's virtual day, or a test's instant. */
export function manualClock(startMs: number): Clock & { set(ms: number): void; advance(ms: number): void } {
  let current = startMs;
  return {
    nowMs: () => current,
    set(ms: number) {
      current = ms;
    },
    advance(ms: number) {
      current += ms;
    },
  };
}
