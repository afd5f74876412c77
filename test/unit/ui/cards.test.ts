import { describe, expect, it } from 'vitest';
import { decodeCard, decodeCards, UNKNOWN_REGION_ID } from '../../../src/ui/api/cards.ts';
import { DecodeError } from '../../../src/ui/api/decode.ts';
import { apiCard } from './api-card.ts';

describe('decodeCard', () => {
  it('parses times once and keeps the value bet', () => {
    const c = decodeCard(apiCard(), 'c');
    expect(c.kickoffMs).toBe(Date.parse('2026-03-01T15:00:00.000Z'));
    expect(c.probs).toEqual([0.5, 0.3, 0.2]);
    expect(c.odds).toEqual([2.5, 3.4, 4.0]);
    expect(c.valueBet).toEqual({
      outcome: 0,
      edge: 0.25,
      odd: 2.5,
      stakeFlat: null,
      stakeKelly: null,
      closingOdd: null,
      clv: null,
    });
    expect(c.source).toBe('backtest');
    expect(c.correct).toBe(true);
    expect(c.searchText).toBe('alpha beta');
  });

  it('does not score a prediction computed after kick-off by a live model', () => {
    const c = decodeCard(apiCard({ model_stage: 'champion' }), 'c');
    expect(c.source).toBe('after_kickoff');
    expect(c.scored).toBe(false);
    expect(c.correct).toBeNull();
  });

  it('scores a champion prediction logged before kick-off', () => {
    const c = decodeCard(
      apiCard({
        model_stage: 'champion',
        predictions_computed_at: '2026-02-28T10:00:00.000Z',
        prediction_correct: false,
      }),
      'c',
    );
    expect(c.source).toBe('before_kickoff');
    expect(c.correct).toBe(false);
  });

  it('treats an unfinished match as a forecast without a mark', () => {
    const c = decodeCard(
      apiCard({
        outcome: null,
        home_score: null,
        away_score: null,
        status: 'scheduled',
        prediction_correct: null,
      }),
      'c',
    );
    expect(c.source).toBe('forecast');
    expect(c.correct).toBeNull();
  });

  it('accepts the nulls the API allows and drops invalid odds', () => {
    const c = decodeCard(
      apiCard({ region_id: null, region_name: null, home_team_name: null, odd_home: null, value_bet: null }),
      'c',
    );
    expect(c.regionId).toBe(UNKNOWN_REGION_ID);
    expect(c.home).toBe('?');
    expect(c.odds).toBeNull();
    expect(c.valueBet).toBeNull();
  });

  it('names the offending field', () => {
    expect(() => decodeCards([apiCard(), apiCard({ proba_draw: '0.3' })])).toThrow(DecodeError);
    expect(() => decodeCards([apiCard(), apiCard({ proba_draw: '0.3' })])).toThrow(/cards\[1\]\.proba_draw/);
    expect(() => decodeCards({})).toThrow(/cards/);
  });
});
