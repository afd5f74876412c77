import { describe, expect, it } from 'vitest';
import { cloneDataSteps } from '../../../src/features/clone-data.ts';

/** Drains the steps, counting the pauses. */
function cloned<T>(value: T): { copy: T; pauses: number } {
  const steps = cloneDataSteps(value);
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { copy: step.value, pauses };
    pauses += 1;
  }
}

class Rating {
  constructor(
    public value: number,
    public history: number[],
  ) {}
  bump(): void {
    this.value += 1;
  }
}

describe('cloneDataSteps', () => {
  it('copies maps, sets, arrays, typed arrays and class instances, keeping prototypes and shared references', () => {
    const shared = new Rating(1500, [1, 2]);
    const key = { team: 7 };
    const fn = () => 42;
    const state = {
      ratings: new Map<object, Rating>([[key, shared]]),
      alias: shared,
      seen: new Set([key]),
      x: Float64Array.from([0.5, 1.5]),
      view: new DataView(new ArrayBuffer(4)),
      nested: [[shared, null, 'text', 3]],
      fn,
    };
    const { copy } = cloned(state);
    expect(copy).toEqual(state);
    const [copiedKey, copiedRating] = [...copy.ratings][0] as [object, Rating];
    expect(copiedRating).toBeInstanceOf(Rating);
    expect(copiedRating).not.toBe(shared);
    expect(copy.alias).toBe(copiedRating);
    expect(copy.nested[0]?.[0]).toBe(copiedRating);
    expect([...copy.seen][0]).toBe(copiedKey);
    expect(copy.fn).toBe(fn);
    // A copy, not a view: changing it leaves the source as it was.
    copiedRating.bump();
    copiedRating.history.push(3);
    (copy.x as Float64Array)[0] = 9;
    expect(shared.value).toBe(1500);
    expect(shared.history).toEqual([1, 2]);
    expect(state.x[0]).toBe(0.5);
  });

  it('pauses as it goes on large data, and copies a deep chain without recursion', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ i }));
    const { copy, pauses } = cloned(many);
    expect(copy).toEqual(many);
    expect(pauses).toBeGreaterThanOrEqual(4);
    let chain: { next: unknown } = { next: null };
    for (let depth = 0; depth < 100_000; depth++) chain = { next: chain };
    expect(() => cloned(chain)).not.toThrow();
  });
});
