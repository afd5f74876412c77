/**
 * The bulk read models: /predict/predictions/, /predict/cards/, /predict/odds/, /predict/region-roi/ and the
 * single-match precomputed view, built from the cached artifacts. Unfiltered answers are built once per
 * artifact version; filtered ones per request from the same rows, in the same order.
 */
import { isCalendarDate } from '../../domain/calendar-date.ts';
import { DEFAULT_MARGIN_METHOD, type MarginMethod } from '../../domain/margin-removal.ts';
import { isValidOdds } from '../../domain/odds.ts';
import {
  betClosingLineValue,
  betPrice,
  closingSnapshot,
  type OddsSnapshot,
  type TakenPrice,
} from '../../domain/odds-history.ts';
import { type OutcomeClass, outcomeOf, type Probabilities } from '../../domain/outcome.ts';
import { DEFAULT_STAKING, kellyStake, type StakingPlan } from '../../domain/staking.ts';
import {
  DEFAULT_EDGE_RULE,
  type EdgeRule,
  judgeEdge,
  teamHistoryOf,
  type ValueBet,
} from '../../domain/value-bet.ts';
import type { MatchPrediction, PredictionTable } from '../../storage/artifacts/prediction-table.ts';
import { schemaFailure } from '../errors.ts';
import type { BulkFilterQuery } from '../schemas/common.ts';
import type { Card, CardValueBet, OddsItem, Precomputed, PredictionItem } from '../schemas/predict.ts';

export function predictionItem(r: MatchPrediction): PredictionItem {
  return {
    match_id: r.match_id,
    homeTeamName: r.home_team_name,
    awayTeamName: r.away_team_name,
    startTimeUtc: r.start_time_utc,
    proba_home: r.proba_home,
    proba_draw: r.proba_draw,
    proba_away: r.proba_away,
    predicted_class: r.predicted_class,
    predicted_label: r.predicted_label,
    is_future: r.is_future,
    model_stage: r.model_stage,
    model_run_id: r.model_run_id,
  };
}

export function precomputed(r: MatchPrediction): Precomputed {
  return {
    match_id: r.match_id,
    proba_home: r.proba_home,
    proba_draw: r.proba_draw,
    proba_away: r.proba_away,
    predicted_class: r.predicted_class,
    predicted_label: r.predicted_label,
    is_future: r.is_future,
    start_time_utc: r.start_time_utc,
    home_team_name: r.home_team_name,
    away_team_name: r.away_team_name,
    model_run_id: r.model_run_id,
    model_stage: r.model_stage,
    predictions_computed_at: r.computed_at,
    proba_over_2_5: r.proba_over_2_5,
    proba_btts: r.proba_btts,
  };
}

/** The actual outcome, known only once the match is finished with a score. */
export function actualOutcome(r: MatchPrediction): OutcomeClass | null {
  if (r.status !== 'finished' || r.home_score === null || r.away_score === null) return null;
  return outcomeOf(r.home_score, r.away_score);
}

/**
 * A value bet with its flat and Kelly stakes, and, once the match has a closing price in the odds history, that
 * price and the bet's closing-line value (null when the price bet was itself a closing one).
 */
export function cardValueBet(
  bet: ValueBet,
  p: Probabilities,
  staking: StakingPlan,
  closed: { readonly history: readonly OddsSnapshot[]; readonly taken: TakenPrice } | null,
  marginMethod: MarginMethod,
): CardValueBet {
  const stakes = {
    outcome: bet.outcome,
    edge: bet.edge,
    odd: bet.odd,
    stake_flat: staking.flatStake,
    stake_kelly: kellyStake(p[bet.outcome], bet.odd, staking.kelly),
  };
  const close = closed === null ? null : closingSnapshot(closed.history);
  if (closed === null || close === null) return stakes;
  return {
    ...stakes,
    closing_odd: close.odds[bet.outcome],
    clv: betClosingLineValue(bet, closed.taken, closed.history, marginMethod),
  };
}

/**
 * A prediction merged with its odds (if any): outcome, whether the model was right, and the value bet with its
 * stakes and, given the match's odds history, its closing price and CLV. With the history (a market that has
 * closed) the bet takes the price the track record takes (betPrice: on offer when the prediction was published;
 * the last pre-match one for the walk-forward backtest), so a past card shows what was advertised then; without
 * it, the latest price, which is the one on offer now.
 */
export function card(
  r: MatchPrediction,
  odds: OddsItem | undefined,
  rule: EdgeRule = DEFAULT_EDGE_RULE,
  staking: StakingPlan = DEFAULT_STAKING,
  history?: readonly OddsSnapshot[],
  /** params.yaml `evaluate.margin_method`: the closing price's margin comes off as the track record takes it. */
  marginMethod: MarginMethod = DEFAULT_MARGIN_METHOD,
): Card {
  const outcome = actualOutcome(r);
  const p = [r.proba_home, r.proba_draw, r.proba_away] as const;
  const taken =
    history === undefined
      ? null
      : betPrice(
          history,
          { backtest: r.model_stage === 'backtest', computedAtMs: Date.parse(r.computed_at ?? '') },
          r.start_ms,
        );
  const latest = odds ? ([odds.odd_home, odds.odd_draw, odds.odd_away] as const) : null;
  const prices = history === undefined ? latest : (taken?.snapshot.odds ?? null);
  // Only prices quoted before kick-off reach here; an edge above the ceiling is shown as suspect.
  const verdict =
    prices && isValidOdds(prices)
      ? judgeEdge(p, prices, teamHistoryOf(r.home_matches_played, r.away_matches_played), rule)
      : null;
  const bet = verdict?.bet
    ? cardValueBet(verdict.bet, p, staking, history && taken ? { history, taken } : null, marginMethod)
    : null;
  // One literal, no spread: spreading a 13-field object costs microseconds per card (slow clone path), which
  // at 100,000 cards is the difference between milliseconds and seconds.
  return {
    match_id: r.match_id,
    proba_home: r.proba_home,
    proba_draw: r.proba_draw,
    proba_away: r.proba_away,
    predicted_class: r.predicted_class,
    predicted_label: r.predicted_label,
    is_future: r.is_future,
    start_time_utc: r.start_time_utc,
    home_team_name: r.home_team_name,
    away_team_name: r.away_team_name,
    model_run_id: r.model_run_id,
    model_stage: r.model_stage,
    predictions_computed_at: r.computed_at,
    proba_over_2_5: r.proba_over_2_5,
    proba_btts: r.proba_btts,
    home_matches_played: r.home_matches_played,
    away_matches_played: r.away_matches_played,
    region_id: r.region_id,
    region_name: r.region_name,
    sex: r.sex,
    status: r.status,
    odd_home: odds?.odd_home ?? null,
    odd_draw: odds?.odd_draw ?? null,
    odd_away: odds?.odd_away ?? null,
    odds_url: odds?.odds_url ?? null,
    home_score: r.home_score,
    away_score: r.away_score,
    outcome,
    prediction_correct: outcome === null ? null : outcome === r.predicted_class,
    value_bet: bet,
    suspect_edge: verdict?.suspect ?? null,
  };
}

export function hasFilters(query: BulkFilterQuery): boolean {
  return Object.values(query).some((v) => v !== undefined);
}

/**
 * A bound as an instant: UTC unless the text gives an offset (Date.parse would read a time without one in the
 * server's own zone), and a bare date as `to` means "up to the end of that day".
 */
export function boundMs(text: string, endOfDay: boolean): number {
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const ms = Date.parse(bare ? `${text}T00:00:00Z` : zoned ? text : `${text.replace(' ', 'T')}Z`);
  return bare && endOfDay ? ms + 86_400_000 : ms;
}

// The instants a database timestamp holds as an ISO string: years 0001–9999. A bound past either end (the end of
// 9999-12-31, a year-0001 date with an offset east of UTC) keeps or drops the same kick-offs at that end.
const FIRST_INSTANT_MS = Date.parse('0001-01-01T00:00:00Z');
const LAST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** The bound as an instant for a database query, held within the years 0001–9999 (see above). */
export function boundDate(text: string, endOfDay: boolean): Date {
  return new Date(Math.min(LAST_INSTANT_MS, Math.max(FIRST_INSTANT_MS, boundMs(text, endOfDay))));
}

/** What a filter selects, read once: the rows `filterRows` keeps and the key of a filtered answer's ETag. */
interface Selection {
  readonly isFuture: boolean | null;
  readonly regionId: number | null;
  /** Kick-offs in [fromMs, toMs). */
  readonly fromMs: number;
  readonly toMs: number;
  readonly offset: number;
  /** null: no limit. */
  readonly limit: number | null;
}

function selectionOf(query: BulkFilterQuery): Selection {
  return {
    isFuture: query.is_future ?? null,
    regionId: query.region_id ?? null,
    fromMs: query.from === undefined ? Number.NEGATIVE_INFINITY : boundMs(query.from, false),
    toMs: query.to === undefined ? Number.POSITIVE_INFINITY : boundMs(query.to, true),
    offset: query.offset ?? 0,
    limit: query.limit ?? null,
  };
}

/**
 * What a filter selects, as text: the part of a filtered answer's ETag that is not the data's. Two queries that
 * select the same rows (parameters in another order, `True` for `true`, the same instant written two ways)
 * share it, so a client's cached copy stays valid however it writes the query.
 */
export function filterKey(query: BulkFilterQuery): string {
  const s = selectionOf(query);
  return [s.isFuture, s.regionId, s.fromMs, s.toMs, s.offset, s.limit].join(',');
}

/** The positions of the rows a filter keeps, in their original order, then the limit/offset window. */
export function filterRows(table: PredictionTable, query: BulkFilterQuery): number[] {
  const { isFuture, regionId, fromMs, toMs, offset, limit: most } = selectionOf(query);
  const limit = most ?? Number.POSITIVE_INFINITY;
  const out: number[] = [];
  let skipped = 0;
  for (let i = 0; i < table.size; i++) {
    if (isFuture !== null && table.isFuture(i) !== isFuture) continue;
    if (regionId !== null && table.regionId(i) !== regionId) continue;
    const start = table.startMs(i);
    if (start < fromMs || start >= toMs) continue;
    if (skipped < offset) {
      skipped++;
      continue;
    }
    if (out.length >= limit) break;
    out.push(i);
  }
  return out;
}

/** Invalid dates pass the schema's pattern; they are reported like schema failures. */
export function invalidDateParams(query: Pick<BulkFilterQuery, 'from' | 'to'>): string[] {
  return (['from', 'to'] as const).filter((k) => {
    const text = query[k];
    return text !== undefined && (!isCalendarDate(text.slice(0, 10)) || Number.isNaN(boundMs(text, false)));
  });
}

/**
 * Throws what is wrong with a window as a schema failure (422 naming the parameter): a date that does not exist
 * (the schema's pattern lets 2025-02-30 through), or a `to` before `from`, which is a mistake, not an empty answer
 * that reads as "nothing there".
 */
export function rejectBadWindow(query: Pick<BulkFilterQuery, 'from' | 'to'>): void {
  const bad = invalidDateParams(query);
  if (bad.length > 0)
    throw schemaFailure(
      'querystring',
      bad.map((name) => ({ keyword: 'format', instancePath: `/${name}`, params: { format: 'date' } })),
    );
  const { from, to } = query;
  // As written: a bare `to` the day before `from` is reversed, though "to the end of that day" meets `from`.
  if (from !== undefined && to !== undefined && boundMs(to, false) < boundMs(from, false))
    throw schemaFailure('querystring', [
      {
        keyword: 'value_error',
        instancePath: '/to',
        message: `should not be before from (${from})`,
        params: {},
      },
    ]);
}
