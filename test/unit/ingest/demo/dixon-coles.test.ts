import { describe, expect, it } from 'vitest';
import { outcomeProbabilities, sampleScore, scoreMatrix } from '../../../../src/ingest/demo/dixon-coles.ts';

const sum = (m: number[][]) => m.flat().reduce((s, p) => s + p, 0);

describe('Dixon–Coles score model', () => {
  it('is a probability distribution', () => {
    expect(sum(scoreMatrix(1.6, 1.1, -0.1))).toBeCloseTo(1, 12);
    const [h, d, a] = outcomeProbabilities(scoreMatrix(1.6, 1.1, -0.1));
    expect(h + d + a).toBeCloseTo(1, 12);
    expect(h).toBeGreaterThan(a);
  });

  it('with ρ = 0 is two independent Poissons', () => {
    const m = scoreMatrix(1.5, 1.2, 0);
    expect(m[0]![0]).toBeCloseTo(Math.exp(-1.5) * Math.exp(-1.2), 6);
    expect(m[2]![1]).toBeCloseTo(((Math.exp(-1.5) * 1.5 ** 2) / 2) * Math.exp(-1.2) * 1.2, 6);
  });

  it('with ρ < 0 puts more weight on 0-0 and 1-1 and raises the draw', () => {
    const plain = scoreMatrix(1.4, 1.1, 0);
    const corrected = scoreMatrix(1.4, 1.1, -0.12);
    expect(corrected[0]![0]).toBeGreaterThan(plain[0]![0]!);
    expect(corrected[1]![1]).toBeGreaterThan(plain[1]![1]!);
    expect(corrected[1]![0]).toBeLessThan(plain[1]![0]!);
    expect(outcomeProbabilities(corrected)[1]).toBeGreaterThan(outcomeProbabilities(plain)[1]);
  });

  it('samples by inverse CDF', () => {
    const m = scoreMatrix(1.3, 1.0, -0.1);
    expect(sampleScore(m, 0)).toEqual([0, 0]);
    expect(sampleScore(m, m[0]![0]! + 1e-9)).toEqual([0, 1]);
    expect(sampleScore(m, 0.999999999)[0]).toBeGreaterThanOrEqual(0);
  });
});
