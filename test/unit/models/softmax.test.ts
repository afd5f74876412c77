import { describe, expect, it } from 'vitest';
import { softmaxInto } from '../../../src/models/softmax.ts';

describe('softmaxInto', () => {
  it('gives exp(s) / Σ exp(s) for each row it is pointed at', () => {
    const src = Float64Array.of(9, 0, Math.log(2), Math.log(1));
    const dst = new Float64Array(5);
    softmaxInto(src, 1, 3, dst, 2);
    expect([...dst]).toEqual([0, 0, 0.25, 0.5, 0.25]);
  });

  it('works in place and keeps the order of the scores', () => {
    const scores = Float64Array.of(0.3, -1.2, 2.5, 1, 1, 1);
    softmaxInto(scores, 0, 3, scores, 0);
    softmaxInto(scores, 3, 3, scores, 3);
    expect(scores[0]! + scores[1]! + scores[2]!).toBeCloseTo(1, 15);
    expect(scores[2]).toBeGreaterThan(scores[0]!);
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    for (const p of scores.subarray(3)) expect(p).toBeCloseTo(1 / 3, 15);
  });

  it('does not overflow on scores far beyond exp’s range', () => {
    const scores = Float64Array.of(1000, 999, -1000);
    softmaxInto(scores, 0, 3, scores, 0);
    expect(scores[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(scores[1]).toBeCloseTo(Math.exp(-1) / (1 + Math.exp(-1)), 12);
    expect(scores[2]).toBe(0);
  });
});
