import { describe, expect, it } from 'vitest';
import { edgeBands } from '../../../src/domain/edge-bands.ts';
import type { Interval } from '../../../src/domain/track-record.ts';
import { edgeSortNote } from '../../../src/ui/logic/edge-record.ts';

/** A record's by_edge over the default bands, each band's [bets, ROI %, interval] (bets 0: no figures). */
function byEdge(...figures: (readonly [number, number, Interval])[]) {
  return {
    by_edge: edgeBands().map((band, k) => {
      const [n, roi, ci] = figures[k] ?? [0, 0, null];
      return {
        ...band,
        edge_mean: n === 0 ? null : band.from,
        clv: { n_bets: n, mean: n === 0 ? null : -0.04, ci95: n === 0 ? null : ([-0.05, -0.03] as Interval) },
        roi: { flat: { n_bets: n, roi_pct: n === 0 ? null : roi, ci95: n === 0 ? null : ci } },
      };
    }),
  };
}

describe('the note under the edge sort', () => {
  it('names each band with bets, largest edges first, with its ROI, interval and bets', () => {
    const record = byEdge([900, -4, [-6, -2]], [0, 0, null], [500, -5.5, [-9, -2]], [312, -9.1, [-14.2, -4]]);
    expect(edgeSortNote(record, 'desc')).toBe(
      "In the walk-forward backtest over every league (this view's filters do not apply), flat stakes on edges of " +
        '15–25 % returned -9.1% [-14.2%, -4.0%] on 312 bets; ' +
        '10–15 %: -5.5% [-9.0%, -2.0%] on 500 bets; 5–7.5 %: -4.0% [-6.0%, -2.0%] on 900 bets — ' +
        'a larger edge has not meant a better bet.',
    );
    // Smallest edges first: the bands in the list's order, the same verdict.
    expect(edgeSortNote(record, 'asc')).toBe(
      "In the walk-forward backtest over every league (this view's filters do not apply), flat stakes on edges of " +
        '5–7.5 % returned -4.0% [-6.0%, -2.0%] on 900 bets; ' +
        '10–15 %: -5.5% [-9.0%, -2.0%] on 500 bets; 15–25 %: -9.1% [-14.2%, -4.0%] on 312 bets — ' +
        'a larger edge has not meant a better bet.',
    );
  });

  it('calls larger edges better only when ROI rises from band to band, and beyond chance only when it is', () => {
    // The largest band above the smallest, but below the one in between: no rise from band to band.
    expect(
      edgeSortNote(
        byEdge([440, -10.7, [-23, 2]], [436, -3.6, [-17, 11]], [0, 0, null], [936, -6.9, [-17, 3]]),
        'desc',
      ),
    ).toMatch(/ — a larger edge has not meant a better bet\.$/);
    expect(
      edgeSortNote(byEdge([400, -6, [-9, -3]], [0, 0, null], [200, -1, [-6, 4]], [300, 2, [-4, 8]]), 'desc'),
    ).toMatch(/ — ROI rises with the edge here, but no more than chance gives on these bets\.$/);
    expect(
      edgeSortNote(byEdge([400, -6, [-9, -3]], [0, 0, null], [0, 0, null], [300, 5, [1, 9]]), 'desc'),
    ).toMatch(/ — larger edges have returned more\.$/);
  });

  it('has nothing to compare with bets in one band only', () => {
    expect(edgeSortNote(byEdge([0, 0, null], [7, 12, [-30, 60]]), 'desc')).toBe(
      "In the walk-forward backtest over every league (this view's filters do not apply), flat stakes on edges of 7.5–10 % returned +12.0% [-30.0%, +60.0%] on 7 bets, the only edges with bets: nothing to compare them with.",
    );
  });

  it('says nothing without a record or without a bet', () => {
    expect(edgeSortNote(null, 'desc')).toBeNull();
    expect(edgeSortNote(byEdge(), 'asc')).toBeNull();
    expect(edgeSortNote({ by_edge: [] }, 'desc')).toBeNull();
  });
});
