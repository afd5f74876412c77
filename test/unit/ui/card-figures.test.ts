import { describe, expect, it } from 'vitest';
import { decodeCard } from '../../../src/ui/api/cards.ts';
import {
  betEdgePrice,
  betFiguresText,
  edgeText,
  goalsText,
  suspectText,
  valueBetRecordText,
  valueTagText,
} from '../../../src/ui/logic/card-figures.ts';
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
    expect(betFiguresText(closed, true)).toBe('at 2.50 · K 4.2% · CLV +8.3%');
    expect(betFiguresText(bet({ stake_kelly: 0.02, closing_odd: 2.5, clv: null }), true)).toBe(
      'at 2.50 · K 2.0% · close 2.50',
    );
    expect(betFiguresText(bet({}), true)).toBe('at 2.50');
    // No stake where the record does not advise one.
    expect(betFiguresText(closed, false)).toBe('at 2.50 · CLV +8.3%');
  });

  it('tags the value outcome with the price it was judged at when the detail shows another', () => {
    const bet = decodeCard(apiCard({ value_bet: { outcome: 1, edge: 0.165, odd: 4.75 } }), 'c').valueBet!;
    expect(valueTagText(bet, 4.75)).toBe('value');
    expect(valueTagText(bet, 4.51)).toBe('value at 4.75');
    expect(valueTagText(bet, null)).toBe('value at 4.75');
  });

  it('names the price beside every edge, through one formatter', () => {
    expect(edgeText(0.094, 2.1, 'published')).toBe('+9.4% at 2.10, the price when published');
    expect(edgeText(0.094, 2.1, 'backtest')).toBe('+9.4% at 2.10, the last price before kick-off');
    expect(edgeText(-0.032, 1.95, 'close')).toBe('-3.2% at the close 1.95');
    expect(edgeText(0.13, 4.19, 'latest')).toBe('+13.0% at 4.19, the latest price');
    expect(edgeText(0.227, 4.18, 'taken-at-close')).toBe('+22.7% at the close 4.18 (closing-only data)');
  });

  it("judges a value bet at the API's price: published (the backtest's last before kick-off), or latest before the close", () => {
    const card = (extra: Record<string, unknown>) => decodeCard(apiCard(extra), 'c');
    const price = (c: ReturnType<typeof card>) => betEdgePrice(c, c.valueBet!);
    expect(price(card({}))).toBe('backtest');
    expect(price(card({ model_stage: 'champion', predictions_computed_at: '2026-03-01T13:00:00Z' }))).toBe(
      'published',
    );
    const upcoming = { outcome: null, status: 'scheduled', home_score: null, away_score: null };
    expect(price(card({ ...upcoming, model_stage: 'champion' }))).toBe('latest');
    // Kicked off, not finished: the market has closed, and the API bet at the published price.
    const closed = { outcome: 0, edge: 0.1, odd: 2.2, closing_odd: 2.1, clv: 0.02 };
    expect(price(card({ ...upcoming, model_stage: 'champion', value_bet: closed }))).toBe('published');
    // Closing-only data: the only price was the close, so the bet was taken there and has no CLV.
    const atClose = { outcome: 0, edge: 0.227, odd: 4.18, closing_odd: 4.18, clv: null };
    expect(price(card({ value_bet: atClose }))).toBe('taken-at-close');
    expect(price(card({ model_stage: 'champion', value_bet: atClose }))).toBe('taken-at-close');
  });

  it('names a flagged edge by why it was flagged: far from the market, prices that cannot be right, or a team the model does not know', () => {
    const rule = { threshold: 0.05, ceiling: 0.25, minMatchesPlayed: 5 };
    const teams = { home: 'Spartans', away: 'Edinburgh City', homeMatchesPlayed: 0, awayMatchesPlayed: 40 };
    const far = suspectText(teams, { outcome: 2, edge: 0.41, odd: 6, reason: 'above_ceiling' }, rule);
    expect(far.label).toBe('far from market');
    expect(far.title).toContain('+41% is above the 25% sanity ceiling');
    expect(far.title).toContain('too much for it to be advertised as a bet');
    expect(
      suspectText(teams, { outcome: 0, edge: 0.08, odd: 2.2, reason: 'negative_margin' }, rule).label,
    ).toBe('check prices');
    const thin = suspectText(teams, { outcome: 0, edge: 0.13, odd: 2.2, reason: 'little_history' }, rule);
    expect(thin.label).toBe('little history');
    expect(thin.title).toContain('Spartans had no earlier match in the data');
    expect(thin.title).toContain('a bet needs 5 earlier matches for each team');
    expect(thin.title).toContain('does not know the team yet');
    expect(thin.title).not.toContain('Edinburgh City');
    const both = suspectText(
      { ...teams, awayMatchesPlayed: 1 },
      { outcome: 0, edge: 0.13, odd: 2.2, reason: 'little_history' },
      rule,
    );
    expect(both.title).toContain('Spartans had no earlier match and Edinburgh City had 1 earlier match');
    expect(both.title).toContain('does not know these teams yet');
    // Before the rule is read, the team with fewer matches only (a known team's count is capped, not exact).
    const unread = suspectText(teams, { outcome: 0, edge: 0.13, odd: 2.2, reason: 'little_history' }, null);
    expect(unread.title).toContain('Spartans had no earlier match in the data');
    expect(unread.title).not.toContain('Edinburgh City');
    expect(unread.title).toContain('a bet needs more earlier matches for each team');
    // Before the betting rule is read, the reason still words it.
    expect(
      suspectText(teams, { outcome: 2, edge: 0.41, odd: 6, reason: 'above_ceiling' }, null).title,
    ).toContain('above the sanity ceiling');
  });

  describe("the value bets' record, which colours every value bet and decides whether stakes are advised", () => {
    const record = (
      roi_pct: number | null,
      ci95: [number, number] | null,
      clv: { mean: number | null; ci95: [number, number] | null } = { mean: null, ci95: null },
      n_bets = 67_543,
    ) => ({
      roi: {
        flat: { n_bets, roi_pct, ci95 },
        kelly: {
          n_bets: 2_445,
          growth_pct: -90.1,
          growth_ci95: [-99.2, 13.4] as [number, number],
          max_drawdown_share: 0.95,
        },
      },
      clv: { n_bets, taken_at_close: 0, ...clv },
    });

    it('is red when the ROI interval lies wholly below zero, says so in figures, and advises no stake', () => {
      expect(
        valueBetRecordText(record(-5.28, [-6.5, -4.1], { mean: -0.0444, ci95: [-0.0461, -0.0427] })),
      ).toEqual({
        tone: 'loss',
        flat: 'ROI -5.3% [-6.5%, -4.1%] at flat stakes, 67,543 bets',
        clv: 'CLV -4.44% [-4.61%, -4.27%] a bet',
        kelly: 'bankroll -90.1% [-99.2%, +13.4%] at Kelly stakes',
        stakesAdvised: false,
      });
    });

    it('is red too when only CLV lies wholly below zero: the sharper evidence that the edges are not real', () => {
      expect(
        valueBetRecordText(record(-5.8, [-12.0, 0.2], { mean: -0.0444, ci95: [-0.0461, -0.0427] })).tone,
      ).toBe('loss');
      expect(
        valueBetRecordText(record(3.1, [0.4, 5.9], { mean: -0.02, ci95: [-0.03, -0.01] })),
      ).toMatchObject({ tone: 'loss', stakesAdvised: false });
    });

    it('is green, with stakes advised, only when ROI is wholly above zero and CLV not below; else plain', () => {
      expect(valueBetRecordText(record(3.1, [0.4, 5.9], { mean: 0.01, ci95: [-0.002, 0.02] }))).toMatchObject(
        {
          tone: 'gain',
          stakesAdvised: true,
        },
      );
      expect(valueBetRecordText(record(-5.8, [-12.0, 0.2]))).toMatchObject({
        tone: '',
        stakesAdvised: false,
      });
    });

    it('is plain, and says why, without a record or a settled bet', () => {
      expect(valueBetRecordText(null)).toMatchObject({ tone: '', kelly: null, stakesAdvised: false });
      expect(valueBetRecordText(record(null, null, undefined, 0))).toEqual({
        tone: '',
        flat: 'no value bet of the backtest is settled yet',
        clv: null,
        kelly: null,
        stakesAdvised: false,
      });
    });
  });
});
