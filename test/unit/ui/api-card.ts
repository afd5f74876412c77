/** A /predict/cards/ item as JSON, with sensible defaults, for the dashboard's unit tests. */
export type ApiCardJson = Record<string, unknown>;

export function apiCard(overrides: ApiCardJson = {}): ApiCardJson {
  return {
    match_id: 1,
    proba_home: 0.5,
    proba_draw: 0.3,
    proba_away: 0.2,
    predicted_class: 0,
    predicted_label: 'home_win',
    is_future: false,
    start_time_utc: '2026-03-01T15:00:00.000Z',
    home_team_name: 'Alpha',
    away_team_name: 'Beta',
    model_run_id: 'run-1',
    model_stage: 'backtest',
    predictions_computed_at: '2026-03-05T00:00:00.000Z',
    region_id: 1,
    region_name: 'England',
    sex: 0,
    status: 'finished',
    odd_home: 2.5,
    odd_draw: 3.4,
    odd_away: 4.0,
    odds_url: null,
    home_score: 2,
    away_score: 1,
    outcome: 0,
    prediction_correct: true,
    value_bet: { outcome: 0, edge: 0.25, odd: 2.5 },
    ...overrides,
  };
}
