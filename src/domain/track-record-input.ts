/** One match as the track record reads it: its result, every published prediction and every price snapshot. */
import type { LoggedPrediction } from './leakage-rule.ts';
import type { OddsSnapshot } from './odds-history.ts';
import type { OutcomeClass } from './outcome.ts';

export interface TrackRecordInput {
  readonly matchId: number;
  /** Competition as stored (e.g. `Premier League`, `Liga Profesional`). */
  readonly league: string;
  readonly kickoffMs: number;
  /** The result; null until the match is finished. */
  readonly outcome: OutcomeClass | null;
  /** Every batch or live prediction logged for the match (backtest rows are ignored if present). */
  readonly predictions: readonly LoggedPrediction[];
  readonly snapshots: readonly OddsSnapshot[];
}
