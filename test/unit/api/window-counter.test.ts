import { describe, expect, it } from 'vitest';
import { createMemoryCounter } from '../../../src/api/plugins/window-counter.ts';
import { manualClock } from '../../../src/domain/clock.ts';

describe('memory window counter', () => {
  it('lets max requests of a key through per window, then answers the seconds until the window ends', () => {
    const clock = manualClock(1_000_000);
    const counter = createMemoryCounter({ clock, max: 3, windowMs: 60_000 });
    expect([1, 2, 3].map(() => counter.hit('a'))).toEqual([0, 0, 0]);
    clock.advance(15_500);
    expect(counter.hit('a')).toBe(45);
    // Another key has its own allowance.
    expect(counter.hit('b')).toBe(0);
    // The window opened with the key's first request and ends a window later: then it starts again.
    clock.advance(44_499);
    expect(counter.hit('a')).toBe(1);
    clock.advance(1);
    expect(counter.hit('a')).toBe(0);
  });

  it('forgets keys not seen for two windows, and holds at most maxKeys in one generation', () => {
    const clock = manualClock(0);
    const counter = createMemoryCounter({ clock, max: 1, windowMs: 1000, maxKeys: 2 });
    expect(counter.hit('a')).toBe(0);
    expect(counter.hit('a')).toBe(1);
    // A third key pushes out the oldest of the generation: 'a' starts again from zero.
    counter.hit('b');
    counter.hit('c');
    expect(counter.hit('a')).toBe(0);
    // An entry carried into the next generation keeps its count while its window lasts.
    clock.advance(999);
    expect(counter.hit('a')).toBe(1);
  });

  it('holds exactly max per window under a burst', () => {
    const clock = manualClock(0);
    const counter = createMemoryCounter({ clock, max: 100, windowMs: 1000 });
    const answers = Array.from({ length: 1000 }, () => counter.hit('k'));
    expect(answers.filter((a) => a === 0)).toHaveLength(100);
  });
});
