/** The track record's bets by the edge they were taken at, against a small log worked out by hand. */

import { describe, expect, it } from 'vitest';
import { edgeBands } from '../../../src/domain/edge-bands.ts';
import type { OutcomeClass } from '../../../src/domain/outcome.ts';
import { edgeBandsAgainstChance } from '../../../src/domain/track-record.ts';
import type { TrackRecordInput } from '../../../src/domain/track-record-input.ts';
import { DEFAULT_EDGE_RULE } from '../../../src/domain/value-bet.ts';
import { trackRecordText } from '../../../src/pipelines/replay/track-record-text.ts';
import { trackRecord } from '../../../src/pipelines/reports/track-record.ts';

const DAY = 86_400_000;
const K = Date.parse('2026-02-07T15:00:00Z');
const P_HOME = 0.45;

/**
 * A match whose best edge is the home win's, `edge` at the pre-match price current when the prediction was
 * logged (draw and away priced against the model); `outcome` its result.
 */
function match(id: number, edge: number, outcome: OutcomeClass): TrackRecordInput {
  const kickoffMs = K + id * DAY;
  return {
    matchId: id,
    league: 'E0',
    kickoffMs,
    outcome,
    predictions: [
      {
        matchId: id,
        modelName: 'm',
        modelVersion: 1,
        modelAlias: 'champion',
        runId: null,
        source: 'batch',
        probabilities: [P_HOME, 0.28, 0.27],
        goalMarkets: null,
        history: null,
        trainedUntilMs: K - 30 * DAY,
        computedAtMs: kickoffMs - 2 * DAY,
      },
    ],
    snapshots: [
      {
        matchId: id,
        bookmaker: 'pinnacle',
        kind: 'pre_match',
        observedAtMs: kickoffMs - 3 * DAY,
        odds: [(1 + edge) / P_HOME, 3.0, 0.9 / 0.27],
      },
      { matchId: id, bookmaker: 'pinnacle', kind: 'closing', observedAtMs: kickoffMs, odds: [2.1, 3.4, 3.6] },
    ],
  };
}

// Two bets at 6 % (one won), none at 7.5–10 %, one at 12 % (lost), three at 20 % (one won).
const LOG = [
  match(1, 0.06, 0),
  match(2, 0.06, 2),
  match(3, 0.12, 1),
  match(4, 0.2, 0),
  match(5, 0.2, 1),
  match(6, 0.2, 2),
];
const record = trackRecord(LOG, { marginMethod: 'multiplicative', bootstrapResamples: 200 });

/** Flat ROI in % of bets at `edge`, `won` of `n` won, worked out from the price each was taken at. */
const roiOf = (edge: number, won: number, n: number) =>
  (100 * (won * ((1 + edge) / P_HOME - 1) - (n - won))) / n;

describe('track record by edge', () => {
  it('puts each bet in the band of its edge, the bands in order, their bets adding up to the record', () => {
    expect(record.by_edge.map((b) => [b.from, b.to, b.roi.flat.n_bets])).toEqual([
      [0.05, 0.075, 2],
      [0.075, 0.1, 0],
      [0.1, 0.15, 1],
      [0.15, 0.25, 3],
    ]);
    expect(record.by_edge.map(({ from, to }) => ({ from, to }))).toEqual(edgeBands());
    expect(record.by_edge.reduce((n, b) => n + b.roi.flat.n_bets, 0)).toBe(record.roi.flat.n_bets);
    expect(record.by_edge.reduce((n, b) => n + b.clv.n_bets, 0)).toBe(record.clv.n_bets);
  });

  it('gives each band its mean edge and flat ROI as worked out by hand', () => {
    const [low, empty, middle, high] = record.by_edge;
    expect(low?.edge_mean).toBeCloseTo(0.06, 12);
    expect(low?.roi.flat.roi_pct).toBeCloseTo(roiOf(0.06, 1, 2), 10);
    expect(middle?.roi.flat.roi_pct).toBeCloseTo(-100, 10);
    expect(high?.edge_mean).toBeCloseTo(0.2, 12);
    expect(high?.roi.flat.roi_pct).toBeCloseTo(roiOf(0.2, 1, 3), 10);
    expect(empty).toMatchObject({
      edge_mean: null,
      clv: { n_bets: 0, mean: null, ci95: null },
      roi: { flat: { n_bets: 0, roi_pct: null, ci95: null } },
    });
  });

  it('draws an interval for every band with bets, with the bootstrap of the rest of the record', () => {
    for (const band of record.by_edge.filter((b) => b.roi.flat.n_bets > 0)) {
      const [low, high] = band.roi.flat.ci95 as [number, number];
      expect(low).toBeLessThanOrEqual(band.roi.flat.roi_pct as number);
      expect(high).toBeGreaterThanOrEqual(band.roi.flat.roi_pct as number);
      expect(band.clv.ci95).not.toBeNull();
    }
    // The middle band's one lost bet: every resample is that bet.
    expect(record.by_edge[2]?.roi.flat.ci95).toEqual([-100, -100]);
    // Every bet at the same price gets the same closing-line value: 2.1's margin-free share × price taken − 1.
    const book = 1 / 2.1 + 1 / 3.4 + 1 / 3.6;
    expect(record.by_edge[3]?.clv.mean).toBeCloseTo((1 / 2.1 / book) * (1.2 / P_HOME) - 1, 12);
    expect(trackRecord(LOG, { marginMethod: 'multiplicative', bootstrapResamples: 200 })).toEqual(record);
  });

  it('counts the bands against chance: none has 30 bets here', () => {
    expect(record.by_edge_multiplicity).toMatchObject({ min_bets: 30, compared: 0 });
    expect(edgeBandsAgainstChance(record.by_edge_multiplicity)).toBe(
      'Fewer than two edge bands have 30 bets or more: no intervals to compare.',
    );
  });

  it('follows the edge rule it bets by', () => {
    const narrow = trackRecord(LOG, {
      edgeRule: { ...DEFAULT_EDGE_RULE, threshold: 0.1, ceiling: 0.2 },
      bootstrapResamples: 200,
    });
    // 10–15 % and 15–20 %, the ceiling in the last: the 6 % bets are no bets, the 20 % ones are.
    expect(narrow.by_edge.map((b) => [b.from, b.to, b.roi.flat.n_bets])).toEqual([
      [0.1, 0.15, 1],
      [0.15, 0.2, 3],
    ]);
    expect(narrow.roi.flat.n_bets).toBe(4);
  });

  it('has every band, without bets, in an empty record', () => {
    const empty = trackRecord([]);
    expect(empty.by_edge.map((b) => b.roi.flat)).toEqual(
      edgeBands().map(() => ({ n_bets: 0, roi_pct: null, ci95: null })),
    );
  });
});

describe('the by-edge table as text (the replay prints it)', () => {
  it('gives each band its bets, mean edge, ROI and CLV with their intervals, and the bands against chance', () => {
    const text = trackRecordText(record);
    const row = (label: string) => text.split('\n').find((line) => line.startsWith(`| ${label} |`));
    const high = record.by_edge[3];
    const ci = high?.roi.flat.ci95 as [number, number];
    expect(row('15–25 %')).toBe(
      `| 15–25 % | 3 | 20.00 | ${high?.roi.flat.roi_pct?.toFixed(2)} | [${ci[0].toFixed(2)}, ${ci[1].toFixed(2)}] | ${(100 * (high?.clv.mean as number)).toFixed(2)} | [${(100 * (high?.clv.ci95?.[0] as number)).toFixed(2)}, ${(100 * (high?.clv.ci95?.[1] as number)).toFixed(2)}] (3) |`,
    );
    expect(row('7.5–10 %')).toBe('| 7.5–10 % | 0 | n/a | n/a | n/a | n/a | n/a (0) |');
    expect(text).toContain(`\n\n${edgeBandsAgainstChance(record.by_edge_multiplicity)}\n`);
  });
});
