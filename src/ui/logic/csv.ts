/**
 * The matches table in view as CSV: the rows the filter shows, in the order shown, times in the chosen zone.
 * Beside what the list shows, everything needed to check the ROI panel by hand: where each prediction came from
 * and whether it is scored, and each value bet's price, stakes, result, closing odd and CLV. The ROI panel's bets
 * are the rows with `scored` true and a `value_result`; its profit is their `value_profit_flat` summed. Each row
 * says which world it comes from (`data_source`), so a file of the simulated demo never passes for real data.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { type EdgeRule, flatStakeProfit } from '../../domain/value-bet.ts';
import type { MatchCard } from '../api/cards.ts';
import type { DataSourceView } from '../api/track-record.ts';
import { suspectText } from './card-figures.ts';
import { outcomeText, type TimeZoneChoice, zonedMinute, zonedSecond, zoneLabel } from './format.ts';

export function csvColumns(tz: TimeZoneChoice): string[] {
  return [
    `kickoff (${zoneLabel(tz)})`,
    'match_id',
    'region',
    'home',
    'away',
    'p_home',
    'p_draw',
    'p_away',
    'pick',
    'odd_home',
    'odd_draw',
    'odd_away',
    'value_bet',
    'value_edge',
    'score',
    // Grades the model's pick (most likely outcome), never the value bet; empty when not scored.
    'pick_correct',
    // Appended after the original columns, so a sheet built on them still reads.
    'model_stage',
    // backtest, before_kickoff, after_kickoff or forecast (logic/prediction-source.ts).
    'prediction_source',
    `computed_at (${zoneLabel(tz)})`,
    // Finished, and predicted by a model that never saw the match: counted in the ROI and the ✓/✗ marks.
    'scored',
    'value_odd',
    'stake_flat',
    'stake_kelly',
    // won or lost once the match is finished; the profit at a stake of 1 (odd − 1, or −1).
    'value_result',
    'value_profit_flat',
    'closing_odd',
    'clv',
    // The best edge when it is flagged instead of bet: "far from market" or "check prices".
    'flagged_edge',
    'flagged_edge_value',
    // demo (the simulated world), football-data or provider; unknown when the server did not say.
    'data_source',
  ];
}

/** `source`: the API's `data_source` (GET /predict/track-record/method), null until read or when not recorded. */
const sourceText = (source: DataSourceView | null) => source?.kind ?? 'unknown';

/** `rule`: the server's value-bet rule as the API serves it, which words a flagged edge; null until read. */
export function csvRow(
  c: MatchCard,
  tz: TimeZoneChoice,
  rule: EdgeRule | null,
  source: DataSourceView | null,
): (string | number)[] {
  const score = c.outcome === null ? '' : `${c.homeScore ?? ''}-${c.awayScore ?? ''}`;
  const bet = c.valueBet;
  const profit = bet === null || c.outcome === null ? null : flatStakeProfit(bet, c.outcome);
  return [
    zonedMinute(c.kickoffMs, tz),
    c.id,
    c.regionName,
    c.home,
    c.away,
    c.probs[0],
    c.probs[1],
    c.probs[2],
    outcomeText(c.predicted),
    c.odds?.[0] ?? '',
    c.odds?.[1] ?? '',
    c.odds?.[2] ?? '',
    bet === null ? '' : outcomeText(bet.outcome),
    bet?.edge ?? '',
    score,
    c.correct === null ? '' : String(c.correct),
    c.modelStage,
    c.source,
    c.computedAtMs === null ? '' : zonedSecond(c.computedAtMs, tz),
    String(c.scored),
    bet?.odd ?? '',
    bet?.stakeFlat ?? '',
    bet?.stakeKelly ?? '',
    profit === null ? '' : profit > 0 ? 'won' : 'lost',
    profit ?? '',
    bet?.closingOdd ?? '',
    bet?.clv ?? '',
    c.suspectEdge === null ? '' : suspectText(c, c.suspectEdge, rule).label,
    c.suspectEdge?.edge ?? '',
    sourceText(source),
  ];
}

export function cardsCsv(
  cards: readonly MatchCard[],
  tz: TimeZoneChoice,
  rule: EdgeRule | null,
  source: DataSourceView | null,
): string {
  return stringify([csvColumns(tz), ...cards.map((c) => csvRow(c, tz, rule, source))]);
}

/** `matches-demo.csv` on the simulated world, so the file's name says it too; `matches.csv` otherwise. */
export function csvFileName(source: DataSourceView | null): string {
  return source?.kind === 'demo' ? 'matches-demo.csv' : 'matches.csv';
}
