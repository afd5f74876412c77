import { describe, expect, it } from 'vitest';
import { isScored, loggedSource } from '../../../src/ui/logic/prediction-source.ts';

describe('loggedSource: a row of a match’s prediction log', () => {
  it('scores a walk-forward backtest row although it was logged after the match', () => {
    const row = { source: 'backtest', beforeKickoff: false, honest: true };
    expect(loggedSource(row)).toBe('backtest');
    expect(isScored(loggedSource(row))).toBe(true);
  });

  it('scores a live or batch prediction only when logged before kick-off', () => {
    expect(loggedSource({ source: 'batch', beforeKickoff: true, honest: true })).toBe('before_kickoff');
    const late = loggedSource({ source: 'live', beforeKickoff: false, honest: false });
    expect(late).toBe('after_kickoff');
    expect(isScored(late)).toBe(false);
  });

  it('never scores a row the leakage rule refuses, backtest or not', () => {
    expect(loggedSource({ source: 'backtest', beforeKickoff: false, honest: false })).toBe('after_kickoff');
  });
});
