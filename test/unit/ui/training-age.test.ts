import { describe, expect, it } from 'vitest';
import { newestResultMs, trainingLag, trainingWindowText } from '../../../src/ui/logic/training-age.ts';

const DAY_MS = 86_400_000;
const at = (iso: string) => Date.parse(iso);

describe('training age', () => {
  it('reads the training window from the params, or says it is not recorded', () => {
    expect(
      trainingWindowText({
        trained_from: '2021-04-10T13:30:00.000Z',
        trained_until: '2026-11-08T17:00:00.000Z',
        n_train: '4932',
      }),
    ).toBe('4,932 matches, 2021-04-10 → 2026-11-08');
    expect(trainingWindowText({ family: 'logreg' })).toBeNull();
  });

  it('measures against the newest finished match, ignoring upcoming ones', () => {
    const cards = [
      { kickoffMs: at('2026-12-06T17:00:00Z'), outcome: 0 as const },
      { kickoffMs: at('2026-12-20T17:00:00Z'), outcome: null },
      { kickoffMs: at('2026-11-01T17:00:00Z'), outcome: 2 as const },
    ];
    expect(newestResultMs(cards)).toBe(at('2026-12-06T17:00:00Z'));
    expect(newestResultMs(cards.slice(1, 2))).toBeNull();
  });

  it('flags training data ending more than four weeks before the newest result', () => {
    const newest = at('2026-12-06T17:00:00Z');
    expect(trainingLag('2026-11-08T17:00:00.000Z', newest)).toEqual({ days: 28, stale: false });
    expect(trainingLag(new Date(newest - 28 * DAY_MS - 1).toISOString(), newest)).toEqual({
      days: 28,
      stale: true,
    });
    expect(trainingLag('2026-09-01T00:00:00.000Z', newest)).toMatchObject({ days: 96, stale: true });
    // Data newer than the newest result (the cards not reloaded yet) is not behind.
    expect(trainingLag('2026-12-07T00:00:00.000Z', newest)).toEqual({ days: 0, stale: false });
    // Nothing to say without a date or a result.
    expect(trainingLag(undefined, newest)).toBeNull();
    expect(trainingLag('not a date', newest)).toBeNull();
    expect(trainingLag('2026-11-08T17:00:00.000Z', null)).toBeNull();
  });
});
