/**
 * The track-record view's own logic: its filter (league and kick-off days, kept in the URL), the API paths it
 * reads, and the API's daily series laid out for the charts. No figure is computed here: every number shown
 * comes from /predict/track-record as the API sent it.
 */
import { isCalendarDate } from '../../domain/calendar-date.ts';
import type { TrackRecordDayView, TrackRecordView } from '../api/track-record.ts';
import { count, counted } from './format.ts';

export interface RecordFilter {
  /** Competition as stored, or null for every league. */
  readonly league: string | null;
  /** Whole UTC days, YYYY-MM-DD, or '' for open. */
  readonly from: string;
  readonly to: string;
}

export const ALL_LEAGUES: RecordFilter = { league: null, from: '', to: '' };

/**
 * The filter from URL parameters `league`, `since`, `until`. A day that does not parse, or does not exist
 * (2025-02-30, which the API would refuse), is left open.
 */
export function parseRecordFilter(params: URLSearchParams): RecordFilter {
  const league = params.get('league');
  const from = params.get('since') ?? '';
  const to = params.get('until') ?? '';
  return {
    league: league === null || league.trim() === '' ? null : league,
    from: isCalendarDate(from) ? from : '',
    to: isCalendarDate(to) ? to : '',
  };
}

/** Writes the non-default parts of the filter into `params`. */
export function writeRecordFilter(f: RecordFilter, params: URLSearchParams): void {
  if (f.league !== null) params.set('league', f.league);
  if (f.from !== '') params.set('since', f.from);
  if (f.to !== '') params.set('until', f.to);
}

/** `/predict/track-record` (or its `/backtest`) with the filter's query; `league: false` drops the league. */
export function trackRecordPath(
  f: RecordFilter,
  { backtest = false, league = true }: { readonly backtest?: boolean; readonly league?: boolean } = {},
): string {
  const q = new URLSearchParams();
  if (league && f.league !== null) q.set('league', f.league);
  if (f.from !== '') q.set('from', f.from);
  if (f.to !== '') q.set('to', f.to);
  const query = q.toString();
  return `/predict/track-record${backtest ? '/backtest' : ''}${query === '' ? '' : `?${query}`}`;
}

export interface RecordCurves {
  /** Midnight UTC of each kick-off day, ms. */
  readonly timesMs: number[];
  /** The model's running scores on the matches the closing market priced (its own on all, when it priced none). */
  readonly modelLogLoss: (number | null)[];
  readonly marketLogLoss: (number | null)[];
  readonly modelRps: (number | null)[];
  readonly marketRps: (number | null)[];
  readonly clvSum: number[];
  readonly flat: number[];
  readonly flatLow: number[];
  readonly flatHigh: number[];
  readonly kelly: number[];
  readonly kellyLow: number[];
  readonly kellyHigh: number[];
}

/** The API's daily series as one array per chart line, in day order. */
export function recordCurves(series: readonly TrackRecordDayView[]): RecordCurves {
  const priced = series.some((d) => d.market_closing.log_loss !== null);
  return {
    timesMs: series.map((d) => Date.parse(`${d.date}T00:00:00Z`)),
    modelLogLoss: series.map((d) => (priced ? d.market_closing.model_log_loss : d.model.log_loss)),
    marketLogLoss: series.map((d) => d.market_closing.log_loss),
    modelRps: series.map((d) => (priced ? d.market_closing.model_rps : d.model.rps)),
    marketRps: series.map((d) => d.market_closing.rps),
    clvSum: series.map((d) => d.clv.sum),
    flat: series.map((d) => d.flat.profit),
    flatLow: series.map((d) => d.flat.band95[0]),
    flatHigh: series.map((d) => d.flat.band95[1]),
    kelly: series.map((d) => d.kelly.bankroll),
    kellyLow: series.map((d) => d.kelly.band95[0]),
    kellyHigh: series.map((d) => d.kelly.band95[1]),
  };
}

/** A score to 4 decimals (log loss, RPS), or — when there is nothing to score. */
export function score(v: number | null): string {
  return v === null ? '—' : v.toFixed(4);
}

/** `12 bets` / `1 bet`. */
export function bets(n: number): string {
  return counted(n, 'bet');
}

/**
 * Why a record's CLV counts fewer bets than its ROI, in one sentence, or null when both count the same: a bet taken
 * at the close (closing-only files) has no CLV, nor has one whose match has no closing price (the rest).
 */
export function clvCountText(record: Pick<TrackRecordView, 'roi' | 'clv'>): string | null {
  const all = record.roi.flat.n_bets;
  const { n_bets: withClv, taken_at_close: atClose } = record.clv;
  const noClose = all - withClv - atClose;
  if (withClv >= all) return null;
  const why = [
    atClose > 0
      ? `${count(atClose)} ${atClose === 1 ? 'was' : 'were'} taken at the close (closing-only files)`
      : null,
    noClose > 0
      ? `${count(noClose)} ${noClose === 1 ? 'is' : 'are'} on matches without a closing price`
      : null,
  ].filter((part) => part !== null);
  const others = all - withClv === 1 ? 'the other has none' : 'the others have none';
  return `CLV counts ${count(withClv)} of the ${bets(all)}; ${others}: ${why.join(' and ')}.`;
}
