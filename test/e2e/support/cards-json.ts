/**
 * The /predict/cards/ items as the browser tests read them from the API, what they recompute from them to check
 * the dashboard against (the default order, which cards may be scored), and which of them a page lists.
 */
import type { Page } from 'playwright-core';

export interface CardJson {
  match_id: number;
  start_time_utc: string;
  home_team_name: string;
  away_team_name: string;
  region_id: number;
  odd_home: number | null;
  odd_draw: number | null;
  odd_away: number | null;
  outcome: number | null;
  prediction_correct: boolean | null;
  model_stage: string;
  predictions_computed_at: string | null;
  value_bet: {
    outcome: number;
    edge: number;
    odd: number;
    stake_flat?: number;
    stake_kelly?: number;
    closing_odd?: number | null;
    clv?: number | null;
  } | null;
}

export const kickoff = (c: CardJson) => Date.parse(c.start_time_utc);

/** Upcoming soonest first, then finished newest first (ties by match id, mirrored). */
export function defaultOrder(cards: readonly CardJson[]): number[] {
  const upcoming = cards.filter((c) => c.outcome === null);
  const finished = cards.filter((c) => c.outcome !== null);
  upcoming.sort((a, b) => kickoff(a) - kickoff(b) || a.match_id - b.match_id);
  finished.sort((a, b) => kickoff(b) - kickoff(a) || b.match_id - a.match_id);
  return [...upcoming, ...finished].map((c) => c.match_id);
}

/** Finished and predicted by a model that never saw the match: the only cards ROI and marks may use. */
export function scored(c: CardJson): boolean {
  if (c.outcome === null) return false;
  if (c.model_stage === 'backtest') return true;
  return c.predictions_computed_at !== null && Date.parse(c.predictions_computed_at) < kickoff(c);
}

/** The match ids of the rows the list has rendered, top to bottom. */
export const shownIds = (page: Page): Promise<number[]> =>
  page
    .getByTestId('match-row')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-match-id'))));
