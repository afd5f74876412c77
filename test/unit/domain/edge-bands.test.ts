import { describe, expect, it } from 'vitest';
import {
  type EdgeBand,
  edgeBandIndex,
  edgeBandLabel,
  edgeBands,
  inEdgeBands,
} from '../../../src/domain/edge-bands.ts';
import type { Odds1x2 } from '../../../src/domain/odds.ts';
import type { Probabilities } from '../../../src/domain/outcome.ts';
import { seededRandom } from '../../../src/domain/seeded-random.ts';
import { DEFAULT_EDGE_RULE, valueBet } from '../../../src/domain/value-bet.ts';

/** Whether `band` (the `last` one closed on the right) holds `edge`, written out apart from edgeBandIndex. */
const holds = (band: EdgeBand, last: boolean, edge: number) =>
  band.from <= edge && (edge < band.to || (last && edge === band.to));

describe('edge bands', () => {
  it('splits the default rule into [5, 7.5) [7.5, 10) [10, 15) [15, 25] %', () => {
    const bands = edgeBands();
    expect(bands).toEqual([
      { from: 0.05, to: 0.075 },
      { from: 0.075, to: 0.1 },
      { from: 0.1, to: 0.15 },
      { from: 0.15, to: 0.25 },
    ]);
    expect(bands.map(edgeBandLabel)).toEqual(['5–7.5 %', '7.5–10 %', '10–15 %', '15–25 %']);
  });

  it('tiles [threshold, ceiling] with no gap or overlap, for ordinary and odd rules', () => {
    const rules = [
      DEFAULT_EDGE_RULE,
      { threshold: 0.02, ceiling: 0.3 },
      // A threshold on an inner boundary, a ceiling below the next: the boundary is not repeated.
      { threshold: 0.1, ceiling: 0.12 },
      { threshold: 0.08, ceiling: 0.15 },
      // A ceiling under every inner boundary: one band.
      { threshold: 0.01, ceiling: 0.05 },
      // Nothing between them but a point: one band of that edge.
      { threshold: 0.2, ceiling: 0.2 },
    ];
    for (const rule of rules) {
      const bands = edgeBands(rule);
      expect(bands[0]?.from).toBe(rule.threshold);
      expect(bands.at(-1)?.to).toBe(rule.ceiling);
      for (const [k, band] of bands.entries()) {
        expect(band.from).toBeLessThanOrEqual(band.to);
        if (k > 0) expect(band.from).toBe(bands[k - 1]?.to);
        // No band is empty except the one-point rule's.
        if (rule.threshold < rule.ceiling) expect(band.from).toBeLessThan(band.to);
      }
    }
    expect(edgeBands({ threshold: 0.1, ceiling: 0.12 })).toEqual([{ from: 0.1, to: 0.12 }]);
    expect(edgeBands({ threshold: 0.08, ceiling: 0.15 })).toEqual([
      { from: 0.08, to: 0.1 },
      { from: 0.1, to: 0.15 },
    ]);
    expect(edgeBandIndex(edgeBands({ threshold: 0.2, ceiling: 0.2 }), 0.2)).toBe(0);
  });

  it('has no band where no bet can be made (threshold above the ceiling, or not a number)', () => {
    expect(edgeBands({ threshold: 0.3, ceiling: 0.25 })).toEqual([]);
    expect(edgeBands({ threshold: Number.NaN, ceiling: 0.25 })).toEqual([]);
    expect(edgeBandIndex([], 0.1)).toBe(-1);
  });

  it('puts the boundaries in the band they open, the ceiling in the last, and nothing outside', () => {
    const bands = edgeBands();
    expect([0.05, 0.0749, 0.075, 0.1, 0.15, 0.2499, 0.25].map((e) => edgeBandIndex(bands, e))).toEqual([
      0, 0, 1, 2, 3, 3, 3,
    ]);
    expect(edgeBandIndex(bands, 0.0499)).toBe(-1);
    expect(edgeBandIndex(bands, 0.2501)).toBe(-1);
  });

  it('places every value bet in exactly one band', () => {
    const random = seededRandom(11);
    const rules = [DEFAULT_EDGE_RULE, { threshold: 0.03, ceiling: 0.12 }];
    for (const rule of rules) {
      const bands = edgeBands(rule);
      const edges: number[] = [];
      for (let i = 0; i < 5000; i++) {
        const [a, b, c] = [random(), random(), random()];
        const p: Probabilities = [a / (a + b + c), b / (a + b + c), c / (a + b + c)];
        // Prices around the model's own, so that edges from −20 % to +30 % are drawn.
        const around = (q: number) => (0.8 + 0.5 * random()) / q;
        const odds: Odds1x2 = [around(p[0]), around(p[1]), around(p[2])];
        const bet = valueBet(p, odds, null, { ...DEFAULT_EDGE_RULE, ...rule });
        if (bet !== null) edges.push(bet.edge);
      }
      expect(edges.length).toBeGreaterThan(200);
      for (const edge of edges) {
        const holding = bands.filter((b, k) => holds(b, k === bands.length - 1, edge));
        expect(holding.length).toBe(1);
        expect(bands[edgeBandIndex(bands, edge)]).toBe(holding[0]);
      }
      const split = inEdgeBands(bands, edges, (e) => e);
      expect(split.reduce((n, s) => n + s.length, 0)).toBe(edges.length);
      expect(split.every((s) => s.length > 0)).toBe(true);
    }
  });
});
