import { describe, expect, it } from 'vitest';
import { decodeCard } from '../../../src/ui/api/cards.ts';
import { betFiguresText, goalsText, suspectText, valueTagText } from '../../../src/ui/logic/card-figures.ts';
import { apiCard } from './api-card.ts';

describe('card figures', () => {
  it('reads over 2.5 and both-teams-to-score when the card has them', () => {
    const c = decodeCard(apiCard({ proba_over_2_5: 0.544, proba_btts: 0.48 }), 'c');
    expect([c.probOver25, c.probBtts]).toEqual([0.544, 0.48]);
    expect(goalsText(c)).toEqual({ short: 'O54 B48', long: 'over 2.5 goals 54% · both teams score 48%' });
    expect(goalsText(decodeCard(apiCard({ proba_over_2_5: 0.6, proba_btts: null }), 'c'))?.short).toBe('O60');
  });

  it('shows nothing for a card without them', () => {
    const c = decodeCard(apiCard(), 'c');
    expect([c.probOver25, c.probBtts]).toEqual([null, null]);
    expect(goalsText(c)).toBeNull();
  });

  it('refuses a goals probability outside [0, 1], naming the field', () => {
    expect(() => decodeCard(apiCard({ proba_btts: 1.2 }), 'cards[3]')).toThrow('cards[3].proba_btts');
  });

  it("formats the price the edge is judged at, the API's stakes, closing odd and CLV, and only those", () => {
    const bet = (extra: Record<string, unknown>) =>
      decodeCard(apiCard({ value_bet: { outcome: 0, edge: 0.25, odd: 2.5, ...extra } }), 'c').valueBet!;
    const closed = bet({ stake_flat: 1, stake_kelly: 0.0417, closing_odd: 2.2, clv: 0.083 });
    expect(closed).toMatchObject({ stakeFlat: 1, stakeKelly: 0.0417, closingOdd: 2.2, clv: 0.083 });
    expect(betFiguresText(closed)).toBe('at 2.50 · K 4.2% · CLV +8.3%');
    expect(betFiguresText(bet({ stake_kelly: 0.02, closing_odd: 2.5, clv: null }))).toBe(
      'at 2.50 · K 2.0% · close 2.50',
    );
    expect(betFiguresText(bet({}))).toBe('at 2.50');
  });

  it('tags the value outcome with the price it was judged at when the detail shows another', () => {
    const bet = decodeCard(apiCard({ value_bet: { outcome: 1, edge: 0.165, odd: 4.75 } }), 'c').valueBet!;
    expect(valueTagText(bet, 4.75)).toBe('value');
    expect(valueTagText(bet, 4.51)).toBe('value at 4.75');
    expect(valueTagText(bet, null)).toBe('value at 4.75');
  });

  it('names a flagged edge by why it was flagged: far from the market, or prices that cannot be right', () => {
    const far = suspectText({ outcome: 2, edge: 0.41, odd: 6 }, 0.25);
    expect(far.label).toBe('far from market');
    expect(far.title).toContain('+41% is above the 25% sanity ceiling');
    expect(far.title).toContain('too much for it to be advertised as a bet');
    // Under the ceiling, only a negative-margin book is flagged (judgeEdge).
    expect(suspectText({ outcome: 0, edge: 0.08, odd: 2.2 }, 0.25).label).toBe('check prices');
    // Before the betting rule is read, the common case.
    expect(suspectText({ outcome: 0, edge: 0.08, odd: 2.2 }, null).label).toBe('far from market');
  });
});
