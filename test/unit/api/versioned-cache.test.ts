import { describe, expect, it } from 'vitest';
import { versionedCache } from '../../../src/api/services/versioned-cache.ts';

describe('versionedCache', () => {
  it('computes once per key and version, and again when the version moves', async () => {
    const cache = versionedCache<number>(8);
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.get('a', 'v1', compute)).toBe(1);
    expect(await cache.get('a', 'v1', compute)).toBe(1);
    expect(await cache.get('a', 'v2', compute)).toBe(2);
    expect(await cache.get('b', 'v2', compute)).toBe(3);
  });

  it('shares one computation between concurrent asks', async () => {
    const cache = versionedCache<string>(8);
    let runs = 0;
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve(`run ${++runs}`), 5));
    const answers = await Promise.all([1, 2, 3].map(() => cache.get('k', 'v', slow)));
    expect(answers).toEqual(['run 1', 'run 1', 'run 1']);
  });

  it('forgets a failed computation and keeps at most maxKeys keys, oldest out first', async () => {
    const cache = versionedCache<number>(2);
    await expect(cache.get('x', 'v', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('x', 'v', async () => 7)).toBe(7);
    await cache.get('y', 'v', async () => 8);
    await cache.get('z', 'v', async () => 9);
    expect(await cache.get('x', 'v', async () => 10)).toBe(10);
    expect(await cache.get('z', 'v', async () => 11)).toBe(9);
  });
});
