import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { decodeCard } from '../../../src/ui/api/cards.ts';
import { cardsCsv, csvColumns, csvFileName } from '../../../src/ui/logic/csv.ts';
import { apiCard } from './api-card.ts';

const RULE = { threshold: 0.05, ceiling: 0.25, minMatchesPlayed: 5 };
const DEMO = { kind: 'demo', seed: 42 } as const;

describe('cardsCsv', () => {
  it('names every column an audit of the ROI panel needs, after the original ones', () => {
    expect(csvColumns('utc')).toEqual([
      'kickoff (UTC)',
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
      'pick_correct',
      'model_stage',
      'prediction_source',
      'computed_at (UTC)',
      'scored',
      'value_odd',
      'stake_flat',
      'stake_kelly',
      'value_result',
      'value_profit_flat',
      'closing_odd',
      'clv',
      'flagged_edge',
      'flagged_edge_value',
      'data_source',
    ]);
  });

  it('writes a header and one row per card in the given order, quoting what needs it', () => {
    const a = decodeCard(
      apiCard({
        match_id: 7,
        home_team_name: 'Alpha, "the A"',
        value_bet: {
          outcome: 0,
          edge: 0.25,
          odd: 2.5,
          stake_flat: 1,
          stake_kelly: 0.031,
          closing_odd: 2.3,
          clv: 0.087,
        },
      }),
      'c',
    );
    const b = decodeCard(
      apiCard({
        match_id: 8,
        outcome: null,
        home_score: null,
        away_score: null,
        prediction_correct: null,
        value_bet: null,
        suspect_edge: { outcome: 2, edge: 0.41, odd: 6.5, reason: 'above_ceiling' },
        model_stage: 'champion',
        predictions_computed_at: '2026-02-28T09:30:15.000Z',
        status: 'scheduled',
        is_future: true,
      }),
      'c',
    );
    const rows = parse(cardsCsv([b, a], 'utc', RULE, DEMO)) as string[][];
    expect(rows[0]).toEqual(csvColumns('utc'));
    expect(rows.map((r) => r[1])).toEqual(['match_id', '8', '7']);
    // A walk-forward backtest row, computed after the match and scored, whose value bet won at 2.5.
    expect(rows[2]).toEqual([
      '2026-03-01 15:00',
      '7',
      'England',
      'Alpha, "the A"',
      'Beta',
      '0.5',
      '0.3',
      '0.2',
      'Home',
      '2.5',
      '3.4',
      '4',
      'Home',
      '0.25',
      '2-1',
      'true',
      'backtest',
      'backtest',
      '2026-03-05 00:00:00',
      'true',
      '2.5',
      '1',
      '0.031',
      'won',
      '1.5',
      '2.3',
      '0.087',
      '',
      '',
      'demo',
    ]);
    // Upcoming: no score, no grade, no value bet, not scored; its flagged edge is named.
    expect(rows[1]!.slice(12)).toEqual([
      '',
      '',
      '',
      '',
      'champion',
      'forecast',
      '2026-02-28 09:30:15',
      'false',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'far from market',
      '0.41',
      'demo',
    ]);
  });

  it('says on every row, and in the file name, whether the data is the simulated demo', () => {
    const card = decodeCard(apiCard(), 'c');
    const source = (s: Parameters<typeof csvFileName>[0]) =>
      (parse(cardsCsv([card], 'utc', RULE, s)) as string[][])[1]!.at(-1);
    expect(source(DEMO)).toBe('demo');
    expect(source({ kind: 'football-data', seed: null })).toBe('football-data');
    // Not read yet, or no source recorded: not guessed.
    expect(source(null)).toBe('unknown');
    expect(csvFileName(DEMO)).toBe('matches-demo.csv');
    expect(csvFileName({ kind: 'provider', seed: null })).toBe('matches.csv');
    expect(csvFileName(null)).toBe('matches.csv');
  });
});
