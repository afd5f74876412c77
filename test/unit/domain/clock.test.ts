import { describe, expect, it } from 'vitest';
import { manualClock, systemClock } from '../../../src/domain/clock.ts';

describe('clock', () => {
  it('the system clock reads the current time', () => {
    const before = Date.now();
    const read = systemClock.nowMs();
    expect(read).toBeGreaterThanOrEqual(before);
    expect(read).toBeLessThanOrEqual(Date.now());
  });

  it('a manual clock only moves when told', () => {
    const clock = manualClock(1_000);
    expect(clock.nowMs()).toBe(1_000);
    clock.advance(500);
    expect(clock.nowMs()).toBe(1_500);
    clock.set(10);
    expect(clock.nowMs()).toBe(10);
  });
});
