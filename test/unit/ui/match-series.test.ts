import { describe, expect, it } from 'vitest';
import { decodeOddsHistory, decodePredictionHistory } from '../../../src/ui/api/match-history.ts';
import { missingPriceText, oddsSeries, probabilityLines } from '../../../src/ui/logic/match-series.ts';

const snap = (bookmaker: string, kind: string, at: string, home: number) => ({
  bookmaker,
  market: '1x2',
  kind,
  observed_at: at,
  odd_home: home,
  odd_draw: 3.4,
  odd_away: 4,
});

describe('match series', () => {
  it('plots every logged prediction at its logged time', () => {
    const history = decodePredictionHistory({
      match_id: 7,
      kickoff: '2026-01-10T15:00:00Z',
      predictions: [
        ['2026-01-08T06:00:00Z', 0.5, true],
        ['2026-01-10T16:00:00Z', 0.6, false],
      ].map(([at, home, before]) => ({
        logged_at: at,
        model_name: 'm',
        model_version: 3,
        model_alias: 'champion',
        source: 'batch',
        proba_home: home,
        proba_draw: 0.3,
        proba_away: 0.7 - (home as number),
        before_kickoff: before,
        honest: before,
      })),
    });
    expect(history.predictions[1]).toMatchObject({ modelVersion: 3, beforeKickoff: false });
    const s = probabilityLines(history);
    expect(s.timesMs).toEqual([Date.parse('2026-01-08T06:00:00Z'), Date.parse('2026-01-10T16:00:00Z')]);
    // Before and after kick-off are lines of their own, each null at the other's time.
    expect(s.lines.map((l) => [l.source, l.values[0]])).toEqual([
      ['before_kickoff', [0.5, null]],
      ['after_kickoff', [null, 0.6]],
    ]);
  });

  it("draws the published predictions and the backtest's as separate lines, never one joined line", () => {
    const logged = (at: string, source: string, home: number, before: boolean) => ({
      logged_at: at,
      model_name: 'm',
      model_version: source === 'backtest' ? null : 1,
      model_alias: source === 'backtest' ? null : 'champion',
      source,
      proba_home: home,
      proba_draw: 0.3,
      proba_away: 0.7 - home,
      before_kickoff: before,
      honest: true,
    });
    const history = decodePredictionHistory({
      match_id: 7,
      kickoff: '2026-01-10T15:00:00Z',
      // Listed out of order: the backtest ran a month after the match; two batch runs before kick-off.
      predictions: [
        logged('2026-02-10T09:00:00Z', 'backtest', 0.42, false),
        logged('2026-01-09T06:00:00Z', 'batch', 0.5, true),
        logged('2026-01-10T06:00:00Z', 'batch', 0.52, true),
      ],
    });
    const s = probabilityLines(history);
    expect(s.timesMs).toEqual(
      ['2026-01-09T06:00:00Z', '2026-01-10T06:00:00Z', '2026-02-10T09:00:00Z'].map((t) => Date.parse(t)),
    );
    expect(s.lines).toEqual([
      {
        source: 'before_kickoff',
        values: [
          [0.5, 0.52, null],
          [0.3, 0.3, null],
          [expect.closeTo(0.2, 9), expect.closeTo(0.18, 9), null],
        ],
      },
      {
        source: 'backtest',
        values: [
          [null, null, 0.42],
          [null, null, 0.3],
          [null, null, expect.closeTo(0.28, 9)],
        ],
      },
    ]);
    expect(probabilityLines({ kickoffMs: 0, predictions: [] })).toEqual({ timesMs: [], lines: [] });
  });

  it("follows the closing bookmaker's prices from opening to close", () => {
    const closing = snap('pinnacle', 'closing', '2026-01-10T15:00:00Z', 1.95);
    const odds = decodeOddsHistory({
      match_id: 7,
      kickoff: '2026-01-10T15:00:00Z',
      opening: snap('b365', 'pre_match', '2026-01-09T15:00:00Z', 2.1),
      latest_pre_match: snap('pinnacle', 'pre_match', '2026-01-09T15:00:00Z', 2.2),
      closing,
      snapshots: [
        snap('b365', 'pre_match', '2026-01-09T15:00:00Z', 2.1),
        snap('pinnacle', 'pre_match', '2026-01-09T15:00:00Z', 2.2),
        snap('b365', 'closing', '2026-01-10T15:00:00Z', 1.9),
        closing,
      ],
    });
    expect(oddsSeries(odds)).toMatchObject({
      bookmaker: 'pinnacle',
      values: [
        [2.2, 1.95],
        [3.4, 3.4],
        [4, 4],
      ],
    });
    expect(
      oddsSeries({ ...odds, opening: null, latestPreMatch: null, closing: null, snapshots: [] }),
    ).toBeNull();
  });
});

describe('a price the match has none of', () => {
  it('may still come while the match is scheduled, and never will once it has kicked off', () => {
    expect(missingPriceText({ outcome: null, status: 'scheduled' })).toBe('none yet');
    expect(missingPriceText({ outcome: null, status: 'live' })).toBe('none recorded');
    expect(missingPriceText({ outcome: 0, status: 'finished' })).toBe('none recorded');
  });
});
