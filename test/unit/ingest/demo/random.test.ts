import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../../src/ingest/demo/random.ts';

describe('randomStream', () => {
  it('repeats for the same seed and name, and differs otherwise', () => {
    const draw = (s: ReturnType<typeof randomStream>) => Array.from({ length: 5 }, () => s.next());
    expect(draw(randomStream(1, 'a', 2))).toEqual(draw(randomStream(1, 'a', 2)));
    expect(draw(randomStream(1, 'a', 2))).not.toEqual(draw(randomStream(1, 'a', 3)));
    expect(draw(randomStream(1, 'a', 2))).not.toEqual(draw(randomStream(2, 'a', 2)));
  });

  it('draws uniforms in [0, 1) and standard normals', () => {
    const r = randomStream(42, 'check');
    const u = Array.from({ length: 20_000 }, () => r.next());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((s, x) => s + x, 0) / u.length).toBeCloseTo(0.5, 1);
    const z = Array.from({ length: 20_000 }, () => r.normal());
    const mean = z.reduce((s, x) => s + x, 0) / z.length;
    const variance = z.reduce((s, x) => s + (x - mean) ** 2, 0) / z.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
  });
});
