/**
 * The columns of every tabular artifact, declared once: the pipeline writes exactly these (in this order, with
 * these Parquet kinds) and the API's readers ask the decoder for exactly these names. A column added here is
 * written and read; one dropped here can no longer be half-written.
 */
import type { FeatureRowKeys, OddsRow, PredictionRow, ProfitPoint, RegionRoiRow } from './artifacts.ts';

/** How a column is stored in Parquet: timestamps travel as ISO 8601 text. */
export type ColumnKind = 'double' | 'bigint' | 'varchar' | 'boolean';

/** One column of an artifact whose rows are `Row`. */
export type ColumnSpec<Row> = readonly [name: keyof Row & string, kind: ColumnKind];

/** predictions/predictions.parquet */
export const PREDICTION_COLUMNS = [
  ['match_id', 'bigint'],
  ['home_team_name', 'varchar'],
  ['away_team_name', 'varchar'],
  ['start_time_utc', 'varchar'],
  ['region_id', 'bigint'],
  ['region_name', 'varchar'],
  ['sex', 'bigint'],
  ['status', 'varchar'],
  ['home_score', 'bigint'],
  ['away_score', 'bigint'],
  ['proba_home', 'double'],
  ['proba_draw', 'double'],
  ['proba_away', 'double'],
  ['proba_over_2_5', 'double'],
  ['proba_btts', 'double'],
  ['home_matches_played', 'bigint'],
  ['away_matches_played', 'bigint'],
  ['predicted_class', 'bigint'],
  ['is_future', 'boolean'],
  ['model_name', 'varchar'],
  ['model_version', 'bigint'],
  ['model_stage', 'varchar'],
  ['model_run_id', 'varchar'],
  ['computed_at', 'varchar'],
  ['trained_until', 'varchar'],
] as const satisfies readonly ColumnSpec<PredictionRow>[];

/** odds/odds.parquet */
export const ODDS_COLUMNS = [
  ['match_id', 'bigint'],
  ['odd_home', 'double'],
  ['odd_draw', 'double'],
  ['odd_away', 'double'],
  ['bookmaker', 'varchar'],
  ['odds_url', 'varchar'],
  ['collected_at', 'varchar'],
] as const satisfies readonly ColumnSpec<OddsRow>[];

/** The identifying columns of features/match_features.parquet; every other column is a double feature. */
export const FEATURE_KEY_COLUMNS = [
  ['match_id', 'bigint'],
  ['start_time_utc', 'varchar'],
  ['region_id', 'bigint'],
  ['is_future', 'boolean'],
  ['outcome', 'bigint'],
] as const satisfies readonly ColumnSpec<FeatureRowKeys>[];

/** betting/roi_by_region.csv */
export const REGION_ROI_COLUMNS = [
  'region_id',
  'region_name',
  'roi_pct',
  'n_bets',
  'hit_rate',
  'roi_ci95_low',
  'roi_ci95_high',
  'max_drawdown',
] as const satisfies readonly (keyof RegionRoiRow)[];

/** betting/profit_by_day.csv */
export const PROFIT_COLUMNS = [
  'date',
  'region_id',
  'n_bets',
  'profit',
  'cumulative_profit',
] as const satisfies readonly (keyof ProfitPoint)[];

/** The names of a column list. */
export function columnNames<Row>(columns: readonly ColumnSpec<Row>[]): (keyof Row & string)[] {
  return columns.map(([name]) => name);
}
