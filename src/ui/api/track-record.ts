/**
 * GET /predict/track-record (and /backtest, same shape), /predict/track-record/head and
 * /predict/track-record/method (a record's `method`, and the data source). Decoded field by field
 * under the API's own names, so what the view prints can be compared with the API one to one.
 */
import { isMarginMethod } from '../../domain/margin-removal.ts';
import type { Multiplicity } from '../../domain/multiplicity.ts';
import type {
  EdgeBandRecord,
  Interval,
  LeagueRecord,
  TrackRecord,
  TrackRecordDay,
  TrackRecordMethod,
} from '../../domain/track-record.ts';
import { asArray, asObject, DecodeError, type Json, num, numOrNull, str } from './decode.ts';

export interface ChainHeadView {
  readonly seq: number;
  readonly hash: string;
  readonly logged_at: string;
  readonly chained_at: string;
}

// The record's shape has one home (domain/track-record.ts); the views read it under these names.
export type LeagueRecordView = LeagueRecord;
export type TrackRecordDayView = TrackRecordDay;
export type EdgeBandRecordView = EdgeBandRecord;
type FlatRoiView = TrackRecord['roi']['flat'];
export type TrackRecordView = TrackRecord & { readonly scope: string; readonly head: ChainHeadView | null };

const obj = (o: Json, key: string, path: string) => asObject(o[key], `${path}.${key}`);

function pair(v: unknown, path: string): [number, number] {
  const [low, high] = asArray(v, path);
  if (typeof low !== 'number' || typeof high !== 'number') throw new DecodeError(path, '[low, high]');
  return [low, high];
}

function marginMethod(value: string, path: string) {
  if (!isMarginMethod(value)) throw new DecodeError(`${path}.margin_method`, 'a margin method');
  return value;
}

const interval = (o: Json, key: string, path: string): Interval =>
  o[key] === null || o[key] === undefined ? null : pair(o[key], `${path}.${key}`);

function flatRoi(o: Json, path: string): FlatRoiView {
  return {
    n_bets: num(o, 'n_bets', path),
    roi_pct: numOrNull(o, 'roi_pct', path),
    ci95: interval(o, 'ci95', path),
  };
}

function scores(o: Json, path: string) {
  return { log_loss: numOrNull(o, 'log_loss', path), rps: numOrNull(o, 'rps', path) };
}

/** A market's scores with the model's on the same matches (the day series carries no `n`). */
function paired(o: Json, path: string) {
  return {
    ...scores(o, path),
    model_log_loss: numOrNull(o, 'model_log_loss', path),
    model_rps: numOrNull(o, 'model_rps', path),
  };
}

function decodeHead(v: unknown, path: string): ChainHeadView | null {
  if (v === null || v === undefined) return null;
  const o = asObject(v, path);
  return {
    seq: num(o, 'seq', path),
    hash: str(o, 'hash', path),
    logged_at: str(o, 'logged_at', path),
    chained_at: str(o, 'chained_at', path),
  };
}

function decodeDay(v: unknown, path: string): TrackRecordDayView {
  const o = asObject(v, path);
  const model = obj(o, 'model', path);
  const clv = obj(o, 'clv', path);
  const flat = obj(o, 'flat', path);
  const kelly = obj(o, 'kelly', path);
  return {
    date: str(o, 'date', path),
    graded: num(o, 'graded', path),
    model: { log_loss: num(model, 'log_loss', `${path}.model`), rps: num(model, 'rps', `${path}.model`) },
    market_closing: paired(obj(o, 'market_closing', path), `${path}.market_closing`),
    n_bets: num(o, 'n_bets', path),
    clv: { n_bets: num(clv, 'n_bets', `${path}.clv`), sum: num(clv, 'sum', `${path}.clv`) },
    flat: { profit: num(flat, 'profit', `${path}.flat`), band95: pair(flat.band95, `${path}.flat.band95`) },
    kelly: {
      bankroll: num(kelly, 'bankroll', `${path}.kelly`),
      band95: pair(kelly.band95, `${path}.kelly.band95`),
    },
  };
}

function decodeLeague(v: unknown, path: string): LeagueRecordView {
  const o = asObject(v, path);
  const clv = obj(o, 'clv', path);
  const closing = obj(o, 'market_closing', path);
  return {
    league: str(o, 'league', path),
    n: num(o, 'n', path),
    model: scores(obj(o, 'model', path), `${path}.model`),
    market_closing: {
      n: num(closing, 'n', `${path}.market_closing`),
      ...paired(closing, `${path}.market_closing`),
    },
    clv: { n_bets: num(clv, 'n_bets', `${path}.clv`), mean: numOrNull(clv, 'mean', `${path}.clv`) },
    roi: { flat: flatRoi(obj(obj(o, 'roi', path), 'flat', `${path}.roi`), `${path}.roi.flat`) },
  };
}

function decodeEdgeBand(v: unknown, path: string): EdgeBandRecordView {
  const o = asObject(v, path);
  const clv = obj(o, 'clv', path);
  return {
    from: num(o, 'from', path),
    to: num(o, 'to', path),
    edge_mean: numOrNull(o, 'edge_mean', path),
    clv: {
      n_bets: num(clv, 'n_bets', `${path}.clv`),
      mean: numOrNull(clv, 'mean', `${path}.clv`),
      ci95: interval(clv, 'ci95', `${path}.clv`),
    },
    roi: { flat: flatRoi(obj(obj(o, 'roi', path), 'flat', `${path}.roi`), `${path}.roi.flat`) },
  };
}

function decodeMultiplicity(v: unknown, path: string): Multiplicity {
  const o = asObject(v, path);
  return {
    min_bets: num(o, 'min_bets', path),
    compared: num(o, 'compared', path),
    expected_by_chance: num(o, 'expected_by_chance', path),
    above_zero: num(o, 'above_zero', path),
    below_zero: num(o, 'below_zero', path),
  };
}

export function decodeTrackRecord(value: unknown): TrackRecordView {
  const p = 'track-record';
  const o = asObject(value, p);
  const closing = obj(o, 'market_closing', p);
  const pre = obj(o, 'market_pre_match', p);
  const clv = obj(o, 'clv', p);
  const roi = obj(o, 'roi', p);
  const kelly = obj(roi, 'kelly', `${p}.roi`);
  return {
    scope: str(o, 'scope', p),
    head: decodeHead(o.head, `${p}.head`),
    matches_predicted: num(o, 'matches_predicted', p),
    late_predictions: num(o, 'late_predictions', p),
    graded: num(o, 'graded', p),
    model: scores(obj(o, 'model', p), `${p}.model`),
    market_closing: {
      n: num(closing, 'n', `${p}.market_closing`),
      ...paired(closing, `${p}.market_closing`),
    },
    market_pre_match: {
      n: num(pre, 'n', `${p}.market_pre_match`),
      log_loss: numOrNull(pre, 'log_loss', `${p}.market_pre_match`),
      model_log_loss: numOrNull(pre, 'model_log_loss', `${p}.market_pre_match`),
    },
    clv: {
      n_bets: num(clv, 'n_bets', `${p}.clv`),
      mean: numOrNull(clv, 'mean', `${p}.clv`),
      ci95: interval(clv, 'ci95', `${p}.clv`),
      taken_at_close: num(clv, 'taken_at_close', `${p}.clv`),
    },
    roi: {
      flat: flatRoi(obj(roi, 'flat', `${p}.roi`), `${p}.roi.flat`),
      kelly: {
        n_bets: num(kelly, 'n_bets', `${p}.roi.kelly`),
        growth_pct: numOrNull(kelly, 'growth_pct', `${p}.roi.kelly`),
        growth_ci95: interval(kelly, 'growth_ci95', `${p}.roi.kelly`),
        max_drawdown_share: numOrNull(kelly, 'max_drawdown_share', `${p}.roi.kelly`),
      },
    },
    by_league: asArray(o.by_league, `${p}.by_league`).map((l, i) => decodeLeague(l, `${p}.by_league[${i}]`)),
    multiplicity: decodeMultiplicity(o.multiplicity, `${p}.multiplicity`),
    by_edge: asArray(o.by_edge, `${p}.by_edge`).map((b, i) => decodeEdgeBand(b, `${p}.by_edge[${i}]`)),
    by_edge_multiplicity: decodeMultiplicity(o.by_edge_multiplicity, `${p}.by_edge_multiplicity`),
    series: asArray(o.series, `${p}.series`).map((d, i) => decodeDay(d, `${p}.series[${i}]`)),
    method: decodeMethod(o.method, `${p}.method`),
  };
}

export function decodeMethod(value: unknown, path = 'method'): TrackRecordMethod {
  const m = asObject(value, path);
  return {
    edge_threshold: num(m, 'edge_threshold', path),
    edge_ceiling: num(m, 'edge_ceiling', path),
    min_matches_played: num(m, 'min_matches_played', path),
    margin_method: marginMethod(str(m, 'margin_method', path), path),
    kelly_fraction: num(m, 'kelly_fraction', path),
    kelly_cap: num(m, 'kelly_cap', path),
    kelly_start: num(m, 'kelly_start', path),
    bootstrap_resamples: num(m, 'bootstrap_resamples', path),
    bootstrap_seed: num(m, 'bootstrap_seed', path),
  };
}

/** Where the figures come from (`data_source`): `demo`, `football-data` or `provider`. */
export interface DataSourceView {
  readonly kind: string;
  /** The demo world's seed; null for real data. */
  readonly seed: number | null;
}

/** GET /predict/track-record/method: the records' `method`, and the data they are made of (null: not said). */
export type MethodAnswer = TrackRecordMethod & { readonly data_source: DataSourceView | null };

export function decodeMethodAnswer(value: unknown): MethodAnswer {
  const path = 'method';
  const source = asObject(value, path).data_source;
  if (source === undefined || source === null) return { ...decodeMethod(value, path), data_source: null };
  const o = asObject(source, `${path}.data_source`);
  return {
    ...decodeMethod(value, path),
    data_source: {
      kind: str(o, 'kind', `${path}.data_source`),
      seed: numOrNull(o, 'seed', `${path}.data_source`),
    },
  };
}

export function decodeChainHead(value: unknown): ChainHeadView | null {
  return decodeHead(asObject(value, 'head').head, 'head.head');
}
