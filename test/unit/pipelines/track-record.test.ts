/** The track record against a small log whose figures are worked out by hand below. */

import { describe, expect, it } from 'vitest';
import { runInSlices } from '../../../src/domain/in-slices.ts';
import type { LoggedPrediction } from '../../../src/domain/leakage-rule.ts';
import type { OddsSnapshot } from '../../../src/domain/odds-history.ts';
import { kellyStake } from '../../../src/domain/staking.ts';
import { leaguesAgainstChance } from '../../../src/domain/track-record.ts';
import type { TrackRecordInput } from '../../../src/domain/track-record-input.ts';
import { trackRecordText } from '../../../src/pipelines/replay/track-record-text.ts';
import { trackRecord, trackRecordSteps } from '../../../src/pipelines/reports/track-record.ts';

const DAY = 86_400_000;
const K = Date.parse('2026-01-10T15:00:00Z');

function predicted(
  matchId: number,
  probabilities: readonly [number, number, number],
  computedAtMs: number,
  source: LoggedPrediction['source'] = 'batch',
): LoggedPrediction {
  return {
    matchId,
    modelName: 'm',
    modelVersion: 1,
    modelAlias: 'champion',
    runId: null,
    source,
    probabilities,
    goalMarkets: null,
    history: null,
    trainedUntilMs: K - 30 * DAY,
    computedAtMs,
  };
}

const price = (
  matchId: number,
  kind: OddsSnapshot['kind'],
  observedAtMs: number,
  odds: OddsSnapshot['odds'],
): OddsSnapshot => ({ matchId, bookmaker: 'pinnacle', kind, observedAtMs, odds });

const LOG: TrackRecordInput[] = [
  {
    matchId: 1,
    league: 'E0',
    kickoffMs: K,
    outcome: 0,
    predictions: [predicted(1, [0.5, 0.3, 0.2], K - 2 * DAY)],
    snapshots: [price(1, 'pre_match', K - DAY, [2.2, 3.4, 4.0]), price(1, 'closing', K, [2.0, 3.5, 4.5])],
  },
  {
    matchId: 2,
    league: 'E0',
    kickoffMs: K + DAY,
    outcome: 2,
    predictions: [predicted(2, [0.3, 0.3, 0.4], K - DAY), predicted(2, [0.1, 0.1, 0.8], K + DAY)],
    snapshots: [
      price(2, 'pre_match', K - DAY, [2.5, 3.2, 3.0]),
      price(2, 'closing', K + DAY, [2.4, 3.3, 3.1]),
    ],
  },
  {
    // A closing-only league: bet at the close, in the ROI, out of the CLV.
    matchId: 3,
    league: 'ARG',
    kickoffMs: K,
    outcome: 1,
    predictions: [predicted(3, [0.4, 0.35, 0.25], K - DAY)],
    snapshots: [price(3, 'closing', K, [2.4, 3.2, 3.5])],
  },
  {
    matchId: 4,
    league: 'E0',
    kickoffMs: K + 5 * DAY,
    outcome: null,
    predictions: [predicted(4, [0.4, 0.3, 0.3], K)],
    snapshots: [],
  },
  {
    matchId: 5,
    league: 'E0',
    kickoffMs: K,
    outcome: 0,
    predictions: [predicted(5, [0.4, 0.3, 0.3], K + 1)],
    snapshots: [],
  },
  {
    matchId: 6,
    league: 'E0',
    kickoffMs: K,
    outcome: 0,
    predictions: [predicted(6, [0.4, 0.3, 0.3], K + DAY, 'backtest')],
    snapshots: [],
  },
];

const fair = (odds: readonly number[]) => {
  const book = odds.reduce((s, o) => s + 1 / o, 0);
  return odds.map((o) => 1 / o / book);
};

describe('track record', () => {
  const record = trackRecord(LOG, { marginMethod: 'multiplicative', bootstrapResamples: 200 });

  it('counts predicted, late and graded matches', () => {
    // Late: match 2's second prediction (at kick-off) and match 5's only one; match 6 has a backtest only.
    expect(record).toMatchObject({ matches_predicted: 4, late_predictions: 2, graded: 3 });
  });

  it('scores the model and the market as worked out by hand', () => {
    expect(record.model.log_loss).toBeCloseTo(-(Math.log(0.5) + Math.log(0.4) + Math.log(0.35)) / 3, 12);
    // RPS: (0.25 + 0.04)/2, (0.09 + 0.36)/2, (0.16 + 0.0625)/2.
    expect(record.model.rps).toBeCloseTo((0.145 + 0.225 + 0.11125) / 3, 12);
    const closing = [
      fair([2.0, 3.5, 4.5])[0],
      fair([2.4, 3.3, 3.1])[2],
      fair([2.4, 3.2, 3.5])[1],
    ] as number[];
    expect(record.market_closing.n).toBe(3);
    expect(record.market_closing.log_loss).toBeCloseTo(-closing.reduce((s, p) => s + Math.log(p), 0) / 3, 12);
    // All three graded matches have a closing price: the model on the same matches is its own score.
    expect(record.market_closing.model_log_loss).toBeCloseTo(record.model.log_loss as number, 12);
    expect(record.market_closing.model_rps).toBeCloseTo(record.model.rps as number, 12);
    const pre = [fair([2.2, 3.4, 4.0])[0], fair([2.5, 3.2, 3.0])[2]] as number[];
    // Two have a pre-match price (matches 1 and 2): the model is scored on those two beside it.
    expect(record.market_pre_match).toEqual({
      n: 2,
      log_loss: expect.closeTo(-(Math.log(pre[0] as number) + Math.log(pre[1] as number)) / 2, 12),
      model_log_loss: expect.closeTo(-(Math.log(0.5) + Math.log(0.4)) / 2, 12),
    });
  });

  it('bets, settles and measures the closing line by hand', () => {
    // Match 1: home at 2.2 (edge 0.10), won +1.2. Match 2: away at 3.0 (edge 0.20), won +2. Match 3: draw at
    // 3.2 taken at the close (edge 0.12), won +2.2. ROI = 5.4 / 3.
    expect(record.roi.flat.n_bets).toBe(3);
    expect(record.roi.flat.roi_pct).toBeCloseTo(180, 10);
    const clv1 = (fair([2.0, 3.5, 4.5])[0] as number) * 2.2 - 1;
    const clv2 = (fair([2.4, 3.3, 3.1])[2] as number) * 3.0 - 1;
    expect(record.clv).toMatchObject({ n_bets: 2, taken_at_close: 1 });
    expect(record.clv.mean).toBeCloseTo((clv1 + clv2) / 2, 12);
    const [low, high] = record.clv.ci95 ?? [Number.NaN, Number.NaN];
    expect(low).toBeCloseTo(Math.min(clv1, clv2), 12);
    expect(high).toBeCloseTo(Math.max(clv1, clv2), 12);
  });

  it('splits by league and is the same for the same seed', () => {
    expect(record.by_league.map((l) => [l.league, l.n, l.roi.flat.roi_pct])).toEqual([
      ['ARG', 1, expect.closeTo(220, 10)],
      ['E0', 2, expect.closeTo(160, 10)],
    ]);
    expect(record.by_league[0]?.clv.mean).toBeNull();
    // One or two bets a league: too few for their intervals to be compared.
    expect(record.multiplicity).toMatchObject({ min_bets: 30, compared: 0, above_zero: 0, below_zero: 0 });
    expect(trackRecord(LOG, { marginMethod: 'multiplicative', bootstrapResamples: 200 })).toEqual(record);
  });

  it('grades in steps for a shared thread: a step per bootstrap resample of each band, the same record', async () => {
    const options = { marginMethod: 'multiplicative' as const, bootstrapResamples: 200 };
    let steps = 0;
    const counted = (function* () {
      const record = trackRecordSteps(LOG, options);
      for (;;) {
        const step = record.next();
        if (step.done) return step.value;
        steps++;
        yield;
      }
    })();
    const pauses: number[] = [];
    const inSlices = await runInSlices(counted, { sliceMs: 0, pause: async () => void pauses.push(1) });
    expect(inSlices).toEqual(trackRecord(LOG, options));
    // Two bands (flat, Kelly) of 200 resamples each.
    expect(steps).toBeGreaterThanOrEqual(400);
    expect(pauses.length).toBe(steps);
  });

  it('takes no bet at a price quoted after kick-off', () => {
    // Closing-only, but the close is dated a minute after kick-off: graded, not bet.
    const late: TrackRecordInput = {
      matchId: 7,
      league: 'ARG',
      kickoffMs: K,
      outcome: 1,
      predictions: [predicted(7, [0.4, 0.35, 0.25], K - DAY)],
      snapshots: [price(7, 'closing', K + 60_000, [2.4, 3.2, 3.5])],
    };
    const r = trackRecord([late], { bootstrapResamples: 200 });
    expect(r).toMatchObject({
      graded: 1,
      roi: { flat: { n_bets: 0 } },
      clv: { n_bets: 0, taken_at_close: 0 },
    });
  });

  it('gives per-league RPS, bets and ROI intervals', () => {
    const e0 = record.by_league[1];
    expect(e0?.model.rps).toBeCloseTo((0.145 + 0.225) / 2, 12);
    expect(e0?.clv.n_bets).toBe(2);
    expect(e0?.roi.flat.n_bets).toBe(2);
    expect(e0?.roi.flat.ci95).toEqual([expect.closeTo(120, 10), expect.closeTo(200, 10)]);
  });

  it('plays the curves day by day in kick-off order, with bands ending on the ROI interval', () => {
    expect(record.series.map((d) => [d.date, d.graded, d.n_bets, d.clv.n_bets])).toEqual([
      ['2026-01-10', 2, 2, 1],
      ['2026-01-11', 3, 3, 2],
    ]);
    const [day1, day2] = record.series;
    expect(day1?.model.log_loss).toBeCloseTo(-(Math.log(0.5) + Math.log(0.35)) / 2, 12);
    expect(day1?.flat.profit).toBeCloseTo(1.2 + 2.2, 12);
    expect(day2?.flat.profit).toBeCloseTo(5.4, 12);
    expect(day2?.clv.sum).toBeCloseTo((record.clv.mean as number) * 2, 12);
    // Quarter Kelly, capped at 5 %: match 1, then match 3, then match 2, all won.
    let bankroll = 100;
    for (const [p, odd] of [
      [0.5, 2.2],
      [0.35, 3.2],
      [0.4, 3.0],
    ] as const)
      bankroll += bankroll * kellyStake(p, odd, { fraction: 0.25, cap: 0.05 }) * (odd - 1);
    expect(day2?.kelly.bankroll).toBeCloseTo(bankroll, 10);
    expect(record.roi.kelly.growth_pct).toBeCloseTo(bankroll - 100, 10);
    const [low, high] = record.roi.flat.ci95 as [number, number];
    expect(day2?.flat.band95[0]).toBeCloseTo((3 * low) / 100, 10);
    expect(day2?.flat.band95[1]).toBeCloseTo((3 * high) / 100, 10);
    expect(record.method).toMatchObject({
      edge_threshold: 0.05,
      margin_method: 'multiplicative',
      kelly_fraction: 0.25,
    });
  });

  it('has no series without graded matches', () => {
    const empty = trackRecord([]);
    expect(empty.series).toEqual([]);
    expect(empty.roi.kelly).toEqual({
      n_bets: 0,
      growth_pct: null,
      growth_ci95: null,
      max_drawdown_share: null,
    });
  });

  it('scores the walk-forward backtest apart, on request', () => {
    const backtest = trackRecord(LOG, { source: 'backtest', bootstrapResamples: 200 });
    expect(backtest).toMatchObject({ matches_predicted: 1, late_predictions: 0, graded: 1 });
    expect(backtest.model.log_loss).toBeCloseTo(-Math.log(0.4), 12);
    expect(backtest.roi.flat.n_bets).toBe(0);
  });
});

describe('the record as text (the table docs/track-record.md publishes)', () => {
  it('gives every ROI its interval and bets, the model beside the market on the same matches, and the leagues against chance', () => {
    const record = trackRecord(LOG, { marginMethod: 'multiplicative', bootstrapResamples: 200 });
    const text = trackRecordText(record);
    for (const league of record.by_league) {
      const row = text.split('\n').find((line) => line.startsWith(`| ${league.league} |`));
      const { ci95, n_bets } = league.roi.flat;
      expect(row).toContain(`[${ci95?.[0].toFixed(2)}, ${ci95?.[1].toFixed(2)}] | ${n_bets} |`);
    }
    expect(text).toContain(`\n\n${leaguesAgainstChance(record.multiplicity)}\n`);
    expect(text).toContain(
      `model on the same: ${record.market_closing.model_log_loss?.toFixed(4)}, ${record.market_closing.model_rps?.toFixed(4)}`,
    );
  });
});
