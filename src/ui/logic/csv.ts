/** The matches table in view as CSV: the rows the filter shows, in the order shown, times in the chosen zone. */
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { MatchCard } from '../api/cards.ts';
import { outcomeText, type TimeZoneChoice, zonedMinute, zoneLabel } from './format.ts';

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
  ];
}

export function csvRow(c: MatchCard, tz: TimeZoneChoice): (string | number)[] {
  const score = c.outcome === null ? '' : `${c.homeScore ?? ''}-${c.awayScore ?? ''}`;
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
    c.valueBet === null ? '' : outcomeText(c.valueBet.outcome),
    c.valueBet?.edge ?? '',
    score,
    c.correct === null ? '' : String(c.correct),
  ];
}

export function cardsCsv(cards: readonly MatchCard[], tz: TimeZoneChoice): string {
  return stringify([csvColumns(tz), ...cards.map((c) => csvRow(c, tz))]);
}
