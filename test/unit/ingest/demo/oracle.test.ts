import { describe, expect, it } from 'vitest';
import { oracleLogLoss } from '../../../../src/ingest/demo/oracle.ts';

const truth = { pHome: 0.5, pDraw: 0.3, pAway: 0.2, lambdaHome: 1.5, lambdaAway: 1 };

describe('oracleLogLoss', () => {
  it('averages −ln p(actual outcome) over finished matches only', () => {
    const score = oracleLogLoss([
      { truth, homeScore: 2, awayScore: 1, status: 'finished' },
      { truth, homeScore: 0, awayScore: 0, status: 'finished' },
      { truth, homeScore: 0, awayScore: 3, status: 'finished' },
      { truth, homeScore: null, awayScore: null, status: 'scheduled' },
    ]);
    expect(score.matches).toBe(3);
    expect(score.logLoss).toBeCloseTo(-(Math.log(0.5) + Math.log(0.3) + Math.log(0.2)) / 3, 12);
  });

  it('is NaN with nothing finished', () => {
    expect(oracleLogLoss([]).logLoss).toBeNaN();
  });
});
