import { describe, expect, it } from 'vitest';
import { seededIndices, seededRandom } from '../../../src/domain/seeded-random.ts';

describe('seededRandom', () => {
  it('is mulberry32: the same sequence as the widely copied JavaScript original, for any seed', () => {
    // The original, as published (a double that keeps growing; the bit operations take it modulo 2^32).
    const original = (seed: number) => {
      let a = seed;
      return () => {
        a += 0x6d2b79f5;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    };
    for (const seed of [0, 1, 42, 2 ** 31 + 5, 0xffffffff]) {
      const ours = seededRandom(seed);
      const theirs = original(seed);
      for (let i = 0; i < 10_000; i++) expect(ours()).toBe(theirs());
    }
  });

  it('keeps every state in [0, 2^32): a seed past 2^31, and long runs, stay in [0, 1)', () => {
    const random = seededRandom(0xffffffff);
    for (let i = 0; i < 100_000; i++) {
      const u = random();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});

describe('seededIndices', () => {
  it("draws seededRandom's sequence as indices, fill after fill", () => {
    const n = 37;
    const random = seededRandom(7);
    const expected = Array.from({ length: 25 }, () => Math.floor(random() * n));
    const draw = seededIndices(7);
    const first = new Uint32Array(10);
    const second = new Uint32Array(15);
    draw(first, n);
    draw(second, n);
    expect([...first, ...second]).toEqual(expected);
  });
});
