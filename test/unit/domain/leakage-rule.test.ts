import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHonestFor, type LoggedPrediction, publishedPrediction } from '../../../src/domain/leakage-rule.ts';

const kickoff = Date.UTC(2025, 2, 1, 15);
const hour = 3_600_000;

function logged(overrides: Partial<LoggedPrediction>): LoggedPrediction {
  return {
    matchId: 1,
    modelName: 'm',
    modelVersion: 1,
    modelAlias: 'champion',
    runId: 'r',
    source: 'batch',
    probabilities: [0.5, 0.3, 0.2],
    goalMarkets: null,
    history: null,
    trainedUntilMs: kickoff - 24 * hour,
    computedAtMs: kickoff - hour,
    ...overrides,
  };
}

describe('the leakage rule for published predictions', () => {
  it('rejects a model trained on the match, or a batch prediction made after kick-off', () => {
    expect(isHonestFor(logged({}), kickoff)).toBe(true);
    expect(isHonestFor(logged({ trainedUntilMs: kickoff }), kickoff)).toBe(false);
    expect(isHonestFor(logged({ computedAtMs: kickoff + 1 }), kickoff)).toBe(false);
    expect(isHonestFor(logged({ source: 'backtest', computedAtMs: kickoff + 1e9 }), kickoff)).toBe(true);
    expect(
      isHonestFor(
        logged({ source: 'backtest', trainedUntilMs: kickoff + hour, computedAtMs: kickoff }),
        kickoff,
      ),
    ).toBe(false);
  });

  it('prefers the champion said before kick-off, then other logged predictions, then the backtest', () => {
    const backtest = logged({ source: 'backtest', modelAlias: null, computedAtMs: kickoff + 1e9 });
    const challenger = logged({ modelAlias: 'challenger', computedAtMs: kickoff - 2 * hour });
    const champion = logged({ computedAtMs: kickoff - 3 * hour });
    const lateChampion = logged({ computedAtMs: kickoff + hour });
    expect(publishedPrediction([backtest, challenger, champion, lateChampion], kickoff)).toBe(champion);
    expect(publishedPrediction([backtest, challenger], kickoff)).toBe(challenger);
    expect(publishedPrediction([backtest, lateChampion], kickoff)).toBe(backtest);
    expect(publishedPrediction([lateChampion], kickoff)).toBeNull();
  });

  it('never publishes a probability from a model with trained_until ≥ kick-off (property)', () => {
    const entry = fc.record({
      source: fc.constantFrom('batch', 'backtest', 'live' as const),
      alias: fc.constantFrom('champion', 'challenger', null),
      trainedUntil: fc.integer({ min: -10, max: 10 }),
      computedAt: fc.integer({ min: -10, max: 10 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const chosen = publishedPrediction(
          entries.map((e) =>
            logged({
              source: e.source,
              modelAlias: e.alias,
              trainedUntilMs: kickoff + e.trainedUntil * hour,
              computedAtMs: kickoff + e.computedAt * hour,
            }),
          ),
          kickoff,
        );
        if (chosen === null) return true;
        return (
          chosen.trainedUntilMs < kickoff && (chosen.source === 'backtest' || chosen.computedAtMs < kickoff)
        );
      }),
    );
  });
});
