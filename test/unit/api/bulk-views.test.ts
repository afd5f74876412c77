import { describe, expect, it } from 'vitest';
import {
  actualOutcome,
  boundMs,
  card,
  filterRows,
  invalidDateParams,
  precomputed,
} from '../../../src/api/services/bulk-views.ts';
import { removeMargin } from '../../../src/domain/margin-removal.ts';
import { DEFAULT_EDGE_RULE } from '../../../src/domain/value-bet.ts';
import {
  createPredictionTableBuilder,
  type MatchPrediction,
} from '../../../src/storage/artifacts/prediction-table.ts';

function prediction(overrides: Partial<MatchPrediction> = {}): MatchPrediction {
  const start = overrides.start_time_utc ?? '2026-03-01T15:00:00.000Z';
  return {
    match_id: 1,
    home_team_name: 'A',
    away_team_name: 'B',
    start_time_utc: start,
    start_ms: Date.parse(start),
    region_id: 1,
    region_name: 'England',
    sex: 0,
    status: 'scheduled',
    home_score: null,
    away_score: null,
    proba_home: 0.5,
    proba_draw: 0.3,
    proba_away: 0.2,
    proba_over_2_5: 0.55,
    proba_btts: 0.5,
    home_matches_played: 40,
    away_matches_played: 40,
    predicted_class: 0,
    predicted_label: 'home_win',
    is_future: true,
    model_stage: 'champion',
    model_run_id: 'r1',
    computed_at: '2026-02-28T00:00:00.000Z',
    ...overrides,
  };
}

const odds = {
  match_id: 1,
  odd_home: 2.4,
  odd_draw: 3.2,
  odd_away: 4,
  bookmaker: 'Pinnacle',
  odds_url: 'https://x.test/1',
  collected_at: null,
};

describe('card', () => {
  it('has no outcome, correctness or scores before the match is finished', () => {
    const c = card(prediction(), odds);
    expect(c.outcome).toBeNull();
    expect(c.prediction_correct).toBeNull();
    expect(c.odd_home).toBe(2.4);
    expect(c.odds_url).toBe('https://x.test/1');
  });

  it('marks a finished match right or wrong from its score', () => {
    const won = card(
      prediction({ status: 'finished', home_score: 2, away_score: 0, is_future: false }),
      odds,
    );
    expect(won.outcome).toBe(0);
    expect(won.prediction_correct).toBe(true);
    const drawn = card(
      prediction({ status: 'finished', home_score: 1, away_score: 1, is_future: false }),
      odds,
    );
    expect(drawn.outcome).toBe(1);
    expect(drawn.prediction_correct).toBe(false);
  });

  it('offers the outcome with the largest edge p·odd − 1 when it reaches 5 %', () => {
    // edges: home 0.5·2.4−1 = 0.2, draw −0.04, away −0.2
    expect(card(prediction(), odds).value_bet).toEqual({
      outcome: 0,
      edge: expect.closeTo(0.2, 10),
      odd: 2.4,
      stake_flat: 1,
      // quarter Kelly of (0.5·2.4 − 1) / 1.4 = 0.143 is 0.036, under the 5 % cap
      stake_kelly: expect.closeTo(0.25 * (0.2 / 1.4), 10),
    });
    expect(card(prediction(), { ...odds, odd_home: 2.05 }).value_bet).toBeNull();
  });

  it('stakes the value bet by the plan it is given, Kelly capped', () => {
    const bet = card(prediction(), odds, undefined, {
      flatStake: 2,
      kelly: { fraction: 1, cap: 0.1 },
    }).value_bet;
    expect(bet).toMatchObject({ stake_flat: 2, stake_kelly: 0.1 });
  });

  it('adds the closing odd and the CLV once the market has closed', () => {
    const snap = (
      kind: 'pre_match' | 'closing',
      prices: [number, number, number],
      bookmaker = 'Pinnacle',
    ) => ({
      matchId: 1,
      bookmaker,
      kind,
      observedAtMs: kind === 'closing' ? 2000 : 1000,
      odds: prices,
    });
    const taken = snap('pre_match', [2.4, 3.2, 4]);
    const closing = snap('closing', [2.0, 3.4, 4.0]);
    const bet = card(prediction(), odds, undefined, undefined, [taken, closing]).value_bet;
    // closing margin-free home probability × 2.4 − 1: the market moved towards the bet
    const implied = [1 / 2.0, 1 / 3.4, 1 / 4.0];
    const sum = implied[0]! + implied[1]! + implied[2]!;
    expect(bet).toMatchObject({ closing_odd: 2.0 });
    expect(bet?.clv).toBeGreaterThan(0);
    expect(bet?.clv).toBeCloseTo((implied[0]! / sum) * 2.4 - 1, 1);
    // The margin comes off the configured way (params.yaml evaluate.margin_method, as the track record's).
    for (const method of ['multiplicative', 'shin', 'power'] as const)
      expect(
        card(prediction(), odds, undefined, undefined, [taken, closing], method).value_bet?.clv,
      ).toBeCloseTo((removeMargin([2.0, 3.4, 4.0], method)[0] as number) * 2.4 - 1, 12);
    // Before the close: neither field.
    expect(card(prediction(), odds, undefined, undefined, [taken]).value_bet).not.toHaveProperty('clv');
    // A price that was the closing one measures nothing: closing odd, no CLV.
    const atClose = card(prediction(), odds, undefined, undefined, [snap('closing', [2.4, 3.2, 4])]);
    expect(atClose.value_bet).toMatchObject({ closing_odd: 2.4, clv: null });
  });

  it('bets a past card at the price the track record takes, not the latest one', () => {
    const kickoff = Date.parse('2026-03-01T15:00:00.000Z');
    const at = (hoursBefore: number) => kickoff - hoursBefore * 3_600_000;
    const history = [
      {
        matchId: 1,
        bookmaker: 'Pinnacle',
        kind: 'pre_match' as const,
        observedAtMs: at(72),
        odds: [2.4, 3.2, 4] as const,
      },
      {
        matchId: 1,
        bookmaker: 'Pinnacle',
        kind: 'pre_match' as const,
        observedAtMs: at(2),
        odds: [2.0, 3.4, 4.2] as const,
      },
      {
        matchId: 1,
        bookmaker: 'Pinnacle',
        kind: 'closing' as const,
        observedAtMs: kickoff,
        odds: [1.9, 3.5, 4.4] as const,
      },
    ];
    const closing = { ...odds, odd_home: 1.9, odd_draw: 3.5, odd_away: 4.4 };
    const finished = { status: 'finished', home_score: 1, away_score: 0, is_future: false };
    // Published two days before: the 2.4 then on offer (edge 0.2), with its CLV against the close.
    const published = card(
      prediction({ ...finished, computed_at: new Date(at(48)).toISOString() }),
      closing,
      undefined,
      undefined,
      history,
    );
    expect(published.value_bet).toMatchObject({ outcome: 0, odd: 2.4, closing_odd: 1.9 });
    expect(published.value_bet?.clv).toBeGreaterThan(0);
    // The walk-forward backtest: the last pre-match price (2.0: edge 0, no bet), never the close.
    expect(
      card(prediction({ ...finished, model_stage: 'backtest' }), closing, undefined, undefined, history)
        .value_bet,
    ).toBeNull();
    // Published after every pre-match price but before kick-off: the latest of them.
    const late = card(
      prediction({ ...finished, computed_at: new Date(at(1)).toISOString() }),
      closing,
      undefined,
      undefined,
      history,
    );
    expect(late.value_bet).toBeNull();
    // The card still shows the latest price.
    expect(published).toMatchObject({ odd_home: 1.9, odd_away: 4.4 });
  });

  it("judges edges by the rule it is given (params.yaml's betting threshold and ceiling)", () => {
    // The home edge is 0.2: above a 0.15 ceiling it is suspect, below a 0.25 threshold it is no bet.
    const flagged = card(prediction(), odds, { ...DEFAULT_EDGE_RULE, threshold: 0.05, ceiling: 0.15 });
    expect(flagged.value_bet).toBeNull();
    expect(flagged.suspect_edge).toEqual({
      outcome: 0,
      edge: expect.closeTo(0.2, 10),
      odd: 2.4,
      reason: 'above_ceiling',
    });
    expect(
      card(prediction(), odds, { ...DEFAULT_EDGE_RULE, threshold: 0.25, ceiling: 0.5 }).value_bet,
    ).toBeNull();
  });

  it('flags, never bets, an edge found for a team with too little history (a promoted club, a new league)', () => {
    // The same +20 % home edge is a bet when both teams have history; with a newcomer it is shown, flagged.
    expect(card(prediction(), odds).value_bet?.edge).toBeCloseTo(0.2, 10);
    const newcomer = card(prediction({ away_matches_played: 2 }), odds);
    expect(newcomer.value_bet).toBeNull();
    expect(newcomer.suspect_edge).toMatchObject({ outcome: 0, reason: 'little_history' });
    expect(newcomer).toMatchObject({ home_matches_played: 40, away_matches_played: 2 });
    // At the rule's minimum (params train.min_matches_played) the team counts as known; unknown history passes.
    expect(card(prediction({ away_matches_played: 5 }), odds).value_bet).not.toBeNull();
    const unknown = prediction({ home_matches_played: null, away_matches_played: null });
    expect(card(unknown, odds).value_bet).not.toBeNull();
    expect(
      card(prediction({ away_matches_played: 2 }), odds, { ...DEFAULT_EDGE_RULE, minMatchesPlayed: 0 })
        .value_bet,
    ).not.toBeNull();
  });

  it('leaves odds and the value bet null for a match without odds', () => {
    const c = card(prediction(), undefined);
    expect([c.odd_home, c.odd_draw, c.odd_away, c.odds_url, c.value_bet]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('carries over 2.5 goals and both-teams-to-score, null when the artifact has none', () => {
    expect(card(prediction(), odds)).toMatchObject({ proba_over_2_5: 0.55, proba_btts: 0.5 });
    expect(precomputed(prediction())).toMatchObject({ proba_over_2_5: 0.55, proba_btts: 0.5 });
    const none = prediction({ proba_over_2_5: null, proba_btts: null });
    expect(card(none, odds)).toMatchObject({ proba_over_2_5: null, proba_btts: null });
  });

  it('does not read an outcome from a score while the match is live', () => {
    expect(actualOutcome(prediction({ status: 'live', home_score: 1, away_score: 0 }))).toBeNull();
  });
});

describe('filterRows', () => {
  const rows = [1, 2, 3, 4, 5, 6].map((i) =>
    prediction({
      match_id: i,
      region_id: i % 2 === 0 ? 2 : 1,
      is_future: i > 3,
      start_time_utc: `2026-03-0${i}T12:00:00.000Z`,
    }),
  );
  const builder = createPredictionTableBuilder(rows.length);
  for (const { start_ms, predicted_label, ...input } of rows) builder.add(input);
  const table = builder.build(0);
  const ids = (query: Parameters<typeof filterRows>[1]) =>
    filterRows(table, query).map((i) => table.row(i).match_id);

  it('returns everything, in order, with no filter', () => {
    expect(ids({})).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives back each row as it went in', () => {
    expect(rows.map((_, i) => table.row(i))).toEqual(rows);
    expect(table.get(4)).toEqual(rows[3]);
    expect(table.get(99)).toBeUndefined();
  });

  it('filters by is_future and region', () => {
    expect(ids({ is_future: true })).toEqual([4, 5, 6]);
    expect(ids({ is_future: false, region_id: 2 })).toEqual([2]);
  });

  it('treats from as inclusive and a bare to date as the whole day', () => {
    expect(ids({ from: '2026-03-02', to: '2026-03-04' })).toEqual([2, 3, 4]);
    expect(ids({ from: '2026-03-02T12:00:00Z', to: '2026-03-04T12:00:00Z' })).toEqual([2, 3]);
  });

  it("reads a time without an offset as UTC, whatever the server's zone", () => {
    const zone = process.env.TZ;
    // Node follows TZ as soon as it changes: Date.parse read '12:30' as Paris time here.
    process.env.TZ = 'Europe/Paris';
    try {
      const noon = Date.UTC(2026, 11, 12, 12, 30);
      expect(boundMs('2026-12-12T12:30', false)).toBe(noon);
      expect(boundMs('2026-12-12 12:30:00', false)).toBe(noon);
      expect(boundMs('2026-12-12T12:30Z', false)).toBe(noon);
      expect(boundMs('2026-12-12T13:30+01:00', false)).toBe(noon);
      expect(boundMs('2026-12-12 13:30+0100', false)).toBe(noon);
      expect(boundMs('2026-12-12', true)).toBe(Date.UTC(2026, 11, 13));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('applies offset then limit after filtering', () => {
    expect(ids({ region_id: 1, offset: 1, limit: 1 })).toEqual([3]);
    expect(ids({ offset: 10 })).toEqual([]);
  });

  it('reports impossible calendar dates', () => {
    expect(invalidDateParams({ from: '2026-02-31', to: '2026-03-01' })).toEqual(['from']);
  });
});
