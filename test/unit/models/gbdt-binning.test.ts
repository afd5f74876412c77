import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binColumns, binOf, computeBinEdges } from '../../../src/models/gbdt/binning.ts';

const column = fc.array(
  fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -3, max: 3 })),
  {
    minLength: 1,
    maxLength: 300,
  },
);

describe('GBDT binning', () => {
  it('bin ≤ b exactly when fround(x) ≤ upper[b] — the rule the float32 ONNX tree applies', () => {
    fc.assert(
      fc.property(
        column,
        fc.integer({ min: 2, max: 40 }),
        fc.double({ min: -2e6, max: 2e6, noNaN: true }),
        (values, maxBins, probe) => {
          const { upper } = computeBinEdges(Float64Array.from(values), values.length, 1, maxBins, 1000);
          const edges = upper[0]!;
          expect(edges.length).toBeLessThanOrEqual(maxBins);
          expect(edges[edges.length - 1]).toBe(Number.POSITIVE_INFINITY);
          for (let b = 1; b < edges.length; b++) expect(edges[b]!).toBeGreaterThan(edges[b - 1]!);
          for (const e of edges.subarray(0, -1)) expect(Math.fround(e)).toBe(e);
          for (const x of [...values, probe]) {
            const bin = binOf(edges, x);
            for (let b = 0; b < edges.length; b++) expect(bin <= b).toBe(Math.fround(x) <= edges[b]!);
          }
        },
      ),
    );
  });

  it('separates every distinct value when there are fewer values than bins', () => {
    const x = Float64Array.from([3, 1, 2, 2, 1, 3, 0.5]);
    const edges = computeBinEdges(x, x.length, 1, 16, 1000);
    const [bins] = binColumns(x, x.length, 1, edges);
    expect(Array.from(bins!)).toEqual([3, 1, 2, 2, 1, 3, 0]);
  });

  it('puts roughly equal numbers of rows in each bin of a continuous feature', () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 100);
    const edges = computeBinEdges(x, n, 1, 10, n);
    const counts = new Array<number>(10).fill(0);
    for (const b of binColumns(x, n, 1, edges)[0]!) counts[b]! += 1;
    for (const c of counts) expect(Math.abs(c - n / 10)).toBeLessThan(n / 50);
  });
});
