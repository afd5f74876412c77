/**
 * The shape of a track record (the report of pipelines/reports/track-record.ts): one home for the API's answer,
 * the replay's output and the dashboard's decoder, how the model's score is set beside a market's, and the line
 * under a per-league or by-edge ROI table.
 */
import type { MarginMethod } from './margin-removal.ts';
import type { Multiplicity } from './multiplicity.ts';

/** A 95 % interval [low, high], or null when there is nothing to average. */
export type Interval = [number, number] | null;

/**
 * The market's scores on the matches it priced, beside the model's on the same matches: the model's own scores
 * cover every graded match, and a comparison across two sets of matches says more about the sets than the model.
 */
export interface PairedScores {
  readonly n: number;
  readonly log_loss: number | null;
  readonly rps: number | null;
  readonly model_log_loss: number | null;
  readonly model_rps: number | null;
}

/**
 * The model's score to show beside a market's: on the same matches (`paired`), or its own on every graded match
 * when the market priced none of them. Two sets of matches would compare the sets, not the forecasts.
 */
export function besideMarket(
  market: { readonly log_loss: number | null },
  paired: number | null,
  own: number | null,
): number | null {
  return market.log_loss === null ? own : paired;
}

/**
 * The line under a table of ROIs side by side (`slices`: `leagues`, `edge bands`), in the dashboard and the
 * replay's text: how many intervals are compared and how many exclude zero, beside how many would by chance.
 */
function againstChance(m: Multiplicity, slices: string): string {
  if (m.compared < 2)
    return `Fewer than two ${slices} have ${m.min_bets} bets or more: no intervals to compare.`;
  const excluding = m.above_zero + m.below_zero;
  const sides = excluding === 0 ? '' : ` (${m.above_zero} above zero, ${m.below_zero} below)`;
  return (
    `${m.compared} ${slices} with ${m.min_bets} bets or more compared: at 95 % about ` +
    `${Number(m.expected_by_chance.toFixed(1))} would look significant by chance; ` +
    `${excluding} ${excluding === 1 ? 'does' : 'do'}${sides}.`
  );
}

/** The line under a per-league ROI table (`multiplicity`). */
export function leaguesAgainstChance(m: Multiplicity): string {
  return againstChance(m, 'leagues');
}

/** The line under a by-edge ROI table (`by_edge_multiplicity`). */
export function edgeBandsAgainstChance(m: Multiplicity): string {
  return againstChance(m, 'edge bands');
}

/** A flat-stake ROI in % with its bets and 95 % interval. */
export interface FlatRoi {
  readonly n_bets: number;
  readonly roi_pct: number | null;
  readonly ci95: Interval;
}

/**
 * The bets of one edge band (domain/edge-bands.ts), by the edge each was taken at: if edges measured an
 * advantage, ROI and closing-line value would rise from band to band.
 */
export interface EdgeBandRecord {
  /** The band, as fractions: from ≤ edge < to; the last band also holds edge = to (the ceiling). */
  readonly from: number;
  readonly to: number;
  /** Mean edge p·odd − 1 of its bets at the price taken; null without bets. */
  readonly edge_mean: number | null;
  readonly clv: { readonly n_bets: number; readonly mean: number | null; readonly ci95: Interval };
  readonly roi: { readonly flat: FlatRoi };
}

export interface LeagueRecord {
  readonly league: string;
  readonly n: number;
  readonly model: { readonly log_loss: number | null; readonly rps: number | null };
  readonly market_closing: PairedScores;
  readonly clv: { readonly n_bets: number; readonly mean: number | null };
  readonly roi: { readonly flat: FlatRoi };
}

/** The record as it stood at the end of one UTC day with graded matches (kick-off day), everything cumulative. */
export interface TrackRecordDay {
  /** YYYY-MM-DD (UTC) of the kick-offs. */
  readonly date: string;
  readonly graded: number;
  /** Running means over the graded matches so far. */
  readonly model: { readonly log_loss: number; readonly rps: number };
  /** Running means over those with a closing price: the market's, and the model's on the same matches. */
  readonly market_closing: {
    readonly log_loss: number | null;
    readonly rps: number | null;
    readonly model_log_loss: number | null;
    readonly model_rps: number | null;
  };
  readonly n_bets: number;
  /** Sum of the closing-line values of the bets so far (per unit staked) and how many bets it adds. */
  readonly clv: { readonly n_bets: number; readonly sum: number };
  /** Flat one-unit stakes: profit in units, with its 95 % bootstrap band. */
  readonly flat: { readonly profit: number; readonly band95: [number, number] };
  /** Fractional Kelly from a bankroll of 100, with its 95 % bootstrap band. */
  readonly kelly: { readonly bankroll: number; readonly band95: [number, number] };
}

/** How the figures were made, so a reader can redo them. */
export interface TrackRecordMethod {
  readonly edge_threshold: number;
  readonly edge_ceiling: number;
  readonly min_matches_played: number;
  readonly margin_method: MarginMethod;
  readonly kelly_fraction: number;
  readonly kelly_cap: number;
  readonly kelly_start: number;
  readonly bootstrap_resamples: number;
  readonly bootstrap_seed: number;
}

export interface TrackRecord {
  readonly matches_predicted: number;
  readonly late_predictions: number;
  readonly graded: number;
  readonly model: { readonly log_loss: number | null; readonly rps: number | null };
  readonly market_closing: PairedScores;
  readonly market_pre_match: {
    readonly n: number;
    readonly log_loss: number | null;
    readonly model_log_loss: number | null;
  };
  readonly clv: {
    readonly n_bets: number;
    readonly mean: number | null;
    readonly ci95: Interval;
    /** Bets taken at the close (closing-only files): in the ROI, not in the CLV. */
    readonly taken_at_close: number;
  };
  readonly roi: {
    readonly flat: FlatRoi;
    readonly kelly: {
      readonly n_bets: number;
      /** Growth of the bankroll in % of the start; null without bets. */
      readonly growth_pct: number | null;
      readonly growth_ci95: Interval;
      readonly max_drawdown_share: number | null;
    };
  };
  readonly by_league: LeagueRecord[];
  /** How many of by_league's ROI intervals exclude zero, against how many would by chance. */
  readonly multiplicity: Multiplicity;
  /** One entry per edge band, in order of the edges; every bet is in exactly one. */
  readonly by_edge: EdgeBandRecord[];
  /** How many of by_edge's ROI intervals exclude zero, against how many would by chance. */
  readonly by_edge_multiplicity: Multiplicity;
  readonly series: TrackRecordDay[];
  readonly method: TrackRecordMethod;
}
