import { describe, expect, it } from 'vitest';
import { besideMarket } from '../../../src/domain/track-record.ts';
import { decodeMethodAnswer, decodeTrackRecord } from '../../../src/ui/api/track-record.ts';
import { clvCountText, recordCurves, trackRecordPath } from '../../../src/ui/logic/track-record.ts';

const day = (date: string, profit: number) => ({
  date,
  graded: 2,
  model: { log_loss: 0.9, rps: 0.2 },
  market_closing: { log_loss: null, rps: null, model_log_loss: null, model_rps: null },
  n_bets: 1,
  clv: { n_bets: 1, sum: 0.03 },
  flat: { profit, band95: [profit - 1, profit + 1] },
  kelly: { bankroll: 100 + profit, band95: [99, 103] },
});

const RECORD = {
  scope: 'published',
  head: { seq: 3, hash: 'ab', logged_at: '2026-01-08T06:00:00.000Z', chained_at: '2026-01-08T06:00:01.000Z' },
  matches_predicted: 3,
  late_predictions: 0,
  graded: 2,
  model: { log_loss: 0.9, rps: 0.2 },
  market_closing: { n: 0, log_loss: null, rps: null, model_log_loss: null, model_rps: null },
  market_pre_match: { n: 0, log_loss: null, model_log_loss: null },
  clv: { n_bets: 1, mean: 0.03, ci95: [0.03, 0.03], taken_at_close: 0 },
  roi: {
    flat: { n_bets: 2, roi_pct: 50, ci95: [-100, 120] },
    kelly: { n_bets: 2, growth_pct: 1.5, growth_ci95: [-1, 3], max_drawdown_share: 0.01 },
  },
  by_league: [],
  multiplicity: { min_bets: 30, compared: 0, expected_by_chance: 0, above_zero: 0, below_zero: 0 },
  by_edge: [
    {
      from: 0.05,
      to: 0.1,
      edge_mean: 0.07,
      clv: { n_bets: 1, mean: 0.03, ci95: [0.03, 0.03] },
      roi: { flat: { n_bets: 2, roi_pct: 50, ci95: [-100, 120] } },
    },
    {
      from: 0.1,
      to: 0.25,
      edge_mean: null,
      clv: { n_bets: 0, mean: null, ci95: null },
      roi: { flat: { n_bets: 0, roi_pct: null, ci95: null } },
    },
  ],
  by_edge_multiplicity: { min_bets: 30, compared: 0, expected_by_chance: 0, above_zero: 0, below_zero: 0 },
  series: [day('2026-01-10', 1.2), day('2026-01-11', -0.3)],
  method: {
    edge_threshold: 0.05,
    edge_ceiling: 0.25,
    min_matches_played: 5,
    margin_method: 'shin',
    kelly_fraction: 0.25,
    kelly_cap: 0.05,
    kelly_start: 100,
    bootstrap_resamples: 2000,
    bootstrap_seed: 1,
  },
};

describe('track-record view logic', () => {
  it('asks the API with the filter, dropping what is open', () => {
    expect(trackRecordPath({ league: null, from: '', to: '' })).toBe('/predict/track-record');
    const f = { league: 'Premier League', from: '2025-08-01', to: '2026-05-31' };
    expect(trackRecordPath(f)).toBe(
      '/predict/track-record?league=Premier+League&from=2025-08-01&to=2026-05-31',
    );
    expect(trackRecordPath(f, { league: false })).toBe('/predict/track-record?from=2025-08-01&to=2026-05-31');
    expect(trackRecordPath(f, { backtest: true })).toMatch(/^\/predict\/track-record\/backtest\?league=/);
  });

  it('decodes the record as sent and lays the series out per line, unchanged', () => {
    const record = decodeTrackRecord(RECORD);
    expect(record).toEqual(RECORD);
    const curves = recordCurves(record.series);
    expect(curves.timesMs).toEqual([Date.parse('2026-01-10T00:00:00Z'), Date.parse('2026-01-11T00:00:00Z')]);
    expect(curves.flat).toEqual([1.2, -0.3]);
    expect(curves.flatLow).toEqual([0.19999999999999996, -1.3]);
    expect(curves.marketLogLoss).toEqual([null, null]);
    // No closing prices at all: the model's own running score.
    expect(curves.modelLogLoss).toEqual([0.9, 0.9]);
  });

  it('draws the model beside the market on the same matches once the market priced any', () => {
    const priced = (date: string, market: number | null, paired: number | null) => ({
      ...day(date, 0),
      market_closing: { log_loss: market, rps: market, model_log_loss: paired, model_rps: paired },
    });
    const record = decodeTrackRecord({
      ...RECORD,
      series: [priced('2026-01-10', null, null), priced('2026-01-11', 0.98, 1.01)],
    });
    const curves = recordCurves(record.series);
    expect(curves.modelLogLoss).toEqual([null, 1.01]);
    expect(curves.marketLogLoss).toEqual([null, 0.98]);
    expect(besideMarket({ log_loss: 0.98 }, 1.01, 0.9)).toBe(1.01);
    expect(besideMarket({ log_loss: null }, null, 0.9)).toBe(0.9);
  });

  it('names the field when the API sends something else', () => {
    const [band] = RECORD.by_edge;
    expect(() => decodeTrackRecord({ ...RECORD, by_edge: [{ ...band, clv: {} }] })).toThrow(
      /track-record\.by_edge\[0\]\.clv\.n_bets/,
    );
    expect(() => decodeTrackRecord({ ...RECORD, series: [{ ...day('2026-01-10', 1), flat: {} }] })).toThrow(
      /track-record\.series\[0\]\.flat\.profit/,
    );
  });

  it('reads the data source beside the method: the demo with its seed, real data without, or nothing said', () => {
    const { method } = RECORD;
    expect(decodeMethodAnswer({ ...method, data_source: { kind: 'demo', seed: 42 } })).toEqual({
      ...method,
      data_source: { kind: 'demo', seed: 42 },
    });
    expect(decodeMethodAnswer({ ...method, data_source: { kind: 'football-data' } }).data_source).toEqual({
      kind: 'football-data',
      seed: null,
    });
    // A server from before the field, or one with no source recorded.
    expect(decodeMethodAnswer(method).data_source).toBeNull();
    expect(() => decodeMethodAnswer({ ...method, data_source: { seed: 1 } })).toThrow(
      /method\.data_source\.kind/,
    );
  });
});

describe('why CLV counts fewer bets than ROI', () => {
  const record = (all: number, withClv: number, atClose: number) => ({
    roi: { flat: { n_bets: all, roi_pct: -5, ci95: [-6, -4] as [number, number] }, kelly: KELLY },
    clv: { n_bets: withClv, mean: -0.04, ci95: [-0.05, -0.03] as [number, number], taken_at_close: atClose },
  });
  const KELLY = { n_bets: 0, growth_pct: null, growth_ci95: null, max_drawdown_share: null };

  it('splits the missing bets into those taken at the close and those on matches without a closing price', () => {
    expect(clvCountText(record(67_530, 49_173, 18_000))).toBe(
      'CLV counts 49,173 of the 67,530 bets; the others have none: 18,000 were taken at the close (closing-only files) and 357 are on matches without a closing price.',
    );
    expect(clvCountText(record(10, 9, 1))).toBe(
      'CLV counts 9 of the 10 bets; the other has none: 1 was taken at the close (closing-only files).',
    );
    expect(clvCountText(record(10, 9, 0))).toBe(
      'CLV counts 9 of the 10 bets; the other has none: 1 is on matches without a closing price.',
    );
  });

  it('says nothing when CLV counts every bet', () => {
    expect(clvCountText(record(10, 10, 0))).toBeNull();
    expect(clvCountText(record(0, 0, 0))).toBeNull();
  });
});
